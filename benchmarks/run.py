"""Benchmark argmap beside Argdown and plain pyvis on maps of every shape; writes docs/benchmarks.md.

    python benchmarks/run.py                  # every shape at 40, 1k, 10k, 50k claims (~25 minutes)
    python benchmarks/run.py --quick          # 40 and 1k only, a fast check
    python benchmarks/run.py --shapes chain,fan --sizes 1000,10000 --only argmap,argdown

For every shape and size, in the same run and on the same map (shapes: benchmarks/shapes.py):
  * argmap: `argmap render`, `argmap export --to svg` and `argmap check`, each a whole process
    (interpreter start included): wall time, CPU time and peak resident memory from /usr/bin/time;
    the page's bytes; and headless Chromium's time from navigation start to argmap's `argmap:ready`;
  * Argdown (@argdown/cli 1.7.5, installed with npm into benchmarks/.cache/argdown when missing):
    the map exported with argmap's own writer (`argmap export --to argdown`), then `argdown map
    --format svg` and `argdown json`, timed the same way;
  * pyvis: benchmarks/pyvis_page.py (Network.from_nx + write_html, pyvis's defaults), and the page
    opened in Chromium until its network has stabilised (or "not still" after --still-cap seconds);
  * SVG and Argdown up to 10,000 claims (SVG_UP_TO); at 50,000 claims argmap render, ready, check;
  * `argmap check` of a 20,000-claim map of each shape (the issue's check target), and a folder of
    600 AIF maps rendered with `argmap render DIR` (and with `argdown map` over the same maps);
  * each shape's per-stage profile (benchmarks/profile.py) at 1k and 10k claims.
A tool that fails records the failure ("error: RecursionError"); one over --timeout records "timeout",
and is not run at bigger sizes of the same shape. Times of repeated runs are medians.
This is not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from shapes import SHAPES, write_aif_folder, write_shape  # noqa: E402

ARGDOWN_PACKAGE = "@argdown/cli@1.7.5"
ARGDOWN_CACHE = HERE / ".cache" / "argdown"
TOOLS = ("argmap", "argdown", "pyvis")
DEFAULT_SHAPES = ("tree", "chain", "dag", "fan", "aif")
DEFAULT_SIZES = (40, 1000, 10_000, 50_000)
QUICK_SIZES = (40, 1000)
CHECK_SIZE = 20_000  # the issue's `check` target
FOLDER_MAPS = 600  # the folder target
PROFILE_SIZES = (1000, 10_000)
SVG_UP_TO = (
    10_000  # the SVG comparison with Argdown stops here (no target above it; keeps the run short)
)
FOLDER_TIMEOUT = 300
READY_CAP = 120  # s: how long argmap's page may take to become ready

# Recorded in the page before any of its scripts run: when argmap's viewer is ready, and when
# pyvis's network (a global `network`, assigned in its drawGraph) reports it has stabilised.
INIT_SCRIPT = """
(() => {
  document.addEventListener("argmap:ready", () => { window.__argmapReady = performance.now(); }, { once: true });
  let net;
  Object.defineProperty(window, "network", { configurable: true, get() { return net; }, set(value) {
    net = value;
    if (value && value.once) {
      value.once("stabilizationIterationsDone", () => { window.__iterationsDone = performance.now(); });
      value.once("stabilized", () => { window.__stabilized = performance.now(); });
    }
  } });
})();
"""


# ---------------------------------------------------------------- measuring one process


def timed_process(command: list[str], timeout: float, cwd: Path | None = None) -> dict:
    """Wall, CPU and peak memory of one whole process (/usr/bin/time), or why it has none.

    {"wall", "cpu", "mb"}; {"timeout": s}; or {"error": the last line the process printed}."""
    report = tempfile.NamedTemporaryFile(suffix=".time", delete=False)
    report.close()
    started = time.perf_counter()
    try:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%e %U %S %M", "-o", report.name, *command],
            timeout=timeout,
            capture_output=True,
            cwd=cwd,
        )
        wall = time.perf_counter() - started
        text = Path(report.name).read_text().split()
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    finally:
        os.unlink(report.name)
    if done.returncode != 0:
        return {"error": _error_line(done)[:160], "wall": wall}
    _, user, system, max_kb = (float(v) for v in text[-4:])
    return {"wall": wall, "cpu": user + system, "mb": max_kb / 1024}


def _error_line(done: subprocess.CompletedProcess) -> str:
    """The line naming a failed process's error: Python prints it last on stderr, Argdown
    (node) prints "RangeError: …" and its stack on stdout."""
    err = [
        line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()
    ]
    out = [
        line.strip()
        for line in done.stdout.decode("utf-8", "replace").splitlines()
        if "Error" in line and not line.lstrip().startswith("at ")
    ]
    named = [line for line in err if "Error" in line or "error" in line]
    if named:
        return named[-1]
    if out:
        return out[0]
    return err[-1] if err else f"exit {done.returncode}"


def repeated(command: list[str], runs: int, timeout: float) -> dict:
    """Medians of `runs` runs (the largest memory); the first failure stops the repeats."""
    results = []
    for _ in range(runs):
        results.append(timed_process(command, timeout))
        if "timeout" in results[-1] or "error" in results[-1]:
            return results[-1]
    return {
        "wall": statistics.median(r["wall"] for r in results),
        "cpu": statistics.median(r["cpu"] for r in results),
        "mb": max(r["mb"] for r in results),
        "runs": runs,
    }


def ok(result: dict | None) -> bool:
    return bool(result) and "wall" in result and "error" not in result and "timeout" not in result


def page_bytes(path: Path) -> dict:
    """What a reader downloads: the page's bytes, raw and gzipped as a web server would send it."""
    data = path.read_bytes()
    return {"bytes": len(data), "gzip": len(gzip.compress(data, mtime=0))}


