"""Write output files whole or not at all, and never over anything but a regular file."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import stat
import threading
from pathlib import Path

from .errors import UsageError

# what a shell's `>` asks for: the umask then takes away what the user keeps private
_NEW_FILE_MODE = 0o666
# written in pieces so a SIGTERM is acted on mid-write, not after the last byte
_CHUNK_BYTES = 1 << 20
# names that are standard streams, not files: replacing them would swap the file behind a redirect
_STREAM = re.compile(r"/dev/(stdin|stdout|stderr|fd/\d+)|/proc/(self|thread-self|\d+)/fd/\d+")
_KINDS = [
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
]
# the signals whose default action ends the process and that a user or service manager sends
_TERMINATING = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write `content` to `path` whole or not at all, keeping an existing file's permissions.

    Never replaces a folder, device, FIFO or socket, nor writes to a standard stream
    (UsageError, exit 2). On Linux the data goes to an unnamed file that gets a name only
    once complete, so even a killed process leaves nothing behind; elsewhere a named
    temporary file is removed on SIGTERM and SIGHUP as on Ctrl-C.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    target, old = _regular_target(path)
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write '{path}': folder '{folder}' does not exist")
    try:
        with _tidy_termination():
            if not _write_unnamed(folder, target, data, old):
                _write_named(folder, target, data, old)
    except OSError as exc:
        raise UsageError(f"cannot write '{path}': {exc.strerror or exc}") from None


def ensure_folder(path: str | Path) -> None:
    """Create the output folder `path` and its parents if missing; a file in the way: UsageError."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(
            f"cannot write into '{path}': it exists and is not a folder "
            "(name a folder, or one that does not exist yet)"
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot create folder '{path}': {exc.strerror or exc}") from None


def _regular_target(path: Path) -> tuple[Path, os.stat_result | None]:
    """Where to write for `path` (through a symlink, as `>` does) and the file there now, if any."""
    for name in (os.path.abspath(path), os.path.realpath(path)):
        if _STREAM.fullmatch(name):
            raise UsageError(
                f"cannot write '{path}': it is a standard stream, not a file "
                "(argmap export prints to standard output when -o is left out)"
            )
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        old = os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as exc:
        raise UsageError(f"cannot write '{path}': {exc.strerror or exc}") from None
    if not stat.S_ISREG(old.st_mode):
        kind = next((name for test, name in _KINDS if test(old.st_mode)), "not a file")
        raise UsageError(
            f"cannot write '{path}': it is {kind}, not a regular file "
            "(argmap replaces only regular files; choose another output)"
        )
    return target, old


def _write_unnamed(folder: Path, target: Path, data: bytes, old) -> bool:
    """Write through an O_TMPFILE file named only when complete; False where that is unsupported."""
    if not hasattr(os, "O_TMPFILE") or not os.path.isdir("/proc/self/fd"):
        return False
    try:
        fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, _NEW_FILE_MODE)
    except OSError:  # a file system or kernel without O_TMPFILE: the named way reports real errors
        return False
    try:
        _fill(fd, data, old)
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            # the name exists only between these two calls, with termination held off
            with _signals_held():
                # a dir fd makes os.link call linkat(AT_SYMLINK_FOLLOW): plain link() cannot
                temp, _ = _free_name(
                    target, lambda name: os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=folder_fd)
                )
                try:
                    os.replace(temp, target.name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
                except BaseException:
                    os.unlink(temp, dir_fd=folder_fd)
                    raise
        finally:
            os.close(folder_fd)
    finally:
        os.close(fd)
    return True


def _write_named(folder: Path, target: Path, data: bytes, old) -> None:
    """Write to a named temporary file beside `target`, then rename it over `target`."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    temp = None
    try:
        with _signals_held():  # no instant where the file exists but `temp` does not name it
            name, fd = _free_name(
                target, lambda name: os.open(folder / name, flags, _NEW_FILE_MODE)
            )
            temp = folder / name
        try:
            _fill(fd, data, old)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        raise


def _free_name(target: Path, create):
    """Call create(name) with fresh `.NAME.XXXX.tmp` names until one is free; (name, its result)."""
    while True:
        name = f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            return name, create(name)
        except FileExistsError:
            continue


def _fill(fd: int, data: bytes, old) -> None:
    """Write all of `data`, give it the old file's permissions and owner, and make it durable."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view[:_CHUNK_BYTES]) :]
    if old is not None and hasattr(os, "fchmod"):  # POSIX: Windows has no modes to keep
        # the old owner too where allowed (root, or a group of ours), as writing in place would
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)
        os.fchmod(fd, stat.S_IMODE(old.st_mode))  # after fchown, which may clear set-id bits
    os.fsync(fd)  # the data is on disk before the rename makes it the file


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while a temporary file existed."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum, frame):
    raise _Terminated(signum)


@contextlib.contextmanager
def _tidy_termination():
    """While writing, let SIGTERM and SIGHUP unwind (removing the temp file), then die of them.

    Only signals that would kill the process anyway are caught: one a program ignores
    (nohup's SIGHUP) or handles itself is left alone, and its handler's exception
    unwinds the write just the same.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers
        return
    previous = {signum: signal.getsignal(signum) for signum in _TERMINATING}
    caught = [signum for signum, handler in previous.items() if handler == signal.SIG_DFL]
    for signum in caught:
        signal.signal(signum, _raise_terminated)
    try:
        yield
    except _Terminated as stop:
        for signum in caught:
            signal.signal(signum, previous[signum])
        signal.raise_signal(stop.signum)  # the default action: exit by the signal, like any tool
        raise
    finally:
        for signum in caught:
            signal.signal(signum, previous[signum])


@contextlib.contextmanager
def _signals_held():
    """Hold SIGTERM and SIGHUP back for a few system calls; they arrive right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _TERMINATING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
