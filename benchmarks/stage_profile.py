"""Time each stage of argmap's pipeline (parse, validation, lint, layout, page data, template, browser) per shape.

Run it as benchmarks/profile.py:
    python benchmarks/profile.py --shape tree --sizes 1000,10000            # a table per stage
    python benchmarks/profile.py --shape chain --sizes 10000 --cprofile 15  # + top Python functions
    python benchmarks/profile.py --shape dag --sizes 10000 --browser --js-profile 12

The library functions are called directly, in one process; every stage function is wrapped
by a clock that counts its own CPU time only (process time: the machine is shared, and wall
time would charge a stage for other programs' work) (time spent in another wrapped stage it calls is
that stage's), so the stages add up to the whole. With --browser the page is opened in
headless Chromium and the navigation marks and argmap's ready event are read from the page;
--js-profile samples the page's JavaScript with Chromium's profiler until it is ready.
A stage is flagged when it grows more than 1.5x faster than the claims, first size to last.
This is not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import functools
import gc
import io
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import cProfile  # benchmarks/profile.py, imported as `profile` by mistake, hands over the real one
import pstats

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from shapes import SHAPES, write_shape  # noqa: E402

# (module, function, stage) in pipeline order; a function missing from a module (the code
# moves on) is skipped with a note rather than breaking the profile
STAGES = [
    ("argmap.formats.native_read", "read_text", "read file"),
    ("argmap.formats.yaml_positions", "parse", "YAML parse"),
    ("argmap.formats.native_read", "parse_map", "validation"),
    ("argmap.analysis.lint", "lint_map", "lint"),
    ("argmap.graph", "build_graph", "graph"),
    ("argmap.drawing.layout", "layered_layout", "layout"),
    ("argmap.page.folding", "initial_view", "folding"),
    ("argmap.page.folding", "hidden_nodes", "folding"),
    ("argmap.page.vis_styles", "vis_rows", "vis data (nodes, edges)"),
    ("argmap.page.render", "page_data", "page data (rest)"),
    ("argmap.page.outline", "build_outline", "outline"),
    ("argmap.page.render", "script_json", "JSON encode"),
    ("argmap.page.render", "vis_bundle", "assets"),
    ("argmap.page.render", "_render_map", "template (Jinja2)"),
    ("argmap.page.csp", "with_csp", "CSP hashes"),
    ("argmap.output_files", "write_atomic", "write file"),
    ("argmap.formats.svg", "render_svg", "SVG build"),
]
PHASES = ("load", "check lint", "render page", "export svg")
GROWTH_FLAG = 1.5  # times faster than the claims grow
CONSTANT_FLOOR = 0.05  # s: a stage costing this much at 40 claims wastes constant time


class StageClock:
    """Own time per stage: a wrapped function's time less the time of wrapped functions it calls."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.gc_seconds: dict[str, float] = defaultdict(
            float
        )  # of a stage's own time, in the collector
        self._children: list[float] = []
        self._stages: list[str] = []
        self._gc_start = 0.0
        gc.callbacks.append(self._collector)

    def _collector(self, phase: str, info: dict) -> None:
        """Charge each run of Python's cyclic garbage collector to the stage that triggered it."""
        if phase == "start":
            self._gc_start = time.process_time()
        elif self._stages:
            self.gc_seconds[self._stages[-1]] += time.process_time() - self._gc_start

    def clear(self) -> None:
        for table in (self.seconds, self.calls, self.gc_seconds):
            table.clear()

    def wrap(self, stage: str, func):
        @functools.wraps(func)
        def timed(*args, **kwargs):
            start = time.process_time()
            self._children.append(0.0)
            self._stages.append(stage)
            try:
                return func(*args, **kwargs)
            finally:
                elapsed = time.process_time() - start
                inner = self._children.pop()
                self._stages.pop()
                self.seconds[stage] += elapsed - inner
                self.calls[stage] += 1
                if self._children:
                    self._children[-1] += elapsed

        return timed


def install(clock: StageClock) -> list[str]:
    """Wrap every stage function wherever argmap's modules refer to it; returns what was missing."""
    import importlib

    import argmap.analysis.check  # noqa: F401  (load every module that imports a stage function by name)
    import argmap.formats  # noqa: F401
    import argmap.page.render  # noqa: F401
    import argmap.formats.svg  # noqa: F401

    missing = []
    for module_name, name, stage in STAGES:
        module = importlib.import_module(module_name)
        original = getattr(module, name, None)
        if original is None:
            missing.append(f"{module_name}.{name}")
            continue
        wrapped = clock.wrap(stage, original)
        for other in [
            m for n, m in sys.modules.items() if n == "argmap" or n.startswith("argmap.")
        ]:
            for attr, value in list(vars(other).items()):
                if value is original:
                    setattr(other, attr, wrapped)
    return missing


