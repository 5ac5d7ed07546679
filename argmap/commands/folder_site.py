"""Render every map in a folder to its own page, plus an index page; one bad map does not stop the rest."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

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

    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in EXTENSIONS
                  and not p.name.startswith("."))


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
    return MapError.at(f"could not render this map ({type(error).__name__}): an argmap bug, "
                       "please report it with the map", str(source))


def render_site(folder: Path, outdir: Path, theme: str = "auto",
                progress: Callable[[Path], None] | None = None,
                assets: Path | None = None, *,
                limits: Limits = DEFAULT_LIMITS) -> SiteReport:
    """Render each map of `folder` into `outdir` and write an index linking them.

    The pages share one script and one style file, in `assets` (default: outdir/_argmap),
    so a site of hundreds of maps carries the library once."""
    from ..page.assets import ASSET_FOLDER, relative_prefix, write_assets
    from ..output_files import ensure_folder, write_atomic
    from ..formats import read_map
    from ..page.render import render_index, render_page

    if not folder.is_dir():
        raise UsageError(f"'{folder}' is not a folder")
    sources = map_files(folder)
    if not sources:
        raise UsageError(f"no maps in '{folder}' (looked for files ending in .yaml, .yml"
                         " or another format argmap reads)")
    ensure_folder(outdir)  # a file named like the folder is a usage error, not a traceback
    assets = assets if assets is not None else outdir / ASSET_FOLDER
    write_assets(assets)
    prefix = relative_prefix(outdir, assets)
    report = SiteReport()
    for source, name in _page_names(sources).items():
        try:
            amap = read_map(source, limits=limits)
            # encoded here so text no UTF-8 can hold fails this map, not the folder
            page = render_page(amap, theme=theme, assets=prefix).encode("utf-8")
        except ArgmapError as error:
            report.failures.append(SiteFailure(source, error))
        except Exception as error:  # one map must never cost the others their pages
            report.failures.append(SiteFailure(source, _unexpected(source, error)))
        else:
            # outside the guard: a write that fails (disk full, no permission) is no fault of
            # this map and would fail every page: it stops the run (UsageError, exit 2)
            write_atomic(outdir / name, page)
            report.pages.append(SitePage(source, relative_href(name), amap.title,
                                         len(amap.claims), len(amap.reasons)))
        if progress:
            progress(source)
    index = render_index(report, title=folder.resolve().name, theme=theme)
    # a file name that is not UTF-8 is shown with '?'; its link (relative_href) keeps its bytes
    write_atomic(outdir / INDEX, index.encode("utf-8", "replace"))
    return report
