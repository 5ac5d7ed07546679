"""Render every map in a folder to its own page, plus an index page; one bad map does not stop the rest."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import ArgmapError, UsageError
from .limits import DEFAULT_LIMITS, Limits

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
    from .formats import EXTENSIONS

    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in EXTENSIONS
                  and not p.name.startswith("."))


def _page_names(sources: list[Path]) -> dict[Path, str]:
    """One output name per map: its stem, made unique and kept clear of the index page."""
    names: dict[Path, str] = {}
    taken = {INDEX}
    for source in sources:
        name = f"{source.stem}.html"
        if name in taken:
            name = f"{source.name.replace('.', '-')}.html"
        taken.add(name)
        names[source] = name
    return names


def render_site(folder: Path, outdir: Path, theme: str = "auto",
                progress: Callable[[Path], None] | None = None, *,
                limits: Limits = DEFAULT_LIMITS) -> SiteReport:
    """Render each map of `folder` into `outdir` and write an index linking them."""
    from .files import write_atomic
    from .formats import read_map
    from .render import render_index, render_page

    if not folder.is_dir():
        raise UsageError(f"'{folder}' is not a folder")
    sources = map_files(folder)
    if not sources:
        raise UsageError(f"no maps in '{folder}' (looked for files ending in .yaml, .yml"
                         " or another format argmap reads)")
    outdir.mkdir(parents=True, exist_ok=True)
    report = SiteReport()
    for source, name in _page_names(sources).items():
        try:
            amap = read_map(source, limits=limits)
            write_atomic(outdir / name, render_page(amap, theme=theme))
            report.pages.append(SitePage(source, name, amap.title, len(amap.claims),
                                         len(amap.reasons)))
        except ArgmapError as error:
            report.failures.append(SiteFailure(source, error))
        if progress:
            progress(source)
    write_atomic(outdir / INDEX, render_index(report, title=folder.resolve().name, theme=theme))
    return report
