"""Live preview: a 127.0.0.1 server that re-renders a map when it or its source text changes."""

from __future__ import annotations

import errno
import hashlib
import html
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from .._gc import long_lived
from ..errors import ArgmapError, MapError, UsageError
from ..limits import DEFAULT_LIMITS, Limits

HOST = "127.0.0.1"  # never another interface: the preview shows unpublished work
VERSION_PATH = "/__version"
WATCH_SECONDS = 0.3  # how often the map's files are looked at
PAGE_POLL_MS = 500  # how often an open page asks whether it is stale
# a connection idle or half-sent this long is closed: a stalled client must not hold a thread
REQUEST_TIMEOUT_SECONDS = 10.0
# connections answered at once; more are turned away until one ends (at the latest by timeout)
MAX_CONNECTIONS = 32
# how long a page request waits for the first build before getting the self-reloading loading page
FIRST_PAGE_WAIT_SECONDS = 3.0

# Injected into served pages only: `argmap render` output makes no request of any kind.
RELOAD_SCRIPT = """<script>
/* argmap serve: reload this page when the map changes */
(function () {
  "use strict";
  var shown = "%(version)s";
  function poll(wait) {
    setTimeout(function () {
      fetch("%(path)s", { cache: "no-store" })
        .then(function (response) { return response.text(); })
        .then(function (current) {
          if (current !== shown) { keepView(); location.reload(); } else { poll(%(poll)d); }
        }, function () { poll(2000); });  /* server stopped: keep asking, quietly slower */
    }, wait);
  }
  /* the reader's zoom and place survive the reload (the selection does: it is in the hash) */
  var KEY = "argmap-serve-view";
  function keepView() {
    var view = window.argmap && window.argmap.views && window.argmap.views[0];
    if (!view || !view.network) return;
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ scale: view.network.getScale(),
                                                   position: view.network.getViewPosition() }));
    } catch (e) { /* storage off: the page opens as new */ }
  }
  document.addEventListener("argmap:ready", function (event) {
    var kept = null;
    try { kept = JSON.parse(sessionStorage.getItem(KEY)); sessionStorage.removeItem(KEY); } catch (e) { kept = null; }
    var view = event.detail && event.detail.view;
    if (kept && view && typeof kept.scale === "number" && kept.position) {
      view.network.moveTo({ scale: kept.scale, position: kept.position, animation: false });
    }
  });
  poll(%(poll)d);
})();
</script>
"""

_CSP = re.compile(r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.I)


def _signature(paths) -> tuple:
    """What changes when a file is saved: its modification time and size (None if missing)."""
    found = []
    for path in paths:
        try:
            stat = path.stat()
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            found.append((str(path), None, None))
    return tuple(found)


def _plain_page(title: str, main: str) -> str:
    """A page of the preview's own, around `main` (markup made here, map text escaped)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        "<style>body{font:16px/1.5 sans-serif;margin:2rem;color:#111827;background:#fff}"
        "pre{white-space:pre-wrap;background:#fef2f2;border-left:4px solid #b91c1c;"
        "padding:1rem;font:14px/1.5 monospace}</style>\n</head>\n<body>\n"
        f"{main}</body>\n</html>\n"
    )


def error_page(title: str, problems: list[str]) -> str:
    """A plain page listing a broken map's problems as text, never as markup."""
    lines = "\n".join(html.escape(p) for p in problems)
    noun = "problem" if len(problems) == 1 else "problems"
    return _plain_page(
        f"argmap: {title} cannot be shown",
        f'<main class="argmap-serve-errors">\n<h1>{html.escape(title)}: {len(problems)} {noun}'
        "</h1>\n<p>Fix the map and save it: this page reloads by itself.</p>\n"
        f"<pre>{lines}</pre>\n</main>\n",
    )


def loading_page(title: str) -> str:
    """What a browser gets while the first build is still running: it reloads once that is done."""
    return _plain_page(
        f"argmap: loading {title}",
        f'<main class="argmap-serve-loading">\n<h1>Loading {html.escape(title)}'
        "&hellip;</h1>\n<p>This page shows the map as soon as it is read.</p>\n"
        "</main>\n",
    )