# ---------------------------------------------------------------- the browser


def poll(page, expression: str, cap: float):
    """The value of `expression` once it is defined, or None after `cap` seconds.

    Polled from Python: Playwright's wait_for_function evaluates strings inside the page,
    which argmap's Content-Security-Policy (rightly) forbids. The times themselves are
    exact: the page records performance.now() when the event fires."""
    deadline = time.monotonic() + cap
    while time.monotonic() < deadline:
        try:
            value = page.evaluate(expression)
        except Exception:  # a page busy stabilising may not answer in time; ask again
            value = None
        if value is not None:
            return value
        time.sleep(0.05)
    return None


def open_page(browser, path: Path, argmap_page: bool, still_cap: float) -> dict:
    """ms from navigation start to ready (argmap) or to stabilised (pyvis); blocked requests."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    blocked: list[str] = []
    page_url = path.resolve().as_uri()

    def route(r):
        if r.request.url == page_url:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    result: dict = {}
    try:
        page.goto(page_url, wait_until="commit", timeout=READY_CAP * 1000)
        if argmap_page:
            result["ready_ms"] = poll(page, "window.__argmapReady ?? null", READY_CAP)
        else:
            result["still_ms"] = poll(page, "window.__stabilized ?? null", still_cap)
            result["iterations_ms"] = poll(page, "window.__iterationsDone ?? null", 1)
    finally:
        context.close()
    result["blocked"] = len(blocked)
    result["errors"] = len(errors)
    return result


# ---------------------------------------------------------------- Argdown


def argdown_commands(binary: Path) -> tuple[list[str], list[str] | None, str]:
    """How to run the argdown CLI as it ships; how to run it with a larger stack (None where
    node or the stack limit is unknown); and what the report says of them. Argdown walks a map
    by recursion, and V8's default stack (984 KB) overflows on deep 10,000-claim maps
    (RangeError): such a run is repeated with a stack as large as the thread's soft limit
    allows, less a margin, so that its speed is measured too."""
    import resource

    node = shutil.which("node")
    soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    if node is None or soft == resource.RLIM_INFINITY or soft < 2 * 1024 * 1024:
        return [str(binary)], None, "as shipped"
    stack_kb = int(soft / 1024 * 0.85)
    roomy = [node, f"--stack-size={stack_kb}", str(binary.resolve())]
    return (
        [str(binary)],
        roomy,
        f"as shipped, and where it overflows its stack again with `node --stack-size={stack_kb}`",
    )


def ensure_argdown(log) -> tuple[tuple[list[str], list[str] | None] | None, str]:
    """The argdown commands (argdown_commands), installed with npm into the cache folder when
    missing; else None and why."""
    binary = ARGDOWN_CACHE / "node_modules" / ".bin" / "argdown"
    if binary.exists():
        shipped, roomy, how = argdown_commands(binary)
        return (shipped, roomy), f"{ARGDOWN_PACKAGE} from {ARGDOWN_CACHE.relative_to(ROOT)}, {how}"
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm not found: Argdown not measured"
    log(f"installing {ARGDOWN_PACKAGE} into {ARGDOWN_CACHE} with npm")
    ARGDOWN_CACHE.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(ARGDOWN_CACHE),
                ARGDOWN_PACKAGE,
            ],
            capture_output=True,
            text=True,
            timeout=900,
        )
    except subprocess.TimeoutExpired:
        return None, f"npm install {ARGDOWN_PACKAGE} took over 15 minutes: Argdown not measured"
    if done.returncode != 0 or not binary.exists():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"npm install {ARGDOWN_PACKAGE} failed ({last}): Argdown not measured"
    shipped, roomy, how = argdown_commands(binary)
    return (
        (shipped, roomy),
        f"{ARGDOWN_PACKAGE}, installed by this run into {ARGDOWN_CACHE.relative_to(ROOT)}, {how}",
    )


def argdown_run(
    argdown: tuple[list[str], list[str] | None],
    command: str,
    source: str,
    outdir: Path,
    timeout: float,
    fmt: str | None = None,
) -> dict:
    """One `argdown map|json` run as Argdown ships; a run that writes nothing is an error
    (Argdown exits 0 anyway). One that overflows its stack is run again with a larger one,
    recorded as "larger stack"."""
    shipped, roomy = argdown
    result = _argdown_once(shipped, command, source, outdir, timeout, fmt)
    if roomy is not None and "RangeError" in result.get("error", ""):
        result["larger stack"] = _argdown_once(roomy, command, source, outdir, timeout, fmt)
    return result


def _argdown_once(
    argdown: list[str], command: str, source: str, outdir: Path, timeout: float, fmt: str | None
) -> dict:
    if outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    result = timed_process(
        [*argdown, command, source, str(outdir), *(["--format", fmt] if fmt else [])], timeout
    )
    written = [p for p in outdir.rglob("*") if p.is_file()]
    if ok(result) and not written:
        result = {"error": "wrote nothing", "wall": result["wall"]}
    if written:
        result["bytes"] = sum(p.stat().st_size for p in written)
    return result


# ---------------------------------------------------------------- one case

PROJECT_FROM = 1000  # below this, start-up time dominates and says nothing about growth
# how a measure's time grows with claims when projecting it; pyvis's from_nx scans a list per
# node and per edge (docs: GUIDE §4), so its render is projected as quadratic
GROWTH = {"pyvis render": 2.0}


class Skips:
    """Per (shape, measure): once a tool fails, times out or would, bigger sizes are not tried."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.last: dict[tuple, tuple[int, dict]] = {}
        self.start_up: dict[tuple, float] = {}  # the time at the smallest size measured

    def why(self, shape: str, measure: str, size: int) -> str | None:
        before = self.last.get((shape, measure))
        if before is None:
            return None
        prev_size, result = before
        start_up = self.start_up.get((shape, measure), 0.0)
        if "timeout" in result:
            return f"timeout at {prev_size:,}"
        if "error" in result:
            return f"failed at {prev_size:,}"
        power = GROWTH.get(measure, 1.0)
        # the smallest size's time is mostly start-up: only the rest grows with the claims
        projected = start_up + (result.get("wall", 0) - start_up) * (size / prev_size) ** power
        if ok(result) and prev_size >= PROJECT_FROM and projected > self.timeout:
            shape_of_growth = "quadratic" if power == 2 else "linear"
            return (
                f"projected over {self.timeout:g} s: {result['wall']:.1f} s at {prev_size:,}, "
                f"{shape_of_growth} beyond start-up"
            )
        return None

    def note(self, shape: str, measure: str, size: int, result: dict) -> dict:
        self.last[(shape, measure)] = (size, result)
        if ok(result):
            self.start_up.setdefault(
                (shape, measure), min(result["wall"], result.get("cpu", result["wall"]))
            )
        return result


