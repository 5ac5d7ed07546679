"""Turn benchmarks/run.py's JSON results into docs/benchmarks.md and its plot of time against claims.

python benchmarks/report.py docs/benchmarks.json    # rewrite the .md and the plot from the JSON
"""

from __future__ import annotations

import sys
from pathlib import Path

from stage_profile import stage_names  # noqa: E402  (benchmarks/ is on sys.path: run.py, or this script)

TARGETS_ISSUE = 17
GROWTH_FLAG = 1.5  # as benchmarks/profile.py: a stage growing 1.5x faster than the claims


# ---------------------------------------------------------------- cells


def _error_name(text: str) -> str:
    """'RecursionError: maximum recursion…' -> 'RecursionError'; other messages shortened."""
    head = text.split(":", 1)[0].strip()
    return head if head.endswith(("Error", "Exception")) and " " not in head else text[:60]


def cell(result: dict | None, memory: bool = True) -> str:
    if not result:
        return "–"
    if "skipped" in result:
        return f"not run ({result['skipped']})"
    if "timeout" in result:
        return f"timeout (> {result['timeout']:g} s)"
    if "error" in result:
        again = result.get("larger stack")  # Argdown, run again with a larger stack
        more = f"; with a larger stack {cell(again, memory)}" if again else ""
        return f"error: {_error_name(result['error'])}{more}"
    if "ms" in result:
        return _seconds(result["ms"] / 1000)
    text = _seconds(result["wall"])
    if "cpu" in result:
        text += f" (CPU {_seconds(result['cpu'])})"
    if memory and "mb" in result:
        text += f" · {result['mb']:.0f} MB"
    return text


