"""Render every map in a folder to its own page, plus an index page; one bad map does not stop the rest."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..errors import ArgmapError, MapError, UsageError
from ..limits import DEFAULT_LIMITS, Limits
from ..page.links import relative_href

INDEX = "index.html"


@dataclass
class SitePage:
    source: Path
    href: str
    title: str
    claims: int
    reasons: int


@dataclass
class SiteFailure:
    source: Path
    error: ArgmapError


@dataclass
class SiteReport:
    pages: list[SitePage] = field(default_factory=list)
    failures: list[SiteFailure] = field(default_factory=list)


def map_files(folder: Path) -> list[Path]:
    """The files in `folder` that argmap can read, sorted by name."""
    from ..formats import EXTENSIONS

    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in EXTENSIONS and not p.name.startswith(".")
    )


# Characters an output file name never takes from a map's file name: path separators (a
# folder listing on another system may hold a backslash), control characters, and what
# Windows refuses or reads as syntax (':' names a stream there), so a site copies anywhere.
_UNSAFE_NAME = re.compile(r'[/\\\x00-\x1f\x7f<>:"|?*]')


def _safe_stem(stem: str) -> str:
    """A file name stem that names one file in the output folder and reads as no option or
    hidden file: unsafe characters become '-', leading dots and dashes go."""
    return _UNSAFE_NAME.sub("-", stem).lstrip(".-") or "map"


def _page_names(sources: list[Path]) -> dict[Path, str]:
    """One output name per map: its stem, made safe, unique (also on a case-insensitive disk)
    and kept clear of the index page."""
    names: dict[Path, str] = {}
    taken = {INDEX.casefold()}
    for source in sources:
        candidates = [_safe_stem(source.stem), _safe_stem(source.name.replace(".", "-"))]
        stem = next((c for c in candidates if f"{c}.html".casefold() not in taken), None)
        number = 2
        while stem is None:
            if f"{candidates[1]}-{number}.html".casefold() not in taken:
                stem = f"{candidates[1]}-{number}"
            number += 1
        names[source] = f"{stem}.html"
        taken.add(names[source].casefold())
    return names


def _unexpected(source: Path, error: Exception) -> MapError:
    """A failure argmap has no message for (a reader bug, a map that exhausts the stack or
    memory) as one clean diagnostic: the folder's other maps still get their pages."""
    # the type only: a message could quote the map or a file it names into a published index
    return MapError.at(
        f"could not render this map ({type(error).__name__}): an argmap bug, "
        "please report it with the map",
        str(source),
    )


def _render_one(source: Path, theme: str, prefix: str, limits: Limits, color_by: str = "kind"):
    """One map's page as bytes, with what the index says of it; or the error it failed with.
    Runs in a worker process: everything it takes and returns pickles (MapError included)."""
    from ..formats import read_map
    from ..page.render import render_page

    try:
        amap = read_map(source, limits=limits)
        # encoded here so text no UTF-8 can hold fails this map, not the folder
        page = render_page(amap, theme=theme, assets=prefix, color_by=color_by).encode("utf-8")
    except ArgmapError as error:
        return error
    except Exception as error:  # one map must never cost the others their pages
        return _unexpected(source, error)
    return page, amap.title, len(amap.claims), len(amap.reasons)


def _worker_start() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the run and reports it once,
    # the workers do not each print a traceback
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _usable_cores() -> int:
    try:
        return len(
            os.sched_getaffinity(0)
        )  # the cores this process may run on (containers, taskset)
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _rendered(sources: list[Path], render: Callable, workers: int) -> Iterator:
    """(source, result) for every map in `sources` order: in worker processes when there are
    several maps and cores, so a folder of hundreds of maps uses every core."""
    if workers <= 1 or len(sources) <= 1:
        for source in sources:
            yield source, render(source)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    pool = ProcessPoolExecutor(max_workers=min(workers, len(sources)), initializer=_worker_start)
    try:
        # results taken in submission order: the same index and the same files on any machine.
        # submit, not map(): map cancels what is pending when interrupted, which races with
        # stopping the workers (see _stop_workers)
        futures = [pool.submit(render, source) for source in sources]
        for source, future in zip(sources, futures):
            yield source, future.result()
            done += 1
    except BrokenProcessPool:
        # a worker died (killed for memory, a crash in C): the rest render here, one by one
        pool.shutdown(wait=False, cancel_futures=True)
        for source in sources[done:]:
            yield source, render(source)
    except BaseException:  # Ctrl-C (or the caller stopped early): end the workers now
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _stop_workers(pool) -> None:
    """A pool's shutdown lets every running map finish, seconds for a big one; a reader who
    pressed Ctrl-C wants the prompt back. Python 3.14 has terminate_workers; before it, the
    pool's own process table is the only handle on its workers."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    # the pool sees its workers gone and fails what was pending: wait for that (the workers
    # are dead, so at once); cancelling instead races with it before Python 3.12 and its
    # thread prints an InvalidStateError traceback
    pool.shutdown(wait=True)


def render_site(
    folder: Path,
    outdir: Path,
    theme: str = "auto",
    progress: Callable[[Path], None] | None = None,
    assets: Path | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
    color_by: str = "kind",
) -> SiteReport:
    """Render each map of `folder` into `outdir` and write an index linking them.

    The pages share one script and one style file, in `assets` (default: outdir/_argmap),
    so a site of hundreds of maps carries the library once. `workers`: processes rendering
    maps at once (default: one per usable core; 1 renders in this process). `color_by`
    (drawing.colour_by.COLOR_BY): what box colours mean on every page."""
    from ..page.assets import ASSET_FOLDER, relative_prefix, write_assets
    from ..output_files import ensure_folder, write_atomic
    from ..page.render import render_index

    from ..drawing.colour_by import check_color_by

    check_color_by(color_by)  # once, not as a failure of every map
    if not folder.is_dir():
        raise UsageError(f"'{folder}' is not a folder")
    sources = map_files(folder)
    if not sources:
        raise UsageError(
            f"no maps in '{folder}' (looked for files ending in .yaml, .yml"
            " or another format argmap reads)"
        )
    ensure_folder(outdir)  # a file named like the folder is a usage error, not a traceback
    assets = assets if assets is not None else outdir / ASSET_FOLDER
    write_assets(assets)
    prefix = relative_prefix(outdir, assets)
    names = _page_names(sources)
    report = SiteReport()
    render = functools.partial(
        _render_one, theme=theme, prefix=prefix, limits=limits, color_by=color_by
    )
    for source, result in _rendered(
        sources, render, workers if workers is not None else _usable_cores()
    ):
        if isinstance(result, ArgmapError):
            report.failures.append(SiteFailure(source, result))
        else:
            page, title, claims, reasons = result
            # here, not in the worker: a write that fails (disk full, no permission) is no
            # fault of this map and would fail every page: it stops the run (UsageError, exit 2)
            write_atomic(outdir / names[source], page)
            report.pages.append(
                SitePage(source, relative_href(names[source]), title, claims, reasons)
            )
        if progress:
            progress(source)
    index = render_index(report, title=folder.resolve().name, theme=theme)
    # a file name that is not UTF-8 is shown with '?'; its link (relative_href) keeps its bytes
    write_atomic(outdir / INDEX, index.encode("utf-8", "replace"))
    return report
