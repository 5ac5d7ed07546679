"""argmap serve: the preview follows edits of a map and its source, shows errors, stops cleanly."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from argmap.commands.serve import VERSION_PATH, Preview, PreviewServer
from argmap_cli import main

ROOT = Path(__file__).parent.parent.parent
WAIT_STEPS = 200  # bounded polling: 200 × 0.05 s at most, never a timed assertion


def fetch(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for_page(url: str, predicate) -> str:
    """Fetch the page until `predicate(page)` holds; fail after WAIT_STEPS tries."""
    page = ""
    for _ in range(WAIT_STEPS):
        page = fetch(url)[1]
        if predicate(page):
            return page
        time.sleep(0.05)
    pytest.fail(f"the served page never changed as expected; last page:\n{page[:2000]}")


def save(path: Path, text: str) -> None:
    """Write like an editor, and make sure the mtime moves even on a coarse clock."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


@pytest.fixture
def workspace(tmp_path, maps_dir):
    shutil.copy(maps_dir / "small.yaml", tmp_path / "map.yaml")
    shutil.copy(maps_dir / "source.txt", tmp_path / "source.txt")
    return tmp_path


@pytest.fixture
def server(workspace):
    server = PreviewServer(workspace / "map.yaml", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    assert server.preview.loaded.wait(60), "the first build never finished"
    yield server
    server.stop()
    thread.join(10)
    assert not thread.is_alive()


def test_page_follows_edits_then_shows_errors_of_a_broken_edit(server, workspace):
    path = workspace / "map.yaml"
    status, page = fetch(server.url)
    assert status == 200
    assert "<title>Cities should build more housing</title>" in page
    assert VERSION_PATH in page  # the reload script, in served pages only

    save(
        path,
        path.read_text().replace(
            "title: Cities should build more housing", "title: Towns should build more homes"
        ),
    )
    page = wait_for_page(server.url, lambda p: "<title>Towns should build more homes" in p)
    assert "Cities should build more housing</title>" not in page

    broken = path.read_text().replace(
        "    kind: fact\n    group: market", "    knd: fact\n    group: market", 1
    )
    save(path, broken)
    page = wait_for_page(server.url, lambda p: "argmap-serve-errors" in p)
    assert (
        f"{path}:22:5: error: unknown key &#x27;knd&#x27; in claim &#x27;rents-doubled&#x27; "
        "(did you mean &#x27;kind&#x27;?)"
    ) in page
    assert "Towns should build more homes</title>" not in page  # no stale map
    assert VERSION_PATH in page  # the error page reloads itself too once fixed

    save(path, broken.replace("knd: fact", "kind: fact"))
    wait_for_page(server.url, lambda p: "<title>Towns should build more homes" in p)


def test_error_text_is_escaped_never_markup(server, workspace):
    path = workspace / "map.yaml"
    save(
        path,
        path.read_text().replace(
            "    kind: policy\n", "    <img src=x onerror=alert(1)>: policy\n", 1
        ),
    )
    page = wait_for_page(server.url, lambda p: "argmap-serve-errors" in p)
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_editing_the_source_text_rebuilds_the_page(server, workspace):
    assert workspace / "source.txt" in server.preview.watched
    text = (workspace / "source.txt").read_text()
    save(workspace / "source.txt", text.replace("Zoning rules forbid", "Zoning codes forbid"))
    page = wait_for_page(server.url, lambda p: "argmap-serve-errors" in p)
    assert "quote of claim &#x27;zoning&#x27; is not in the source text" in page


def test_a_map_missing_for_one_look_is_not_an_error(workspace):
    path = workspace / "map.yaml"
    preview = Preview(path)
    assert preview.refresh() and preview.ok
    text = path.read_text()
    path.unlink()  # an editor saving by rename, caught in the middle
    assert preview.refresh() is False and preview.ok
    save(path, text.replace("A short op-ed", "A long op-ed"))
    assert preview.refresh() and preview.ok and b"A long op-ed" in preview.current()[0]
    path.unlink()  # gone for good: the second look reports it
    assert preview.refresh() is False
    assert preview.refresh() and not preview.ok
    assert preview.problems == [f"{path}:1:1: error: cannot read file: No such file or directory"]


def test_version_endpoint_changes_with_the_page(server, workspace):
    _, first = fetch(server.url + VERSION_PATH.lstrip("/"))
    path = workspace / "map.yaml"
    save(path, path.read_text().replace("A short op-ed", "A long op-ed"))
    wait_for_page(server.url, lambda p: "A long op-ed" in p)
    _, second = fetch(server.url + VERSION_PATH.lstrip("/"))
    assert first != second and f'"{second}"' in fetch(server.url)[1]


def test_only_the_page_and_version_are_served_to_local_names(server):
    assert fetch(server.url + "etc/passwd")[0] == 404
    assert fetch(server.url, host=f"localhost:{server.port}")[0] == 200
    # a page of another site that rebinds its name to 127.0.0.1 must not read the map
    status, body = fetch(server.url, host=f"evil.example:{server.port}")
    assert status == 403 and "Cities" not in body
    assert server.server_address[0] == "127.0.0.1"


def test_served_page_policy_lets_only_the_reload_script_and_poll_through(server):
    page = fetch(server.url)[1]
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy, "the rendered page sets a Content-Security-Policy"
    directives = dict(d.strip().split(" ", 1) for d in policy.group(1).split(";"))
    assert directives["connect-src"] == "'self'"  # the /__version poll, nothing else
    script = re.search(r"<script>(\n/\* argmap serve: .*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in directives["script-src"].split()
    assert "'unsafe-inline'" not in directives["script-src"]


def test_render_output_has_no_reload_script(runner, tmp_path, maps_dir):
    out = tmp_path / "page.html"
    result = runner.invoke(main, ["render", str(maps_dir / "small.yaml"), "-o", str(out)])
    assert result.exit_code == 0
    page = out.read_text()
    assert VERSION_PATH not in page and "fetch(" not in page


def test_port_in_use_is_a_usage_error(runner, workspace):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(main, ["serve", str(workspace / "map.yaml"), "--port", str(port)])
    assert result.exit_code == 2
    assert result.output == (
        f"cannot serve on 127.0.0.1:{port}: the port is in use (choose "
        "another with --port, or --port 0 for any free port)\n"
    )


def _serve_in_a_process(path: Path, *options: str) -> subprocess.Popen:
    """`argmap serve PATH` on a free port in a subprocess, as a user runs it."""
    return subprocess.Popen(
        [sys.executable, "-m", "argmap_cli", "serve", str(path), "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def _retitle_and_wait_for_reload(page, workspace) -> Path:
    """Save the workspace's map under a new title; wait until the open page shows it, ready."""
    path = workspace / "map.yaml"
    save(
        path,
        path.read_text().replace(
            "title: Cities should build more housing", "title: Towns should build more homes"
        ),
    )
    page.wait_for_function(
        "() => document.title === 'Towns should build more homes'", timeout=15000
    )
    page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=15000)
    return path


@pytest.mark.parametrize("quiet", [False, True])
def test_ctrl_c_stops_the_command_cleanly(workspace, quiet):
    process = _serve_in_a_process(workspace / "map.yaml", *(["--quiet"] if quiet else []))
    try:
        first = process.stdout.readline()
        assert first.startswith(f"serving {workspace / 'map.yaml'} at http://127.0.0.1:")
        url = first.split(" at ", 1)[1].split(" ", 1)[0]
        wait_for_page(url, lambda p: "<title>Cities should build more housing</title>" in p)
        path = workspace / "map.yaml"
        save(path, path.read_text().replace("A short op-ed", "A long op-ed"))
        wait_for_page(url, lambda p: "A long op-ed" in p)
        # the page is swapped before the line is printed: read it before interrupting
        rebuilt = "" if quiet else process.stdout.readline()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert rebuilt == ("" if quiet else f"reloaded {path}\n")
    assert out == "stopped the preview server\n"
    assert err == ""


def test_serve_colours_boxes_by_group_with_its_legend(workspace):
    process, url = _start_serving(workspace / "map.yaml", "--quiet", "--color-by", "group")
    try:
        page = wait_for_page(url, lambda p: 'class="argmap-data">' in p)
    finally:
        _stop_serving(process)
    data = json.loads(page.split('class="argmap-data">', 1)[1].split("</script>", 1)[0])
    assert data["colorBy"]["by"] == "group"
    assert [label for label, _ in data["colorBy"]["legend"]] == ["The housing market", "no group"]
    # the legend the reader sees names the group
    assert "group: The housing market</li>" in page


def test_serve_with_an_unknown_color_by_is_a_usage_error(runner, workspace):
    result = runner.invoke(main, ["serve", str(workspace / "map.yaml"), "--color-by", "colour"])
    assert result.exit_code == 2
    assert "Invalid value for '--color-by': 'colour' is not one of 'kind', 'group', 'tag'." in (
        result.output
    )


@pytest.mark.browser
def test_open_page_reloads_itself_after_a_save(browser, server, workspace):
    from conftest import PageWatch

    context = browser.new_context()
    try:
        watch = PageWatch(context.new_page(), server.url)
        page = watch.open(server.url)
        assert page.title() == "Cities should build more housing"
        path = _retitle_and_wait_for_reload(page, workspace)
        save(path, path.read_text().replace("argmap: 1", "argmap: 7"))
        page.wait_for_selector(".argmap-serve-errors", timeout=15000)
        assert "unsupported format version 7" in page.inner_text("pre")
        watch.assert_clean()
    finally:
        context.close()


def raw_request(port: int, data: bytes) -> bytes:
    """Send `data` as is on a fresh connection and read until the server closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
        client.sendall(data)
        chunks = []
        while chunk := client.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_for_host(port: int, host: str) -> int:
    response = raw_request(port, f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode("ascii"))
    return int(response.split(b" ", 2)[1])


@pytest.fixture
def quick_server(workspace):
    """A server that drops a stalled connection after 1 s and answers two at once."""
    server = PreviewServer(workspace / "map.yaml", port=0, request_timeout=1, max_connections=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    assert server.preview.loaded.wait(60), "the first build never finished"
    yield server
    server.stop()
    thread.join(10)


def test_host_must_name_this_server_with_its_port(server):
    port = server.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}"):
        assert status_for_host(port, host) == 200, host
    # DNS rebinding: another site's name, or ours on another port (port 80 when none is given)
    for host in (
        f"evil.example:{port}",
        "127.0.0.1",
        "localhost",
        "127.0.0.1:80",
        f"127.0.0.1:{port}.evil.example",
        f"evil.example:{port}@127.0.0.1:{port}",
    ):
        assert status_for_host(port, host) == 403, host


def test_on_port_80_the_host_may_leave_the_port_out(workspace):
    from argmap.errors import UsageError

    try:
        server = PreviewServer(workspace / "map.yaml", port=80)
    except UsageError as error:
        pytest.skip(f"port 80 is not ours here: {error}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert server.url == "http://127.0.0.1:80/"
        # what a browser sends for that URL: the default port is left out
        for host in ("127.0.0.1", "localhost", "127.0.0.1:80", "localhost:80"):
            assert status_for_host(80, host) == 200, host
        assert status_for_host(80, "evil.example") == 403
    finally:
        server.stop()
        thread.join(10)


def test_idle_and_half_sent_connections_are_closed_after_the_timeout(quick_server):
    port = quick_server.port
    with (
        socket.create_connection(("127.0.0.1", port), timeout=30) as idle,
        socket.create_connection(("127.0.0.1", port), timeout=30) as half,
    ):
        half.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: te".encode("ascii"))
        # closed by the server without an answer; a socket.timeout here means it never was
        assert half.recv(1024) == b""
        assert idle.recv(1024) == b""
    assert status_for_host(port, f"127.0.0.1:{port}") == 200


def test_stalled_clients_hold_only_the_slots_there_are(quick_server):
    port = quick_server.port
    stalled = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(2)]
    try:
        for client in stalled:  # each one got a thread: it is mid-request
            client.sendall(b"GET / HTTP/1.1\r\n")
        # both slots held: a third is turned away at once (closed, not left waiting)
        refused = b""
        for _ in range(WAIT_STEPS):
            refused = raw_request(
                port, f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode("ascii")
            )
            if refused == b"":
                break
            time.sleep(0.05)
        assert refused == b""
        for client in stalled:  # the timeout frees the slots
            assert client.recv(1024) == b""
    finally:
        for client in stalled:
            client.close()
    answer = b""
    for _ in range(WAIT_STEPS):  # the server notices the slot free just after the client does
        answer = raw_request(
            port, f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode("ascii")
        )
        if answer:
            break
        time.sleep(0.05)
    assert answer.startswith(b"HTTP/1.0 200 ")


def test_only_the_page_and_its_version_are_served(server, workspace):
    port = server.port
    for path in (
        "/map.yaml",
        "/source.txt",
        "/../map.yaml",
        "//etc/passwd",
        "/%2e%2e/map.yaml",
        f"/{workspace}/map.yaml",
        "/index.htm",
        "/__version/../map.yaml",
    ):
        response = raw_request(
            port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode("ascii")
        )
        assert response.startswith(b"HTTP/1.0 404 "), path
        assert b"Cities" not in response and b"Zoning" not in response
    for method in ("POST", "PUT", "DELETE"):
        response = raw_request(
            port,
            f"{method} / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\r\n".encode(
                "ascii"
            ),
        )
        assert response.startswith(b"HTTP/1.0 501 "), method


def _start_serving(path: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """`argmap serve PATH` in a subprocess; (process, its URL) once it prints it."""
    process = _serve_in_a_process(path, *options)
    ready, _, _ = select.select([process.stdout], [], [], 60)  # a hang guard, not a timing
    if not ready:
        process.kill()
        pytest.fail("serve never printed its address")
    first = process.stdout.readline()
    assert first.startswith(f"serving {path} at http://127.0.0.1:"), first
    return process, first.split(" at ", 1)[1].split(" ", 1)[0]


def _stop_serving(process: subprocess.Popen) -> tuple[str, str]:
    try:
        process.send_signal(signal.SIGINT)
        return process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_clients_that_go_away_leave_the_terminal_quiet(workspace):
    process, url = _start_serving(workspace / "map.yaml")
    port = int(url.rsplit(":", 1)[1].strip("/"))
    request = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode("ascii")
    try:
        wait_for_page(url, lambda p: "<title>Cities should build more housing</title>" in p)
        for _ in range(5):
            client = socket.socket()
            # a tiny window keeps the server mid-response when the reset comes
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
            client.settimeout(30)
            client.connect(("127.0.0.1", port))
            client.sendall(request)
            assert client.recv(16).startswith(b"HTTP/1.0")
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()  # a reset, as when a tab is closed mid-load
        for _ in range(5):  # gone before the request was complete
            with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
                client.sendall(request[:20])
        assert "<title>Cities should build more housing</title>" in fetch(url)[1]
    finally:
        out, err = _stop_serving(process)
    assert process.returncode == 0
    assert err == ""
    assert out == "stopped the preview server\n"


@pytest.mark.parametrize("fifo", ["map.yaml", "source.txt"])
def test_a_fifo_to_read_does_not_keep_serve_from_answering(workspace, fifo):
    (workspace / fifo).unlink()
    os.mkfifo(workspace / fifo)
    process, url = _start_serving(workspace / "map.yaml")  # the address first, whatever the map
    try:
        status, page = fetch(url)
        assert status == 200
        # refused by the reader (an error page), or not read yet (the loading page, reloading)
        assert "argmap-serve-errors" in page or "argmap-serve-loading" in page
        assert VERSION_PATH in page
    finally:
        _stop_serving(process)


@pytest.mark.browser
def test_a_reload_keeps_the_readers_zoom_and_place(browser, server, workspace):
    from conftest import PageWatch

    context = browser.new_context()
    try:
        watch = PageWatch(context.new_page(), server.url)
        page = watch.open(server.url)
        page.evaluate(
            "window.argmap.views[0].network.moveTo({scale: 1.7, position: {x: 40, y: 90},"
            " animation: false})"
        )
        _retitle_and_wait_for_reload(page, workspace)
        page.wait_for_function(
            "() => Math.abs(window.argmap.views[0].network.getScale() - 1.7) < 0.01", timeout=5000
        )
        place = page.evaluate("window.argmap.views[0].network.getViewPosition()")
        assert abs(place["x"] - 40) < 1 and abs(place["y"] - 90) < 1
        watch.assert_clean()
    finally:
        context.close()
