"""Render a map to one self-contained HTML page: pyvis builds the vis-network data, Jinja2 the page."""

from __future__ import annotations

import json
import re

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from .._version import __version__
from .assets import own_asset, vis_bundle_text
from .csp import CSP_PLACEHOLDER, inline_hashes, with_csp
from ..formats.native_write import map_to_dict
from ..graph import build_graph
from ..drawing.layout import layered_layout
from ..model import ArgumentMap
from .outline import PAGE_NEST_LEVELS, build_outline, outline_html
from .package_data import templates_dir
from .vis_styles import vis_rows
from ..drawing.style import KIND_COLOURS

THEMES = ("auto", "light", "dark")


def quote_contexts(amap: ArgumentMap) -> tuple[dict[str, dict], dict[int, str]]:
    """For each quoted claim, the paragraph its quote sits in and where in it; and every
    paragraph of the source text (the source view shows it whole)."""
    from ..analysis.coverage import locate_quotes

    texts, found = locate_quotes(amap)
    return found, dict(enumerate(texts))


def script_json(data) -> Markup:
    """JSON safe inside <script>: no '</script>', '<!--' or line separators can break out."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return Markup(text)


def page_data(amap: ArgumentMap, progress=None, color_by: str = "kind") -> dict:
    """Everything the viewer script needs, as one JSON document; `color_by` (colour_by.COLOR_BY)
    says what a box's colour means.

    progress(step, done, total), if given, hears how a long render advances (RENDER_STEPS in all)."""
    from .folding import (
        BIG_MAP_CLAIMS,
        first_view_positions,
        first_views,
        fold_beyond_window,
        hidden_nodes,
        initial_view,
        narrow_layouts,
    )

    report = progress or (lambda step, done, total: None)
    graph = build_graph(amap)
    labels = {c.id: c.text for c in amap.claims.values()}
    boxes = layered_layout(
        graph, labels, lambda step, done, total: report(step, done, RENDER_STEPS)
    )
    fold = initial_view(graph, boxes, len(amap.claims))
    hidden = hidden_nodes(graph, fold)
    if hidden:  # a folded first view has its own compact layout (see folding.first_view_positions)
        fold["start"] = first_view_positions(graph, hidden, labels)
    views = first_views(graph, boxes, labels, fold, len(amap.claims))
    if views:  # broad or big: it opens on its top rows, folded and laid out for the box
        fold["views"] = views
    elif len(amap.claims) >= BIG_MAP_CLAIMS and not hidden:  # big, its top row too wide
        fold["start"] = fold_beyond_window(graph, boxes, fold)
        hidden = hidden_nodes(graph, fold)
    from ..drawing.colour_by import box_colours

    colours, legend = box_colours(amap, color_by)
    vis = vis_rows(amap, graph, boxes, hidden, colours)
    report("page data", 5, RENDER_STEPS)
    contexts, paragraphs = quote_contexts(amap)
    data = map_to_dict(amap)
    for claim in data["claims"]:
        # sent once, in the outline (viewer.js claimTexts reads it there): the texts were a
        # fifth of a big page, and the outline must carry them for readers without JavaScript
        del claim["text"]
    data["source"] = {k: v for k, v in data.get("source", {}).items() if k != "text"}
    if "url" in data["source"] and not re.match(r"^https?://", data["source"]["url"], re.I):
        del data["source"]["url"]  # only http(s) links reach the page
    data["contexts"] = contexts
    data["paragraphs"] = {str(i): text for i, text in sorted(paragraphs.items())}
    from ..analysis.coverage import coverage

    covered = coverage(amap)
    if covered is not None:  # the figure the source view shows under its heading
        data["coverage"] = {"summary": covered.summary(), **covered.as_dict()}
    data["vis"] = vis  # each style once, and nothing the claims and reasons say already
    data["reasons"] = [_reason_row(r) for r in data["reasons"]]
    if "options" in fold:
        data["vis"]["options"] = fold.pop("options")  # cheaper drawing for big maps
    data["fold"] = fold
    data["colorBy"] = {"by": color_by, "legend": [[label, colour] for label, colour in legend]}
    from ..drawing.colour_by import group_colours

    data["groupColours"] = group_colours(amap)  # the bands viewer.js draws behind each group
    if not hidden and not views:
        data["narrow"] = narrow_layouts(graph, labels, boxes, len(amap.claims))
    return data


def _reason_row(reason: dict) -> list:
    """A reason as [id, conclusion, premises], then its type unless it supports, then an object
    of its other fields: key names were a third of a big page's reasons (viewer.js expandReasons)."""
    row: list = [reason["id"], reason["conclusion"], reason["premises"]]
    rest = {k: v for k, v in reason.items() if k not in ("id", "conclusion", "premises", "type")}
    if rest or reason.get("type", "support") != "support":
        row.append(reason.get("type", "support"))
    if rest:
        row.append(rest)
    return row


def vis_bundle() -> Markup:
    """vis-network, inlined in our namespace (see assets.VIS_WRAPPER)."""
    return Markup(vis_bundle_text())


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["script_json"] = script_json
    env.globals["asset"] = lambda name: Markup(own_asset(name))
    env.globals["vis_bundle"] = vis_bundle
    env.globals["version"] = __version__
    return env


RENDER_STEPS = 8  # layout 4, page data, HTML, policy, written: what progress callbacks count to