def run_case(shape: str, size: int, ctx: dict) -> dict:
    """Every measure of one map; each measure is a dict (times, or timeout/error/skipped)."""
    work, log, skips, args = ctx["work"], ctx["log"], ctx["skips"], ctx["args"]
    argmap_cmd, browser, argdown = ctx["argmap_cmd"], ctx["browser"], ctx["argdown"]
    data = SHAPES[shape](size)
    source = write_shape(work / f"{shape}-{size}.yaml", shape, size)
    # counted from the generated data: loading the map here would run, untimed and unbounded,
    # the very stages being measured
    row: dict = {
        "shape": shape,
        "size": size,
        "claims": len(data["claims"]),
        "reasons": len(data["reasons"]),
        "yaml_bytes": source.stat().st_size,
        "load": round(os.getloadavg()[0], 1),
    }
    runs = args.runs if size <= 1000 else 1
    measures: dict[str, dict] = {}

    def measure(name: str, func) -> None:
        skip = skips.why(shape, name, size)
        if skip:
            measures[name] = {"skipped": skip}
        else:
            measures[name] = skips.note(shape, name, size, func())
        log(f"  {shape} {size:,} {name}: {_brief(measures[name])}")

    if "argmap" in args.only:
        page = work / f"{shape}-{size}.html"
        measure(
            "argmap render",
            lambda: repeated(
                [*argmap_cmd, "render", str(source), "-o", str(page), "-q"], runs, args.timeout
            ),
        )
        if ok(measures["argmap render"]):
            measures["argmap render"].update(page_bytes(page))
            if browser is not None:
                opened = [open_page(browser, page, True, args.still_cap) for _ in range(runs)]
                ready = [o["ready_ms"] for o in opened if o["ready_ms"] is not None]
                measures["argmap ready"] = (
                    {
                        "ms": statistics.median(ready),
                        "runs": len(ready),
                        "errors": max(o["errors"] for o in opened),
                        "blocked": max(o["blocked"] for o in opened),
                    }
                    if ready
                    else {"timeout": READY_CAP}
                )
                log(f"  {shape} {size:,} argmap ready: {_brief(measures['argmap ready'])}")
        if size <= SVG_UP_TO:
            measure(
                "argmap svg",
                lambda: repeated(
                    [
                        *argmap_cmd,
                        "export",
                        str(source),
                        "--to",
                        "svg",
                        "-o",
                        str(work / f"{shape}-{size}.svg"),
                    ],
                    runs,
                    args.timeout,
                ),
            )
        measure(
            "argmap check",
            lambda: repeated([*argmap_cmd, "check", str(source), "-q"], runs, args.timeout),
        )
    if "argdown" in args.only and argdown is not None and size <= SVG_UP_TO:
        argdown_file = work / f"{shape}-{size}.argdown"
        measure(
            "argmap export argdown",
            lambda: timed_process(
                [*argmap_cmd, "export", str(source), "--to", "argdown", "-o", str(argdown_file)],
                args.timeout,
            ),
        )
        if argdown_file.exists():
            measure(
                "argdown svg",
                lambda: argdown_run(
                    argdown, "map", str(argdown_file), work / "argdown-svg", args.timeout, "svg"
                ),
            )
            measure(
                "argdown json",
                lambda: argdown_run(
                    argdown, "json", str(argdown_file), work / "argdown-json", args.timeout
                ),
            )
    if "pyvis" in args.only:
        theirs = work / f"pyvis-{shape}-{size}.html"
        measure(
            "pyvis render",
            lambda: timed_process(
                [sys.executable, str(HERE / "pyvis_page.py"), str(source), str(theirs)],
                args.timeout,
            ),
        )
        if ok(measures["pyvis render"]):
            measures["pyvis render"].update(page_bytes(theirs))
            if browser is not None:
                measure("pyvis still", lambda: _pyvis_open(browser, theirs, args.still_cap))
    row["measures"] = measures
    return row