def run_pipeline(path: Path, out: Path, clock: StageClock | None = None) -> dict:
    """load, lint (check's default rules), render the page, export SVG; wall seconds of each phase."""
    from argmap.analysis import lint
    from argmap.formats import read_map
    from argmap.page.render import write_page
    from argmap.formats.svg import render_svg

    phases = {}
    start = time.process_time()
    amap = read_map(path)
    phases["load"] = time.process_time() - start
    start = time.process_time()
    lint.lint_map(amap)
    phases["check lint"] = time.process_time() - start
    start = time.process_time()
    write_page(amap, out)
    phases["render page"] = time.process_time() - start
    start = time.process_time()
    render_svg(amap)
    phases["export svg"] = time.process_time() - start
    return {"claims": len(amap.claims), "reasons": len(amap.reasons), "phases": phases}


NAV_MARKS = """(() => { const n = performance.getEntriesByType('navigation')[0];
  return n && { response_end: n.responseEnd, dom_interactive: n.domInteractive,
                dom_content_loaded: n.domContentLoadedEventEnd, load: n.loadEventStart }; })()"""


def browser_stages(browser, page_path: Path, js_top: int = 0) -> dict:
    """Navigation marks and argmap:ready in ms from navigation start; the JS profile's top functions."""
    from run import INIT_SCRIPT, READY_CAP, poll

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    cdp = None
    if js_top:
        cdp = context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        cdp.send("Profiler.start")
    try:
        page.goto(page_path.resolve().as_uri(), wait_until="commit", timeout=READY_CAP * 1000)
        ready = poll(page, "window.__argmapReady ?? null", READY_CAP)
        marks = poll(page, NAV_MARKS, 10) or {}
        result = {**marks, "ready": ready}
        if cdp is not None:
            result["js_top"] = _js_top(cdp.send("Profiler.stop")["profile"], js_top)
    finally:
        context.close()
    return result


def _js_top(profile: dict, count: int) -> list[dict]:
    """Self time per JS function (name, line) from a CPU profile, largest first."""
    nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    own: dict[str, float] = defaultdict(float)
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"]):
        frame = nodes[node_id]
        url = frame["url"].rsplit("/", 1)[-1][:30]
        name = f"{frame['functionName'] or '(anonymous)'} {url}:{frame['lineNumber'] + 1}".strip()
        if not frame["url"]:
            name = frame["functionName"] or "(anonymous)"
        own[name] += delta / 1000
    return [
        {"function": name, "ms": round(ms, 1)}
        for name, ms in sorted(own.items(), key=lambda item: -item[1])[:count]
    ]


def profile_once(
    shape: str, size: int, workdir: Path, browser=None, js_top: int = 0, cprofile_top: int = 0
) -> dict:
    """Stage times for one map of `shape` and `size` (a fresh clock; the modules stay wrapped)."""
    source = write_shape(workdir / f"{shape}-{size}.yaml", shape, size)
    page = workdir / f"{shape}-{size}.html"
    clock = _CLOCK
    clock.clear()
    # CPU time, not wall: on a shared machine wall time charges a function for other programs
    profiler = cProfile.Profile(time.process_time) if cprofile_top else None
    if profiler:
        profiler.enable()
    try:
        result = run_pipeline(source, page, clock)
    except RecursionError as error:
        return {"shape": shape, "size": size, "error": f"RecursionError in {_innermost(error)}"}
    finally:
        if profiler:
            profiler.disable()
    result.update(
        shape=shape,
        size=size,
        page_bytes=page.stat().st_size,
        stages={
            stage: round(clock.seconds[stage], 4)
            for stage in stage_names()
            if stage in clock.seconds
        },
        calls={stage: clock.calls[stage] for stage in stage_names() if stage in clock.calls},
        gc={
            stage: round(clock.gc_seconds[stage], 4)
            for stage in stage_names()
            if clock.gc_seconds.get(stage, 0) >= 0.0005
        },
    )
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(cprofile_top)
        result["cprofile"] = text.getvalue()
    if browser is not None:
        result["browser"] = browser_stages(browser, page, js_top)
    return result


def _innermost(error: BaseException) -> str:
    """The deepest argmap function on the traceback: where a crash happened."""
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/argmap/" in f.filename]
    if not frames:
        return "?"
    frame = frames[-1]
    return f"argmap/{frame.filename.rsplit('/argmap/', 1)[1]}:{frame.lineno} ({frame.name})"


def stage_names() -> list[str]:
    return list(dict.fromkeys(stage for _, _, stage in STAGES))


_CLOCK = StageClock()


def growth(small: dict, big: dict) -> dict[str, float]:
    """For each stage, how much faster than the claims it grew between two sizes (1.0: linear)."""
    ratio = big["claims"] / small["claims"]
    out = {}
    for stage, seconds in big["stages"].items():
        before = small["stages"].get(stage)
        if before and before > 0.002:  # below ~2 ms the clock's own noise dominates
            out[stage] = (seconds / before) / ratio
    return out


