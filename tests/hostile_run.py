"""Hostile reproducers (small ones on disk, big ones generated) and a capped, guarded CLI runner.

Shared by tests/test_hostile.py and benchmarks/hostile.py; imports nothing from pytest or argmap, so
the benchmark runs without the tests and a broken argmap cannot break the runner.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "maps" / "hostile"

# The promise: no input may take more than about 1 GB; the cap turns a runaway into a
# failed run instead of a machine swapping (or the OOM killer picking another process).
MEMORY_CAP = 1 << 30
# Generous on purpose: a hang guard, not a speed test (speed is benchmarked, never asserted).
HANG_GUARD = 60

# A unique string planted in files outside a map's folder: it must never reach any output.
LEAK_MARKER = "5f0c2a7e-argmap-leak-marker"
SECRET_TEXT = (
    f"The harbour opens at dawn. {LEAK_MARKER} api_key=sk-live-0000\n"
    f"Second line: {LEAK_MARKER} again.\n"
)
# A quote that matches the secret file, and one that does not (its "closest passage" would leak).
SECRET_QUOTE = "The harbour opens at dawn."
WRONG_QUOTE = "The harbour opens at dawn and closes every evening of the week at dusk"


@dataclass
class Run:
    """One finished (or killed) CLI process."""

    args: list[str]
    returncode: int
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_rss_kib: int
    timed_out: bool

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")


def _capped(memory_cap: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))

    return limit


def cli_command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "argmap_cli", *map(str, args)]


def run_argmap(
    args: list,
    cwd: Path | None = None,
    *,
    timeout: float = HANG_GUARD,
    memory_cap: int = MEMORY_CAP,
    stdout_path: str | None = None,
) -> Run:
    """Run `argmap ARGS` in a child process with this checkout first on PYTHONPATH.

    The child gets an address-space cap and is killed (with its session) after `timeout` s;
    its own wall time and peak RSS come from wait4, so parallel runs do not mix. Standard
    output goes to `stdout_path` when given (e.g. /dev/full), otherwise it is captured.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("ARGMAP_PROGRESS", None)
    args = [str(a) for a in args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        target = open(stdout_path, "wb") if stdout_path else out
        try:
            started = time.perf_counter()
            process = subprocess.Popen(
                cli_command(args),
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=target,
                stderr=err,
                preexec_fn=_capped(memory_cap),
                start_new_session=True,
            )
        finally:
            if stdout_path:
                target.close()
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        guard = threading.Timer(timeout, kill)
        guard.start()
        try:
            # wait4, not Popen.wait: it hands back this child's own rusage (peak RSS)
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            guard.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            args,
            process.returncode,
            out.read(),
            err.read(),
            seconds,
            usage.ru_maxrss,
            killed.is_set(),
        )


# ---- small reproducers: files in tests/maps/hostile -----------------------------------------


def small_reproducers() -> list[Path]:
    """Every committed reproducer that runs where it lies (the source-file ones need a layout)."""
    return sorted(p for p in HOSTILE.iterdir() if p.is_file() and not p.name.startswith("source-"))


# ---- the source-file layouts: a secret outside the map's folder, devices, FIFOs -------------

SOURCE_MAPS = (
    "source-escape.yaml",
    "source-escape-wrong-quote.yaml",
    "source-escape.json",
    "source-escape.argdown",
    "source-absolute-passwd.yaml",
    "source-symlink.yaml",
    "source-dev-zero.yaml",
    "source-fifo.yaml",
    "source-too-big.yaml",
    "source-text-nul.yaml",
)
# the ones whose failure would put another file's bytes into an output
LEAK_MAPS = (
    "source-escape.yaml",
    "source-escape-wrong-quote.yaml",
    "source-escape.json",
    "source-escape.argdown",
    "source-absolute-passwd.yaml",
    "source-symlink.yaml",
)


