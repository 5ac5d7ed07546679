"""Time and memory of `argmap check` on every hostile reproducer; prints a Markdown table.

    python benchmarks/hostile.py                    # every reproducer, one run each; a few minutes
    python benchmarks/hostile.py --only argdown --runs 3 --out /tmp/hostile.md

Issue #12 is done when no input under 1 MB takes over 5 s or 1 GB in `check` on this machine.
Each run is its own child process (the CLI, as a user runs it) under an address-space cap and a
hang guard (tests/hostile_run.py); wall time and peak RSS are that child's own (wait4). The small
reproducers are the files in tests/maps/hostile/ (the source-file ones in the layout they need),
the big ones are generated into a temporary folder. This is not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from hostile_run import (  # noqa: E402
    GENERATED,
    HANG_GUARD,
    MEMORY_CAP,
    SOURCE_MAPS,
    VALID_GENERATED,
    many_claims,
    run_argmap,
    small_reproducers,
    source_layout,
    write_generated,
)

SMALL_INPUT = 1_000_000  # bytes: the "input of under 1 MB"
TIME_TARGET = 5.0  # s
MEMORY_TARGET = 1_000_000_000  # bytes


def _inputs(scratch: Path) -> list[tuple[str, Path]]:
    """(name, map path) of every reproducer, the generated ones written into `scratch`."""
    inputs = [(p.name, p) for p in small_reproducers()]
    folder = source_layout(scratch / "tree")
    inputs += [(name, folder / name) for name in SOURCE_MAPS]
    big = scratch / "big"
    big.mkdir()
    for name in [*GENERATED, *VALID_GENERATED]:
        inputs.append((name, write_generated(big, name)))
    path = big / "many-claims.yaml"
    path.write_text(many_claims(20_000), encoding="utf-8")
    inputs.append(("20000-claims", path))
    return inputs


def _verdict(size: int, seconds: float, rss: int, run, timeout: float) -> str:
    if run.timed_out:
        return f"**killed after {timeout:.0f} s**"
    if "MemoryError" in run.err or run.returncode < 0:
        return (
            "**hit the memory cap**"
            if "MemoryError" in run.err
            else f"**died (signal {-run.returncode})**"
        )
    if size >= SMALL_INPUT:
        return "ok (over 1 MB: no target)"
    over = [
        what
        for what, bad in (("over 5 s", seconds > TIME_TARGET), ("over 1 GB", rss > MEMORY_TARGET))
        if bad
    ]
    return f"**{', '.join(over)}**" if over else "ok"


def _outcome(run) -> str:
    if "Traceback" in run.err:
        return f"{run.returncode} (traceback)"
    return str(run.returncode)


def measure(inputs, runs: int, timeout: float, memory_cap: int, cwd: Path) -> list[str]:
    rows = [
        "| reproducer | input bytes | exit | wall s | peak RSS MB | verdict |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, path in inputs:
        results = [
            run_argmap(["check", "-q", path], cwd=cwd, timeout=timeout, memory_cap=memory_cap)
            for _ in range(runs)
        ]
        seconds = statistics.median(r.seconds for r in results)
        rss = max(r.peak_rss_kib for r in results) * 1024
        size = path.stat().st_size
        last = results[-1]
        rows.append(
            f"| {name} | {size:,} | {_outcome(last)} | {seconds:.2f} | "
            f"{rss / 1e6:.0f} | {_verdict(size, seconds, rss, last, timeout)} |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only reproducers whose name contains this text")
    parser.add_argument("--runs", type=int, default=1, help="runs per input (median wall time)")
    parser.add_argument(
        "--timeout", type=float, default=HANG_GUARD, help="seconds before a run is killed"
    )
    parser.add_argument(
        "--memory-cap-mb",
        type=int,
        default=MEMORY_CAP // (1024 * 1024),
        help="address-space cap of each run, MiB",
    )
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="argmap-hostile-") as scratch:
        scratch = Path(scratch)
        inputs = [(n, p) for n, p in _inputs(scratch) if not args.only or args.only in n]
        rows = measure(inputs, args.runs, args.timeout, args.memory_cap_mb * 1024 * 1024, scratch)
    header = [
        f"`argmap check` on hostile input: Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {args.runs} run(s) each, cap {args.memory_cap_mb} MiB "
        f"of address space, killed after {args.timeout:.0f} s. Target for inputs under "
        "1 MB: at most 5 s and 1 GB.",
        "",
    ]
    text = "\n".join(header + rows) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