def table(results: list[dict]) -> str:
    """Stages as rows, sizes as columns, then growth against linear from the first size to the last."""
    ok = [r for r in results if "stages" in r]
    if not ok:
        return "\n".join(f"{r['shape']} {r['size']}: {r.get('error')}" for r in results)
    heads = [f"{r['claims']:,} claims" for r in ok]
    lines = [
        f"{'stage':<26}"
        + "".join(f"{h:>15}" for h in heads)
        + f"{'of it GC':>11}"
        + ("   growth vs linear" if len(ok) > 1 else "")
    ]
    grow = growth(ok[0], ok[-1]) if len(ok) > 1 else {}
    rows = [*stage_names()]
    for stage in rows:
        if not any(stage in r["stages"] for r in ok):
            continue
        cells = "".join(f"{r['stages'].get(stage, 0):>13.3f} s" for r in ok)
        cells += f"{ok[-1].get('gc', {}).get(stage, 0):>9.3f} s"
        flag = ""
        if stage in grow:
            flag = f"   {grow[stage]:5.2f}x" + (
                "  <-- superlinear" if grow[stage] > GROWTH_FLAG else ""
            )
        lines.append(f"{stage:<26}{cells}{flag}")
    lines.append(
        f"{'sum of stages':<26}" + "".join(f"{sum(r['stages'].values()):>13.3f} s" for r in ok)
    )
    for phase in PHASES:
        lines.append(
            f"{'phase: ' + phase:<26}" + "".join(f"{r['phases'][phase]:>13.3f} s" for r in ok)
        )
    if any("browser" in r for r in ok):
        for mark in ("response_end", "dom_interactive", "dom_content_loaded", "load", "ready"):
            lines.append(
                f"{'browser: ' + mark:<26}"
                + "".join(f"{(r.get('browser', {}).get(mark) or 0) / 1000:>13.3f} s" for r in ok)
            )
    for r in results:
        if "error" in r:
            lines.append(f"{r['size']:,} claims: error: {r['error']}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=SHAPES, default="tree")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--browser", action="store_true", help="also open each page in Chromium")
    parser.add_argument(
        "--js-profile",
        type=int,
        default=0,
        metavar="N",
        help="with --browser: the N JS functions with the most own time",
    )
    parser.add_argument(
        "--cprofile",
        type=int,
        default=0,
        metavar="N",
        help="print the N Python functions with the most own time (largest size)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--recursion-limit",
        type=int,
        default=0,
        metavar="N",
        help="raise Python's recursion limit (in a thread with a big stack) to see "
        "the stages after one that recurses on the map's depth",
    )
    args = parser.parse_args(argv)
    if args.recursion_limit:
        import threading

        sys.setrecursionlimit(args.recursion_limit)
        threading.stack_size(1024 * 1024 * 1024)
        outcome = []
        worker = threading.Thread(target=lambda: outcome.append(_main(args)))
        worker.start()
        worker.join()
        return outcome[0] if outcome else 1
    return _main(args)


def _main(args) -> int:
    from argmap._gc import tune_for_command

    tune_for_command()  # the collector as a CLI command sets it: the stages' GC is the CLI's
    sizes = [int(s) for s in args.sizes.split(",")]
    missing = install(_CLOCK)
    results = []
    with tempfile.TemporaryDirectory(prefix="argmap-profile-") as folder:
        browser, playwright = None, None
        if args.browser:
            from playwright.sync_api import sync_playwright

            from conftest import CHROMIUM_ARGS

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
        try:
            for i, size in enumerate(sizes):
                results.append(
                    profile_once(
                        args.shape,
                        size,
                        Path(folder),
                        browser,
                        js_top=args.js_profile if args.browser else 0,
                        cprofile_top=args.cprofile if i == len(sizes) - 1 else 0,
                    )
                )
        finally:
            if browser:
                browser.close()
                playwright.stop()
    if args.json:
        print(
            json.dumps(
                {
                    "missing": missing,
                    "recursion_limit": args.recursion_limit or None,
                    "results": results,
                },
                indent=1,
            )
        )
        return 0
    if args.recursion_limit:
        print(f"(recursion limit raised to {args.recursion_limit}: not what the CLI does)")
    print(
        f"shape: {args.shape}"
        + (f"  (not wrapped, moved: {', '.join(missing)})" if missing else "")
    )
    print(table(results))
    for r in results:
        if r.get("browser", {}).get("js_top"):
            print(f"\nJS functions with the most own time until ready, {r['claims']:,} claims:")
            for item in r["browser"]["js_top"]:
                print(f"  {item['ms']:>9.1f} ms  {item['function']}")
        if r.get("cprofile"):
            print(f"\ncProfile, {r['claims']:,} claims, by own time:")
            print("\n".join(line for line in r["cprofile"].splitlines()[6:] if line.strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