def _seconds(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def _bytes(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


def _ok(result) -> bool:
    return (
        bool(result)
        and not any(k in result for k in ("skipped", "timeout", "error"))
        and ("wall" in result or "ms" in result)
    )


def _value(result) -> float | None:
    if not _ok(result):
        return None
    return result["ms"] / 1000 if "ms" in result else result["wall"]


# ---------------------------------------------------------------- targets


def _row(results, shape, size):
    return next((r for r in results["rows"] if r["shape"] == shape and r["size"] == size), None)


def target_lines(results: dict) -> list[str]:
    """Issue 17's targets, per shape, from this run: value and met / not met."""
    shapes = results["settings"]["shapes"]
    checks = [  # (what, size, measure, limit, unit)
        ("render 10,000 claims", 10_000, "argmap render", 2.0, "s"),
        ("render 10,000 claims, peak memory", 10_000, "argmap render:mb", 250, "MB"),
        ("ready in Chromium, 1,000 claims", 1000, "argmap ready", 0.6, "s"),
        ("ready in Chromium, 10,000 claims", 10_000, "argmap ready", 2.0, "s"),
        ("page of 10,000 claims", 10_000, "argmap render:bytes", 5.0, "MB"),
        ("check 20,000 claims", "check", "argmap check", 1.5, "s"),
        ("render 50,000 claims", 50_000, "argmap render", 10.0, "s"),
        ("open 50,000 claims (folded)", 50_000, "argmap ready", 5.0, "s"),
        ("Argdown SVG ÷ argmap SVG, 1,000 claims", 1000, "ratio", 8.0, "×"),
        ("Argdown SVG ÷ argmap SVG, 10,000 claims", 10_000, "ratio", 8.0, "×"),
    ]
    lines = [
        f"## Targets (issue {TARGETS_ISSUE}), per shape",
        "",
        "Each cell: this run's value (wall time), then **met** or **not met**; where wall time misses",
        "a time target, the process's CPU time (user + system) is judged too, since the machine is shared;",
        '"–" where the run did not measure it.',
        "",
        "| target | limit | " + " | ".join(shapes) + " |",
        "|---|---:|" + "---|" * len(shapes),
    ]
    for what, size, measure, limit, unit in checks:
        cells = []
        for shape in shapes:
            if size == "check":
                result = results.get("check", {}).get(shape)
            else:
                row = _row(results, shape, size)
                result = None if row is None else row["measures"].get(measure.split(":")[0])
                if measure == "ratio" and row is not None:
                    result = _ratio(
                        row["measures"].get("argdown svg"), row["measures"].get("argmap svg")
                    )
            cells.append(_judge(result, measure, limit, unit))
        lines.append(
            f"| {what} | {'≥' if unit == '×' else '≤'} {limit:g} {unit} | "
            + " | ".join(cells)
            + " |"
        )
    folder = results.get("folder")
    if folder and "error" in folder:
        lines += ["", f"Folder of AIF maps: the case failed ({folder['error']})."]
    elif folder:
        judged = _judge(folder.get("argmap render"), "argmap render", 15.0, "s")
        lines += [
            "",
            f"Folder of {folder['maps']} AIF maps rendered with `argmap render DIR`: ≤ 15 s: {judged}.",
        ]
    return lines


def _ratio(argdown: dict | None, ours: dict | None) -> dict | None:
    """How many times faster argmap's SVG export is than Argdown's; a timed-out Argdown is a lower bound."""
    if not _ok(ours):
        return ours
    if argdown and "timeout" in argdown:
        return {"ratio": argdown["timeout"] / ours["wall"], "lower_bound": True}
    if argdown and not _ok(argdown) and _ok(argdown.get("larger stack")):
        # Argdown as it ships fails; its speed given a larger stack is judged, and says so
        return {**_ratio(argdown["larger stack"], ours), "shipped": argdown["error"]}
    if not _ok(argdown):
        return argdown
    ratio = {"ratio": argdown["wall"] / ours["wall"]}
    if argdown.get("cpu") and ours.get("cpu"):
        ratio["cpu_ratio"] = argdown["cpu"] / ours["cpu"]
    return ratio


def _judge(result, measure: str, limit: float, unit: str) -> str:
    if result is None:
        return "–"
    if measure == "ratio":
        if "ratio" not in result:
            return cell(result, memory=False)
        value = result["ratio"]
        bound = "> " if result.get("lower_bound") else ""
        text = f"{bound}{value:.1f}× {'**met**' if value >= limit else '**not met**'}"
        if "cpu_ratio" in result:
            text += f"; by CPU {result['cpu_ratio']:.1f}× {'met' if result['cpu_ratio'] >= limit else 'not met'}"
        if "shipped" in result:
            text += f" (Argdown as shipped: {_error_name(result['shipped'])}; given a larger stack)"
        return text
    if measure.endswith(":mb") or measure.endswith(":bytes"):
        if not _ok(result):
            return cell(result, memory=False)
        value = result["mb"] if measure.endswith(":mb") else result["bytes"] / 1e6
        return f"{value:.{0 if unit == 'MB' and value > 50 else 1}f} MB {'**met**' if value <= limit else '**not met**'}"
    value = _value(result)
    if value is None:
        return cell(result, memory=False) + " **not met**"
    text = f"{_seconds(value)} {'**met**' if value <= limit else '**not met**'}"
    if value > limit and result.get("cpu") is not None:
        # on a loaded machine wall time counts other programs' work; CPU time is the process's own
        text += f"; CPU {_seconds(result['cpu'])} {'met' if result['cpu'] <= limit else 'not met'}"
    return text


# ---------------------------------------------------------------- tables

COLUMNS = [  # (heading, measure, memory shown)
    ("argmap render", "argmap render", True),
    ("page (gzip)", "page", False),
    ("ready in Chromium", "argmap ready", False),
    ("argmap SVG", "argmap svg", True),
    ("argmap check", "argmap check", True),
    ("Argdown SVG", "argdown svg", True),
    ("Argdown JSON", "argdown json", True),
    ("pyvis render", "pyvis render", True),
    ("pyvis still", "pyvis still", False),
]


def shape_table(results: dict, shape: str) -> list[str]:
    rows = [r for r in results["rows"] if r["shape"] == shape]
    lines = [
        "| claims | reasons | " + " | ".join(h for h, _, _ in COLUMNS) + " |",
        "|---:|---:|" + "---:|" * len(COLUMNS),
    ]
    for row in rows:
        m = row["measures"]
        cells = []
        for _, measure, memory in COLUMNS:
            if measure == "page":
                render = m.get("argmap render", {})
                cells.append(
                    f"{_bytes(render['bytes'])} ({_bytes(render['gzip'])})"
                    if "bytes" in render
                    else "–"
                )
            else:
                cells.append(cell(m.get(measure), memory))
        lines.append(f"| {row['claims']:,} | {row['reasons']:,} | " + " | ".join(cells) + " |")
    return lines


def profile_lines(results: dict) -> list[str]:
    """Per shape: own CPU time of each stage at 1k and 10k claims, and growth against linear."""
    profile = results.get("profile") or {}
    if not profile:
        return []
    lines = [
        "## Where the time goes: stages per shape",
        "",
        "From `benchmarks/profile.py` (library functions called in one process; each stage's own CPU",
        "time, a stage called from another counted once, in its own row; *of it GC*: the part spent in",
        "Python's cyclic garbage collector, charged to the stage that triggered it). *growth* is how much faster",
        f"than the claims a stage grew from the first size to the last (1.0 = linear); above {GROWTH_FLAG}",
        "it is marked **superlinear**. Browser rows are wall time from navigation start.",
        "",
    ]
    for shape, data in profile.items():
        lines.append(f"### {shape}")
        lines.append("")
        if "error" in data:
            lines += [f"profile failed: {data['error']}", ""]
            continue
        if data.get("recursion_limit"):
            lines += [
                f"(Run with Python's recursion limit raised to {data['recursion_limit']:,}; the table "
                "above says whether the CLI itself, with the default limit, succeeds.)",
                "",
            ]
        good = [r for r in data["results"] if "stages" in r]
        for r in data["results"]:
            if "error" in r:
                lines.append(f"- {r['size']:,} claims: {r['error']}")
        if not good:
            lines.append("")
            continue
        heads = " | ".join(f"{r['claims']:,}" for r in good)
        lines += [
            "| stage | " + heads + f" | of it GC at {good[-1]['claims']:,} | growth |",
            "|---|" + "---:|" * len(good) + "---:|---:|",
        ]
        first, last = good[0], good[-1]
        ratio = last["claims"] / first["claims"]
        for stage in [name for name in stage_names() if name in last["stages"]]:
            values = [r["stages"].get(stage, 0.0) for r in good]
            before = first["stages"].get(stage, 0.0)
            growth = ""
            if len(good) > 1 and before > 0.002:
                g = values[-1] / before / ratio
                growth = f"{g:.2f}" + (" **superlinear**" if g > GROWTH_FLAG else "")
            in_gc = last.get("gc", {}).get(stage)
            lines.append(
                f"| {stage} | "
                + " | ".join(_seconds(v) for v in values)
                + f" | {_seconds(in_gc) if in_gc else ''} | {growth} |"
            )
        lines.append(
            "| **sum (CPU)** | "
            + " | ".join(_seconds(sum(r["stages"].values())) for r in good)
            + f" | {_seconds(sum(last.get('gc', {}).values()))} | |"
        )
        if any("browser" in r for r in good):
            for mark, label in (
                ("dom_interactive", "browser: HTML parsed, scripts run"),
                ("load", "browser: load event"),
                ("ready", "browser: argmap ready"),
            ):
                values = [(r.get("browser") or {}).get(mark) for r in good]
                lines.append(
                    f"| {label} | "
                    + " | ".join("–" if v is None else _seconds(v / 1000) for v in values)
                    + " | | |"
                )
        lines.append("")
        if last.get("browser", {}).get("js_top"):
            lines += [
                "<details><summary>JavaScript functions with the most own time until ready, "
                f"{last['claims']:,} claims</summary>",
                "",
                "```",
            ]
            lines += [
                f"{item['ms']:>9.1f} ms  {item['function']}" for item in last["browser"]["js_top"]
            ]
            lines += ["```", "</details>", ""]
        if last.get("cprofile"):
            body = [line for line in last["cprofile"].splitlines()[6:] if line.strip()]
            lines += [
                f"<details><summary>cProfile, {last['claims']:,} claims, by own time</summary>",
                "",
                "```",
                *[
                    line.replace(str(Path(__file__).resolve().parent.parent) + "/", "")
                    for line in body
                ],
                "```",
                "</details>",
                "",
            ]
    return lines


def markdown(results: dict, plot_name: str | None) -> str:
    info = results["machine"]
    settings = results["settings"]
    lines = [
        "# Benchmarks: argmap beside Argdown and pyvis, on every shape of map",
        "",
        "Generated by `benchmarks/run.py`; do not edit by hand. Reproduce from the repository root with:",
        "",
        f"    {results['command']}",
        "",
        "Shapes (`benchmarks/shapes.py`, deterministic by seed): **tree** a broad random tree (1-3 reasons",
        "per claim, 10% implicit, 12% objections); **chain** one deep chain (depth = claims - 1);",
        "**dag** a dense DAG (premises shared by many reasons, undercuts, cycles through objections);",
        "**fan** one conclusion with 2,000 reasons, the rest fanning out below them; **aif** real",
        "AraucariaDB maps (`benchmarks/corpus/aif/`) joined into one argument.",
        "",
        "- **argmap render / SVG / check**: the whole `argmap` process, interpreter start included",
        "  (`/usr/bin/time`): wall time · peak resident memory. **page**: the HTML's bytes (gzipped).",
        "- **ready in Chromium**: headless Chromium, navigation start to argmap's `argmap:ready` event.",
        f"- **Argdown** ({info['argdown']}): the map written by argmap's own Argdown writer, then",
        "  `argdown map FILE OUT --format svg` and `argdown json FILE OUT`, timed the same way.",
        '- **pyvis**: `benchmarks/pyvis_page.py` (`Network(cdn_resources="in_line")`, `from_nx`, `write_html`,',
        "  pyvis's defaults); **still**: until its network fires `stabilized`, or timeout after "
        f"{settings['still_cap']:g} s.",
        f"- Up to 1,000 claims argmap's times are medians of {settings['runs']} runs; otherwise one run.",
        "  Every process time is wall (CPU: user + system). Argdown and SVG export run up to 10,000 claims.",
        f'  A process over {settings["timeout"]:g} s is stopped ("timeout"); after a timeout or failure, or',
        '  when a linear projection from the size before passes the timeout, bigger sizes are "not run".',
        '  A failing process is recorded with its error ("error: RecursionError").',
        "",
    ]
    if plot_name:
        lines += [
            f"![Wall time against claims, per shape: argmap, Argdown and pyvis](img/{plot_name})",
            "",
        ]
    sizes = settings["sizes"]
    big = 10_000 if 10_000 in sizes else max(sizes)
    lines += [
        f"## Summary at {big:,} claims",
        "",
        "| shape | " + " | ".join(h for h, _, _ in COLUMNS) + " |",
        "|---|" + "---:|" * len(COLUMNS),
    ]
    for shape in settings["shapes"]:
        row = _row(results, shape, big)
        if row is None:
            continue
        body = shape_table({"rows": [row]}, shape)[2].split(" | ", 2)[2]
        lines.append(f"| {shape} ({row['claims']:,}) | {body}")
    lines += [""] + target_lines(results) + [""]
    for shape in settings["shapes"]:
        lines += [f"## {shape}", ""] + shape_table(results, shape) + [""]
    if results.get("check"):
        lines += ["## `argmap check` of 20,000 claims", "", "| shape | check |", "|---|---:|"]
        lines += [f"| {shape} | {cell(r)} |" for shape, r in results["check"].items()] + [""]
    folder = results.get("folder")
    if folder and "maps" in folder:
        render = folder.get("argmap render", {})
        lines += [
            f"## A folder of {folder['maps']} AIF maps",
            "",
            "Copies of the corpus maps with their ids and texts varied (`shapes.write_aif_folder`).",
            "",
            "| measure | time · peak memory | written |",
            "|---|---:|---:|",
            f"| `argmap render DIR` | {cell(render)} | {_bytes(render['bytes']) if 'bytes' in render else '–'} |",
            f"| `argmap check` of every map | {cell(folder.get('argmap check'))} | |",
        ]
        if "argdown svg" in folder:
            a = folder["argdown svg"]
            lines.append(
                f"| `argdown map DIR/*.argdown --format svg` | {cell(a)} | "
                f"{_bytes(a['bytes']) if 'bytes' in a else '–'} |"
            )
        lines.append("")
    lines += profile_lines(results)
    load = ", ".join(f"{v:.1f}" for v in info["load"])
    during = [r["load"] for r in results["rows"] if "load" in r]
    if during:
        load += f"; during the run, 1-minute load {min(during):.1f} to {max(during):.1f} on {info['nproc']} CPUs"
    lines += [
        "## Machine",
        "",
        f"- {info['nproc']} CPUs ({info['cpu']}), {info['mem_gb']:.1f} GB memory",
        f"- Python {info['python']}, {info['chromium']}, node {info['node']}, pyvis {info['pyvis']}, "
        f"networkx {info['networkx']}, PyYAML {info['pyyaml']}",
        f"- load average when the run started: {load} (the machine is shared: where wall time is",
        "  above CPU time in the JSON, other work competed for the cores)",
        (
            f"- the whole benchmark took {results['minutes']:.1f} minutes"
            if results.get("minutes") is not None
            else "- **incomplete run**: written after each shape; the shapes and cases missing above were not reached"
        ),
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- the plot

SERIES = [  # (measure, label, colour, line style)
    ("argmap render", "argmap render", "#1f77b4", "-"),
    ("argmap svg", "argmap export svg", "#1f77b4", "--"),
    ("argmap ready", "argmap ready in Chromium", "#1f77b4", ":"),
    ("argdown svg", "Argdown map (SVG)", "#d62728", "-"),
    ("argdown json", "Argdown json", "#d62728", "--"),
    ("pyvis render", "pyvis render", "#2ca02c", "-"),
]


def plot(results: dict, path: Path) -> Path | None:
    """Wall time against claims, log-log, one panel per shape; a cross marks a timeout."""
    try:
        import matplotlib
    except ImportError:
        print("matplotlib missing (pip install -e '.[bench]'): no plot", file=sys.stderr)
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker  # noqa: F401  (matplotlib.ticker below)

    shapes = results["settings"]["shapes"]
    columns = min(3, len(shapes))
    rows = (len(shapes) + columns - 1) // columns
    figure, axes = plt.subplots(rows, columns, figsize=(5 * columns, 3.8 * rows), squeeze=False)
    for index, shape in enumerate(shapes):
        ax = axes[index // columns][index % columns]
        data = [r for r in results["rows"] if r["shape"] == shape]
        for measure, label, colour, style in SERIES:
            points = [(r["claims"], _value(r["measures"].get(measure))) for r in data]
            good = [(x, y) for x, y in points if y is not None]
            if good:
                ax.plot(*zip(*good), style, color=colour, marker="o", markersize=3, label=label)
            late = [
                (r["claims"], r["measures"][measure]["timeout"])
                for r in data
                if "timeout" in r["measures"].get(measure, {})
            ]
            if late:
                ax.plot(*zip(*late), "x", color=colour, markersize=9)
            failed = [
                (r["claims"], r["measures"][measure]["wall"])
                for r in data
                if "error" in r["measures"].get(measure, {}) and "wall" in r["measures"][measure]
            ]
            if failed:
                ax.plot(*zip(*failed), "^", color=colour, markersize=8, fillstyle="none")
            again = [  # Argdown, run again with a larger stack where it overflowed its own
                (r["claims"], _value(r["measures"][measure]["larger stack"]))
                for r in data
                if _ok(r["measures"].get(measure, {}).get("larger stack"))
            ]
            if again:
                ax.plot(*zip(*again), "s", color=colour, markersize=6)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
        ax.set_title(shape)
        ax.set_xlabel("claims")
        ax.set_ylabel("seconds (wall)")
        ax.grid(True, which="major", alpha=0.3)
    for index in range(len(shapes), rows * columns):
        axes[index // columns][index % columns].axis("off")
    legend: dict = {}
    for ax in axes.flat:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            legend.setdefault(label, handle)
    order = [label for _, label, _, _ in SERIES if label in legend]
    figure.legend(
        [legend[label] for label in order],
        order,
        loc="lower center",
        ncol=min(6, len(order)),
        fontsize=8,
        title="× = timeout, △ = failed (at the time it failed), ■ = Argdown run again with a larger stack",
        title_fontsize=8,
    )
    figure.tight_layout(rect=(0, 0.08, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(figure)
    return path


def write_report(results: dict, md_path: Path, png_path: Path) -> list[Path]:
    drawn = plot(results, png_path)
    md_path.write_text(markdown(results, drawn.name if drawn else None), encoding="utf-8")
    return [md_path, *([drawn] if drawn else [])]


def main(argv=None) -> int:
    import json

    source = Path((argv or sys.argv[1:] or ["docs/benchmarks.json"])[0])
    results = json.loads(source.read_text("utf-8"))
    for path in write_report(
        results, source.with_suffix(".md"), source.parent / "img" / f"{source.stem}.png"
    ):
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