def _pyvis_open(browser, page: Path, cap: float) -> dict:
    opened = open_page(browser, page, False, cap)
    if opened["still_ms"] is None:  # a page still moving at the cap will not stop at a bigger size
        return {
            "timeout": cap,
            "iterations_ms": opened["iterations_ms"],
            "blocked": opened["blocked"],
        }
    return {
        "ms": opened["still_ms"],
        "iterations_ms": opened["iterations_ms"],
        "blocked": opened["blocked"],
        "wall": opened["still_ms"] / 1000,
    }


def check_case(shape: str, ctx: dict) -> dict:
    """`argmap check` of CHECK_SIZE claims of one shape."""
    skip = ctx["skips"].why(shape, "argmap check", CHECK_SIZE)
    if skip and "projected" not in skip:
        ctx["log"](f"  {shape} {CHECK_SIZE:,} argmap check: skipped ({skip})")
        return {"skipped": skip}
    source = write_shape(ctx["work"] / f"{shape}-{CHECK_SIZE}.yaml", shape, CHECK_SIZE)
    result = timed_process([*ctx["argmap_cmd"], "check", str(source), "-q"], ctx["args"].timeout)
    ctx["log"](f"  {shape} {CHECK_SIZE:,} argmap check: {_brief(result)}")
    return result


