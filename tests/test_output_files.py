"""Output files are written whole or not at all."""

from __future__ import annotations

import os
import re
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import output_files
from argmap.errors import UsageError
from argmap.output_files import ensure_folder, write_atomic

ROOT = Path(__file__).parent.parent
HAS_UNNAMED = sys.platform.startswith("linux") and hasattr(os, "O_TMPFILE")


@pytest.fixture(params=["unnamed", "named"])
def way(request, monkeypatch):
    """Each test runs through Linux's unnamed temp file and through the portable named one."""
    if request.param == "unnamed" and not HAS_UNNAMED:
        pytest.skip("O_TMPFILE is Linux only")
    if request.param == "named":
        monkeypatch.setattr(output_files, "_write_unnamed", lambda *args: False)
    return request.param


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path, way):
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_a_failed_rename_keeps_the_old_file_and_cleans_up(tmp_path, monkeypatch, way):
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UsageError, match="cannot write .*page.html.*Permission denied"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_a_directory_in_the_way_is_a_clear_error(tmp_path):
    (tmp_path / "page.html").mkdir()
    with pytest.raises(UsageError, match="cannot write"):
        write_atomic(tmp_path / "page.html", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def _special_files(folder: Path) -> dict[str, Path]:
    """One of each kind of file that is not a regular file, made in `folder`."""
    made = {
        "folder": folder / "dir",
        "fifo": folder / "fifo",
        "socket": folder / "sock",
        "device": folder / "null",
    }
    made["folder"].mkdir()
    os.mkfifo(made["fifo"])
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(made["socket"]))
    try:  # a private copy of /dev/null: even a broken check could only replace this one
        os.mknod(made["device"], stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:  # not root: a link to /dev/null, which /dev's owner alone could replace
        made["device"].symlink_to("/dev/null")
    return made


@pytest.mark.parametrize(
    "kind, says",
    [
        ("folder", "a folder"),
        ("fifo", "a FIFO (named pipe)"),
        ("socket", "a socket"),
        ("device", "a character device"),
    ],
)
def test_never_replaces_anything_but_a_regular_file(tmp_path, way, kind, says):
    target = _special_files(tmp_path)[kind]
    before = os.stat(target)
    with pytest.raises(UsageError) as caught:
        write_atomic(target, "x")
    assert str(caught.value) == (
        f"cannot write '{target}': it is {says}, not a regular file "
        "(argmap replaces only regular files; choose another output)"
    )
    after = os.stat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir", "fifo", "null", "sock"]


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/1"])
def test_a_standard_stream_is_not_a_file_to_replace(name):
    with pytest.raises(
        UsageError,
        match=f"cannot write '{name}': it is a standard stream, not "
        "a file [(]argmap export prints to standard output "
        "when -o is left out[)]",
    ):
        write_atomic(name, "x")


def test_a_symlink_is_written_through_like_a_shell_redirect(tmp_path, way):
    (tmp_path / "real.html").write_text("old", encoding="utf-8")
    (tmp_path / "link.html").symlink_to("real.html")
    write_atomic(tmp_path / "link.html", "new")
    assert (tmp_path / "link.html").is_symlink()
    assert (tmp_path / "real.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.html", "real.html"]


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_an_existing_file_keeps_its_permissions(tmp_path, way, mode):
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_what_the_umask_allows_like_a_shell_redirect(tmp_path, way, umask, mode):
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "page.html", "new")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == mode


def test_signal_handlers_are_as_they_were_after_a_write(tmp_path, way):
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    write_atomic(tmp_path / "page.html", "new")
    assert {s: signal.getsignal(s) for s in before} == before


def test_a_file_where_the_folder_should_be_is_a_usage_error(tmp_path):
    (tmp_path / "site").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        ensure_folder(tmp_path / "site")
    assert str(caught.value) == (
        f"cannot write into '{tmp_path / 'site'}': it exists and is not "
        "a folder (name a folder, or one that does not exist yet)"
    )
    ensure_folder(tmp_path / "a" / "b")
    ensure_folder(tmp_path / "a" / "b")  # already there: nothing to do
    assert (tmp_path / "a" / "b").is_dir()


# A real process writing 4 MB, stalled after its first chunk until a signal ends it.
_STALLED_WRITER = r"""
import os, signal, sys, time
from argmap import output_files
signal.signal(signal.SIGTERM, signal.SIG_DFL)  # as in any process, whatever the test runner set
signal.signal(signal.SIGHUP, signal.SIG_DFL)
if sys.argv[2] == "named":
    output_files._write_unnamed = lambda *args: False
real_write = os.write
def write_then_stall(fd, data):
    written = real_write(fd, data)
    print("writing", flush=True)
    time.sleep(120)
    return written
os.write = write_then_stall
output_files.write_atomic(sys.argv[1], b"new\n" * 1_000_000)
"""


def _kill_mid_write(tmp_path: Path, way: str, signum: int) -> tuple[subprocess.Popen, list[str]]:
    """Start the stalled writer over a page, signal it mid-write; (process, files seen then)."""
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", _STALLED_WRITER, str(target), way],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout.readline() == "writing\n", process.stderr.read()
        during = sorted(p.name for p in tmp_path.iterdir())
        process.send_signal(signum)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process, during


@pytest.mark.parametrize(
    "signum", [pytest.param(signal.SIGTERM, id="SIGTERM"), pytest.param(signal.SIGHUP, id="SIGHUP")]
)
def test_terminated_mid_write_leaves_the_old_file_and_no_temporary(tmp_path, way, signum):
    process, during = _kill_mid_write(tmp_path, way, signum)
    if way == "named":  # the temporary did exist: the signal really came mid-write
        assert len(during) == 2 and re.fullmatch(r"\.page\.html\.[0-9a-f]{8}\.tmp", during[0])
    else:
        assert during == ["page.html"]  # unnamed until complete
    assert process.returncode == -signum  # still ends by the signal, as its sender expects
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == "old"


@pytest.mark.skipif(not HAS_UNNAMED, reason="O_TMPFILE is Linux only")
def test_killed_mid_write_leaves_nothing_with_a_name(tmp_path):
    process, during = _kill_mid_write(tmp_path, "unnamed", signal.SIGKILL)
    assert during == ["page.html"]
    assert process.returncode == -signal.SIGKILL
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == "old"