def source_layout(base: Path, too_big_bytes: int = 20 * 1024 * 1024) -> Path:
    """Copy the source-file reproducers into BASE/a/b and build what they name; return BASE/a/b.

    BASE/secret.env holds LEAK_MARKER and sits two folders above the maps ("../../secret.env");
    linked.txt is a symlink to it; fifo.txt a FIFO; big.txt a text over the source-size limit.
    """
    folder = base / "a" / "b"
    folder.mkdir(parents=True)
    (base / "secret.env").write_text(SECRET_TEXT, encoding="utf-8")
    for name in SOURCE_MAPS:
        shutil.copyfile(HOSTILE / name, folder / name)
    (folder / "linked.txt").symlink_to(base / "secret.env")
    os.mkfifo(folder / "fifo.txt")
    line = (SECRET_QUOTE + " Filler words to make the text big.\n").encode()
    with open(folder / "big.txt", "wb") as handle:
        handle.write(line * (too_big_bytes // len(line) + 1))
    return folder


def passwd_lines() -> list[str]:
    """The lines of /etc/passwd worth looking for in an output (long enough to be unique)."""
    try:
        text = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line for line in text.splitlines() if len(line) >= 12]


# ---- big reproducers, generated --------------------------------------------------------------


def deep_yaml(levels: int) -> str:
    return "argmap: 1\ntitle: Deep\nclaims: " + "[" * levels + "]" * levels + "\n"


def deep_json(levels: int) -> str:
    return '{"argmap": 1, "title": "Deep", "claims": ' + "[" * levels + "]" * levels + "}\n"


def deep_argdown(levels: int) -> str:
    return "[A]: A holds. " + "{a: " * levels + "b" + "}" * levels + "\n  + [B]: B holds.\n"


def argdown_statement(tail: str) -> str:
    """One statement whose text is TAIL: the shapes that made the inline parser quadratic."""
    return "[A]: " + tail + "\n  + [B]: B holds.\n"


def aif_many_edges(reasons: int = 2_500, premises: int = 39, pool: int = 2_000) -> str:
    """AIF with reasons x (premises + 1) distinct edges (100,000 by default), ~3 MB, no cycle."""
    nodes = ['{"nodeID":"i0","text":"The main claim holds.","type":"I"}']
    nodes += [
        f'{{"nodeID":"i{k}","text":"Premise {k} holds.","type":"I"}}' for k in range(1, pool + 1)
    ]
    nodes += [f'{{"nodeID":"r{k}","text":"RA","type":"RA"}}' for k in range(reasons)]
    edges = []
    for k in range(reasons):
        for j in range(premises):
            edges.append(f'{{"fromID":"i{(k * premises + j) % pool + 1}","toID":"r{k}"}}')
        edges.append(f'{{"fromID":"r{k}","toID":"i0"}}')
    return '{"nodes":[\n' + ",\n".join(nodes) + '\n],\n"edges":[\n' + ",\n".join(edges) + "\n]}\n"


def _yaml_map(title: str, claims: list[tuple[str, str]], reasons: list[tuple], main: str) -> str:
    lines = ["argmap: 1", f"title: {title}", f"main: [{main}]", "claims:"]
    for ident, text in claims:
        lines += [f"  - id: {ident}", f"    text: {text}"]
    lines.append("reasons:")
    for ident, conclusion, premise, kind in reasons:
        lines += [
            f"  - id: {ident}",
            f"    conclusion: {conclusion}",
            f"    premises: [{premise}]",
            f"    type: {kind}",
        ]
    return "\n".join(lines) + "\n"


def support_chain(length: int = 10_000) -> str:
    """c0 <- c1 <- ... : each claim supports the one before; a legal map as deep as it is long."""
    claims = [(f"c{i}", f"Claim number {i} holds.") for i in range(length)]
    reasons = [(f"r{i}", f"c{i - 1}", f"c{i}", "support") for i in range(1, length)]
    return _yaml_map(f"Support chain of {length}", claims, reasons, "c0")


def objection_chain(links: int = 2_000) -> str:
    """o0 <- o1 <- ... : each claim objects to the one before (rebuttals all the way down)."""
    claims = [(f"o{i}", f"Objection number {i} holds.") for i in range(links + 1)]
    reasons = [(f"x{i}", f"o{i - 1}", f"o{i}", "objection") for i in range(1, links + 1)]
    return _yaml_map(f"Objection chain of {links}", claims, reasons, "o0")


def undercut_chain(links: int = 2_000) -> str:
    """r0 supports a; u1 undercuts r0, u2 undercuts u1, ...: objections to objections."""
    claims = [("a", "A holds.")] + [
        (f"b{i}", f"Undercut number {i} holds.") for i in range(links + 1)
    ]
    reasons = [("u0", "a", "b0", "support")]
    reasons += [(f"u{i}", f"u{i - 1}", f"b{i}", "objection") for i in range(1, links + 1)]
    return _yaml_map(f"Undercut chain of {links}", claims, reasons, "a")


def many_claims(count: int = 20_000) -> str:
    """A flat map: COUNT premises of one reason each for one main claim."""
    claims = [("m", "The main claim holds.")] + [
        (f"p{i}", f"Premise {i} holds.") for i in range(count - 1)
    ]
    reasons = [(f"r{i}", "m", f"p{i}", "support") for i in range(count - 1)]
    return _yaml_map(f"{count} claims", claims, reasons, "m")


def huge_claim_text(chars: int = 50_000_000) -> str:
    """One claim whose text is CHARS long (over the text-field limit)."""
    return (
        "argmap: 1\ntitle: Huge text\nmain: [a]\nclaims:\n  - id: a\n    text: "
        + "word " * (chars // 5)
        + "\n"
    )


# name -> (file name, text maker); the big ones, written by write_generated
GENERATED: dict[str, tuple[str, Callable[[], str]]] = {
    "deep-100000-yaml": ("deep-100000.yaml", lambda: deep_yaml(100_000)),
    "deep-100000-json": ("deep-100000.json", lambda: deep_json(100_000)),
    "deep-100000-argdown": ("deep-100000.argdown", lambda: deep_argdown(100_000)),
    "argdown-open-tags": ("open-tags.argdown", lambda: argdown_statement("#(" * 40_000)),
    "argdown-emphasis": ("emphasis.argdown", lambda: argdown_statement("***a " * 16_000)),
    "argdown-open-links": ("open-links.argdown", lambda: argdown_statement("[x](" * 16_000)),
    "argdown-50000-tags": (
        "many-tags.argdown",
        lambda: argdown_statement("A holds. " + " ".join(f"#t{i}" for i in range(50_000))),
    ),
    "aif-100k-edges": ("many-edges.json", aif_many_edges),
    "huge-claim-text": ("huge-text.yaml", huge_claim_text),
}
# valid big maps: every command must succeed on them
VALID_GENERATED: dict[str, tuple[str, Callable[[], str]]] = {
    "support-chain-10000": ("support-chain.yaml", support_chain),
    "objection-chain-2000": ("objection-chain.yaml", objection_chain),
    "undercut-chain-2000": ("undercut-chain.yaml", undercut_chain),
}


def write_generated(folder: Path, name: str) -> Path:
    """Write the generated reproducer NAME into FOLDER; return its path."""
    file_name, make = {**GENERATED, **VALID_GENERATED}[name]
    path = folder / file_name
    path.write_text(make(), encoding="utf-8")
    return path


def native_json(title: str) -> str:
    """A small valid native JSON map titled TITLE."""
    return (
        json.dumps(
            {
                "argmap": 1,
                "title": title,
                "main": ["a"],
                "claims": [{"id": "a", "text": "A holds."}, {"id": "b", "text": "B holds."}],
                "reasons": [{"id": "r", "conclusion": "a", "premises": ["b"]}],
            },
            indent=1,
        )
        + "\n"
    )