def folder_case(ctx: dict) -> dict:
    """A folder of FOLDER_MAPS real AIF maps: `argmap render DIR`, and Argdown over the same maps."""
    work, args = ctx["work"], ctx["args"]
    folder = work / "aif-folder"
    maps = write_aif_folder(folder, FOLDER_MAPS)
    out: dict = {"maps": len(maps)}
    if "argmap" in args.only:
        site = work / "aif-folder-html"
        out["argmap render"] = timed_process(
            [*ctx["argmap_cmd"], "render", str(folder), "-o", str(site), "-q"],
            max(args.timeout, FOLDER_TIMEOUT),
        )
        if site.exists():
            out["argmap render"]["bytes"] = sum(p.stat().st_size for p in site.iterdir())
        out["argmap check"] = timed_process(
            [*ctx["argmap_cmd"], "check", *map(str, maps), "-q"], max(args.timeout, FOLDER_TIMEOUT)
        )
    if "argdown" in args.only and ctx["argdown"] is not None:
        from argmap.formats import export_map, read_map

        argdown_folder = work / "aif-folder-argdown"
        argdown_folder.mkdir(exist_ok=True)
        for (
            path
        ) in maps:  # argmap's own Argdown writer, in one process (600 CLI runs would time Python)
            (argdown_folder / f"{path.stem}.argdown").write_text(
                export_map(read_map(path), "argdown"), "utf-8"
            )
        out["argdown svg"] = argdown_run(
            ctx["argdown"],
            "map",
            str(argdown_folder / "*.argdown"),
            work / "folder-argdown-svg",
            max(args.timeout, FOLDER_TIMEOUT),
            "svg",
        )
    ctx["log"](
        f"  folder of {len(maps)} AIF maps: "
        + ", ".join(f"{k} {_brief(v)}" for k, v in out.items() if isinstance(v, dict))
    )
    return out


def profile_case(shape: str, sizes, ctx: dict) -> dict:
    """benchmarks/profile.py in its own process: stage times at each size, and the browser's marks."""
    command = [
        sys.executable,
        str(HERE / "profile.py"),
        "--shape",
        shape,
        "--sizes",
        ",".join(map(str, sizes)),
        "--json",
    ]
    if ctx["browser"] is not None:
        command += ["--browser", "--js-profile", "10"]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=ctx["args"].timeout * 2,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timeout (over {ctx['args'].timeout * 2:g} s)"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["?"])[-1]}
    ctx["log"](f"  profiled {shape} at {sizes}")
    return json.loads(done.stdout)


def _brief(result: dict) -> str:
    if "skipped" in result:
        return f"skipped ({result['skipped']})"
    if "timeout" in result:
        return f"timeout ({result['timeout']:g} s)"
    if "error" in result:
        again = result.get("larger stack")
        return f"error: {result['error']}" + (
            f"; with a larger stack: {_brief(again)}" if again else ""
        )
    if "ms" in result:
        return f"{result['ms']:.0f} ms"
    return (
        f"{result['wall']:.2f} s (CPU {result.get('cpu', 0):.2f} s), {result.get('mb', 0):.0f} MB"
    )


# ---------------------------------------------------------------- the whole run


def machine(argdown_note: str) -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    chromium = subprocess.run(
        ["/usr/bin/chromium", "--version"], capture_output=True, text=True
    ).stdout.strip()
    node = (
        subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        if shutil.which("node")
        else "none"
    )
    from importlib.metadata import version

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "mem_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "chromium": chromium,
        "node": node,
        "argdown": argdown_note,
        "pyvis": version("pyvis"),
        "networkx": version("networkx"),
        "pyyaml": version("PyYAML"),
        "load": [round(v, 1) for v in os.getloadavg()],
    }