def _allow_reload_script(page: str, script: str) -> str:
    """If the page sets a Content-Security-Policy, let it run our script and reach the server."""

    def widen(match):
        directives = [d.strip() for d in match.group(2).split(";") if d.strip()]
        from ..page.csp import inline_hashes

        script_hash = inline_hashes(script)["script"][0]
        out, seen = [], set()
        for directive in directives:
            name = directive.split()[0].lower()
            seen.add(name)
            if name == "connect-src":
                directive = "connect-src 'self'"
            elif name == "script-src" and "'unsafe-inline'" not in directive:
                directive += " " + script_hash
            out.append(directive)
        if "connect-src" not in seen:
            out.append("connect-src 'self'")
        return match.group(1) + "; ".join(out).replace('"', "&quot;") + match.group(3)

    return _CSP.sub(widen, page, count=1)


def with_reload_script(page: str, version: str) -> str:
    """The page with the reload script just before its closing </body>."""
    script = RELOAD_SCRIPT % {"version": version, "path": VERSION_PATH, "poll": PAGE_POLL_MS}
    page = _allow_reload_script(page, script)
    head, body_end, tail = page.rpartition("</body>")
    if not body_end:  # not a full page: append, the browser still runs it
        return page + script
    return head + script + body_end + tail


class Preview:
    """The current page of one map, rebuilt when the map or its source text changes."""

    def __init__(
        self,
        map_path: str | Path,
        fmt: str | None = None,
        theme: str = "auto",
        *,
        limits: Limits = DEFAULT_LIMITS,
        color_by: str = "kind",
    ):
        from ..drawing.colour_by import check_color_by

        self.map_path = Path(map_path)
        self.limits = limits
        # checked before serving: a bad value is a usage error, not an error page on every build
        self.fmt, self.theme, self.color_by = fmt, theme, check_color_by(color_by)
        self.version = ""
        self.page = with_reload_script(loading_page(self.map_path.name), "").encode("utf-8")
        self.ok = False
        self.problems: list[str] = []
        self.builds = 0  # 1 after the first build: callers tell the first load from a reload
        self.loaded = threading.Event()  # set once the first build is done
        self._watched = [self.map_path]
        self._seen: tuple | None = None
        self._missing_before = False
        self._lock = threading.Lock()

    @property
    def watched(self) -> list[Path]:
        return list(self._watched)

    def refresh(self) -> bool:
        """Rebuild if a watched file changed since the last build; True if the page changed."""
        seen = _signature(self._watched)
        if seen == self._seen:
            return False
        map_missing = seen[0][1] is None
        if map_missing and not self._missing_before and self._seen is not None:
            # editors that save by renaming leave the file missing for an instant: look again
            self._missing_before = True
            return False
        self._missing_before = map_missing
        page, watched = self._build()
        self.builds += 1
        # taken before the build: a save during the build is picked up on the next look
        self._seen = seen if watched == self._watched else _signature(watched)
        self._watched = watched
        version = hashlib.sha256(page.encode("utf-8")).hexdigest()[:16]
        changed = version != self.version
        if changed:
            with self._lock:
                self.version = version
                self.page = with_reload_script(page, version).encode("utf-8")
        self.loaded.set()  # only now: the page and what was seen of the files are consistent
        return changed

    def current(self) -> tuple[bytes, str]:
        with self._lock:
            return self.page, self.version

    def _build(self) -> tuple[str, list[Path]]:
        from ..formats import read_map
        from ..page.render import render_page

        try:
            amap = read_map(self.map_path, self.fmt, limits=self.limits)
            page = render_page(amap, theme=self.theme, color_by=self.color_by)
        except MapError as error:
            self.ok, self.problems = False, [str(d) for d in error.diagnostics]
            return error_page(self.map_path.name, self.problems), self._watched
        except ArgmapError as error:
            self.ok, self.problems = False, [str(error)]
            return error_page(self.map_path.name, self.problems), self._watched
        except Exception as error:  # a bug must not kill the watcher: show it, keep serving
            self.ok, self.problems = False, [f"argmap failed: {type(error).__name__}: {error}"]
            return error_page(self.map_path.name, self.problems), self._watched
        self.ok, self.problems = True, []
        watched = [self.map_path]
        if amap.source and amap.source.text:
            watched.append(self.map_path.parent / amap.source.text)
        return page, watched