def _render_map(
    template: str, amap: ArgumentMap, theme: str, progress=None, color_by: str = "kind", **context
) -> str:
    from .._gc import paused_gc

    if theme not in THEMES:
        raise ValueError(f"unknown theme '{theme}'")
    with paused_gc():  # a big map's page data is ~10^6 containers, none garbage: see _gc.py
        html = (
            _environment()
            .get_template(template)
            .render(
                map=amap,
                data=page_data(amap, progress, color_by),
                outline=outline_html(build_outline(amap, PAGE_NEST_LEVELS)),
                theme=theme,
                kinds=[k for k in KIND_COLOURS if k],
                kind_colours=KIND_COLOURS,
                **context,
            )
        )
    if progress:
        progress("html", 6, RENDER_STEPS)
    return html


def render_page(
    amap: ArgumentMap,
    theme: str = "auto",
    progress=None,
    *,
    assets: str | None = None,
    color_by: str = "kind",
) -> str:
    """The full HTML page for a map, under a strict Content-Security-Policy.

    `assets=None` inlines the scripts and styles (one self-contained file); a relative URL
    prefix (e.g. "_argmap/") loads them instead from the shared files there (assets.py)."""
    tags = _asset_tags(assets)
    html = with_csp(
        _render_map("page.html.j2", amap, theme, progress, color_by, asset_tags=tags),
        shared=tags is not None,
    )
    if progress:
        progress("policy", 7, RENDER_STEPS)
    return html


def render_fragment(
    amap: ArgumentMap,
    theme: str = "auto",
    *,
    height=None,
    id_prefix: str | None = None,
    assets: str | None = None,
    include_asset_tags: bool = False,
    color_by: str = "kind",
) -> str:
    """An HTML fragment to paste into any page: no html/head/body, CSS scoped under .argmap.

    height: the map's height (pixels, or a CSS length such as "60vh"); id_prefix: put before
    every element id, and names the map in deep links (#PREFIX:CLAIM), default from the map's
    content (fragment_options.default_id_prefix); assets=None inlines the library, a relative
    URL prefix (e.g. "../_static/") expects the shared files' tags (SharedAssets.tags) in the
    page, or, with include_asset_tags, puts them in the fragment itself."""
    from .fragment_options import check_height, check_id_prefix, default_id_prefix, prefix_ids

    prefix = check_id_prefix(id_prefix) if id_prefix is not None else default_id_prefix(amap)
    tags = _asset_tags(assets)
    html = _render_map(
        "fragment.html.j2",
        amap,
        theme,
        color_by=color_by,
        asset_tags=tags,
        include_asset_tags=include_asset_tags,
        id_prefix=prefix,
        height=check_height(height) if height is not None else None,
    )
    html = prefix_ids(html, prefix)
    hashes = inline_hashes(html)
    if tags is None:
        needs = f"script-src {' '.join(hashes['script'])}; style-src {' '.join(hashes['style'])}"
    else:
        needs = (
            "script-src and style-src allowing the shared argmap-*.js and argmap-*.css files "
            "(their origin, or 'self')"
        )
    return html.replace(
        CSP_PLACEHOLDER,
        (f"<!-- argmap fragment. Under a Content-Security-Policy the host page needs: {needs} -->"),
        1,
    )


def _asset_tags(url_prefix: str | None) -> Markup | None:
    """The shared files' tags for a page whose assets are at `url_prefix`; None when inlined."""
    if url_prefix is None:
        return None
    from .assets import shared_assets

    return Markup(shared_assets().tags(url_prefix))


def iframe_snippet(src: str, title: str) -> str:
    """A paste-ready, width-responsive <iframe> for a rendered page: `src` is an http(s) URL,
    or the page's path relative to the article (a file name, made a safe relative link)."""
    from markupsafe import escape

    from .links import relative_href

    if not re.match(r"^https?://", src, re.I):
        src = relative_href(src)  # a page named "javascript:….html" must stay a file
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" loading="lazy" '
        'sandbox="allow-scripts allow-popups" referrerpolicy="no-referrer" '
        'style="display:block;box-sizing:border-box;width:100%;height:min(85vh,760px);'
        'min-height:420px;border:1px solid #d1d5db;border-radius:6px"></iframe>\n'
    )


def write_page(
    amap: ArgumentMap,
    output,
    theme: str = "auto",
    embed: bool = False,
    progress=None,
    assets=None,
    color_by: str = "kind",
) -> None:
    """Render the page (or with `embed`, the fragment) and write it atomically.

    `assets`: a folder to write the shared script and style into (assets.write_assets), which
    the output then references by relative URL instead of inlining them.
    progress(step, done, total) hears how a page render advances; see page_data. `color_by`:
    what a box's colour means (kind, group or tag)."""
    from pathlib import Path

    from ..output_files import write_atomic

    prefix = None
    if assets is not None:
        from .assets import relative_prefix, write_assets

        write_assets(Path(assets))
        prefix = relative_prefix(Path(output).parent, Path(assets))
    if embed:
        # a pasted fragment brings its own tags: the host page may not be able to add them
        write_atomic(
            output,
            render_fragment(
                amap,
                theme=theme,
                assets=prefix,
                color_by=color_by,
                include_asset_tags=prefix is not None,
            ),
        )
        return
    write_atomic(
        output, render_page(amap, theme=theme, progress=progress, assets=prefix, color_by=color_by)
    )
    if progress:
        progress("written", RENDER_STEPS, RENDER_STEPS)


def render_index(report, title: str, theme: str = "auto") -> str:
    """The index page of a folder of maps: links to each page and the maps that failed,
    under the same Content-Security-Policy as a map page."""
    return with_csp(
        _environment().get_template("index.html.j2").render(report=report, title=title, theme=theme)
    )