def run(args, log, save=lambda results: None) -> dict:
    argmap_cmd = [sys.executable, str(ROOT / "argmap_cli.py")]
    argdown, argdown_note = (
        ensure_argdown(log) if "argdown" in args.only else (None, "not measured (--only)")
    )
    if argdown is None:
        log(argdown_note)
    results: dict = {
        "machine": machine(argdown_note),
        "rows": [],
        "check": {},
        "folder": None,
        "profile": {},
        "settings": {
            "shapes": args.shapes,
            "sizes": args.sizes,
            "only": args.only,
            "timeout": args.timeout,
            "still_cap": args.still_cap,
            "runs": args.runs,
        },
    }
    started = time.perf_counter()
    playwright = browser = None
    if not args.no_browser:
        from playwright.sync_api import sync_playwright

        from conftest import CHROMIUM_ARGS

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
    try:
        with tempfile.TemporaryDirectory(prefix="argmap-bench-") as workdir:
            ctx = {
                "work": Path(workdir),
                "log": log,
                "skips": Skips(args.timeout),
                "args": args,
                "argmap_cmd": argmap_cmd,
                "browser": browser,
                "argdown": argdown,
            }
            for shape in args.shapes:
                for size in args.sizes:
                    log(f"{shape}, {size:,} claims")
                    results["rows"].append(run_case(shape, size, ctx))
                if "argmap" in args.only and not args.quick:
                    results["check"][shape] = check_case(shape, ctx)
                save(results)  # a long run interrupted later still leaves every shape it finished
            if not args.quick and "aif" in args.shapes:
                results["folder"] = _guarded(folder_case, ctx)
                save(results)
            if args.profile:
                for shape in args.shapes:
                    results["profile"][shape] = _guarded(
                        profile_case,
                        shape,
                        [s for s in PROFILE_SIZES if not args.quick or s <= 1000] or [1000],
                        ctx,
                    )
                    save(results)
    finally:
        if browser is not None:
            browser.close()
            playwright.stop()
    results["minutes"] = round((time.perf_counter() - started) / 60, 1)
    return results


def _guarded(func, *args) -> dict:
    """A late case that breaks is recorded, not allowed to lose the minutes of results before it."""
    try:
        return func(*args)
    except Exception as error:  # noqa: BLE001 - recorded in the report as the case's result
        return {"error": f"{type(error).__name__}: {error}"[:200]}


def _list(text: str, valid) -> list[str]:
    items = [t.strip() for t in text.split(",") if t.strip()]
    unknown = [t for t in items if t not in valid]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown {', '.join(unknown)} (valid: {', '.join(valid)})"
        )
    return items


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="40 and 1,000 claims only, no folder or check case"
    )
    parser.add_argument(
        "--shapes",
        type=lambda t: _list(t, SHAPES),
        default=list(DEFAULT_SHAPES),
        help=f"comma-separated, from {', '.join(SHAPES)} (default: {','.join(DEFAULT_SHAPES)})",
    )
    parser.add_argument(
        "--sizes",
        type=lambda t: [int(s) for s in t.split(",")],
        default=None,
        help="claims, comma-separated (default: 40,1000,10000,50000)",
    )
    parser.add_argument(
        "--only",
        type=lambda t: _list(t, TOOLS),
        default=list(TOOLS),
        help="tools to measure, comma-separated: argmap, argdown, pyvis",
    )
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds per process (default 120)"
    )
    parser.add_argument(
        "--still-cap",
        type=float,
        default=30,
        help="seconds a pyvis page may keep moving before it counts as not still (default 30)",
    )
    parser.add_argument(
        "--runs", type=int, default=2, help="runs per argmap measure up to 1,000 claims"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium (no ready times)")
    parser.add_argument(
        "--no-profile", dest="profile", action="store_false", help="skip the stage profile"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "benchmarks.json",
        help="the JSON results; the report (.md) goes beside it, the plot in its img/ folder",
    )
    args = parser.parse_args(argv)
    args.sizes = args.sizes or list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    from report import write_report

    command = "python benchmarks/run.py" + "".join(
        f" {a}" for a in (sys.argv[1:] if argv is None else argv)
    )
    out = args.out if args.out.suffix == ".json" else args.out.with_suffix(".json")
    out.parent.mkdir(parents=True, exist_ok=True)

    def save(results: dict, final: bool = False) -> None:
        results = {**results, "command": command, "complete": final}
        if not final:
            results["minutes"] = None
        out.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        written = write_report(
            results, out.with_suffix(".md"), out.parent / "img" / f"{out.stem}.png"
        )
        log("wrote " + ", ".join(str(p) for p in [out, *written]))

    save(run(args, log, save), final=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