class _Handler(BaseHTTPRequestHandler):
    server: "PreviewServer"

    def setup(self):
        self.timeout = self.server.request_timeout  # StreamRequestHandler puts it on the socket
        super().setup()

    def do_GET(self):  # noqa: N802 - the name http.server calls
        if not self.server.host_allowed(self.headers.get("Host")):
            # another site's page reaching us under its own name (DNS rebinding)
            return self._send(403, b"forbidden host\n", "text/plain")
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            # a browser opened at once gets the map, not the loading page, unless it is slow
            self.server.preview.loaded.wait(FIRST_PAGE_WAIT_SECONDS)
        page, version = self.server.preview.current()
        if path in ("/", "/index.html"):
            return self._send(200, page, "text/html")
        if path == VERSION_PATH:
            return self._send(200, version.encode("ascii"), "text/plain")
        if path == "/favicon.ico":  # browsers ask for it; "none" is an answer, not an error
            return self._send(204, b"", "image/x-icon")
        return self._send(404, b"not found: the preview serves only /\n", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str):
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - signature from http.server
        if self.server.log_requests:
            super().log_message(format, *args)


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server for one Preview, with a thread that watches the map's files."""

    daemon_threads = True
    block_on_close = False  # Ctrl-C must not wait for a stalled client's thread

    def __init__(
        self,
        map_path,
        port: int = 8000,
        fmt: str | None = None,
        theme: str = "auto",
        on_rebuild=None,
        log_requests: bool = False,
        request_timeout: float = REQUEST_TIMEOUT_SECONDS,
        max_connections: int = MAX_CONNECTIONS,
        *,
        limits: Limits = DEFAULT_LIMITS,
        color_by: str = "kind",
    ):
        # nothing is read before the port is bound: a map that is slow (or never) to read
        # must not keep the address from being printed; the watcher builds the first page
        self.preview = Preview(map_path, fmt, theme, limits=limits, color_by=color_by)
        self.on_rebuild = on_rebuild
        self.log_requests = log_requests
        self.request_timeout = request_timeout
        self._slots = threading.BoundedSemaphore(max_connections)
        self._stop = threading.Event()
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"cannot serve on {HOST}:{port}: the port is in use (choose "
                    "another with --port, or --port 0 for any free port)"
                ) from None
            raise UsageError(f"cannot serve on {HOST}:{port}: {exc.strerror}") from None
        self._watcher = threading.Thread(target=self._watch, name="argmap-watch", daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def host_allowed(self, host: str | None) -> bool:
        """Whether a request's Host names this server: the protection against DNS rebinding.

        A page of another site can point its own name at 127.0.0.1; its requests then carry
        that name, so only our own names pass: with the port, or without it on port 80,
        HTTP's default, which browsers leave out. Keep this check.
        """
        if host is None:
            return True  # an HTTP/1.0 client may omit Host; browsers always send it
        names = [HOST, "localhost"]
        allowed = {f"{name}:{self.port}" for name in names}
        if self.port == 80:
            allowed.update(names)
        return host.strip().lower() in allowed

    def process_request(self, request, client_address):
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)  # every slot busy: turn this one away, keep serving
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # a client that went away or stalled: nothing for the user to act on
        super().handle_error(request, client_address)

    def serve_forever(self, poll_interval: float = 0.2) -> None:
        self._watcher.start()
        super().serve_forever(poll_interval)

    def _watch(self) -> None:
        while True:  # the first look builds the first page
            if self.preview.refresh() and self.on_rebuild:
                self.on_rebuild(self.preview)
            if self._stop.wait(WATCH_SECONDS):
                return

    def close(self) -> None:
        """Stop watching and release the port (after serve_forever has returned)."""
        self._stop.set()
        self.server_close()

    def stop(self) -> None:
        """Stop serving from another thread, then close."""
        self.shutdown()
        self.close()


def serve_map(
    map_path,
    port: int = 8000,
    fmt: str | None = None,
    theme: str = "auto",
    on_ready=None,
    on_rebuild=None,
    log_requests: bool = False,
    *,
    limits: Limits = DEFAULT_LIMITS,
    color_by: str = "kind",
) -> None:
    """Serve a map's live preview until Ctrl-C, then return normally.

    on_ready(server) is called once it listens, before the map is read; on_rebuild(preview)
    after each build that changed the page, the first included (preview.builds == 1).
    `color_by` (drawing.colour_by.COLOR_BY): what box colours mean.
    """
    long_lived()  # rebuilds for as long as the reader edits: see _gc.long_lived
    server = PreviewServer(
        map_path, port, fmt, theme, on_rebuild, log_requests, limits=limits, color_by=color_by
    )
    try:
        if on_ready:
            on_ready(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a preview ends: not an error
    finally:
        server.close()
