"""Sphinx extension: the `argmap` directive puts a map into a page (interactive in HTML, an image in LaTeX, the outline elsewhere)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ._version import __version__
from .errors import ArgmapError, MapError, UsageError

logger = logging.getLogger(__name__)


class argmap_node(nodes.container):
    """A map: its model and options for HTML and LaTeX; its outline as children for the rest.

    A container, so builders without writers of ours (text, man, texinfo...) write the children."""


class ArgmapDirective(SphinxDirective):
    """`.. argmap:: path` (and MyST's ```{argmap} path```).

        extensions = ["argmap.sphinx"]     # conf.py; with MyST: ["myst_parser", "argmap.sphinx"]

        .. argmap:: maps/housing.yaml                  ```{argmap} maps/housing.yaml
           :height: 480                                :height: 480
           :theme: dark                                ```
           :format: argdown     (input format, default: by extension)
           :id-prefix: housing  (names the map in deep links #housing:claim-id)
           :color-by: group     (what box colours mean: kind, group or tag)

    The path is relative to the document (or, starting with '/', to the source folder) and must
    lie in the source folder. The HTML builders load the shared script and style once per page
    that has a map, from `_static`; LaTeX gets the SVG converted to PDF by rsvg-convert (conf.py:
    argmap_rsvg_convert); other builders get the argument's outline. Defaults: argmap_theme,
    argmap_height, argmap_color_by. A broken map is a warning at the directive with the map's own file:line:col
    lines, so `sphinx-build -W` fails on it.
    """

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "height": directives.unchanged_required,
        "theme": directives.unchanged_required,
        "format": directives.unchanged_required,
        "id-prefix": directives.unchanged_required,
        "color-by": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        try:
            return [self._node()]
        except ArgmapError as error:
            what = f"cannot render the map '{self.arguments[0]}'"
            text = f"{what}:\n{error}" if isinstance(error, MapError) else f"{what}: {error}"
            logger.warning(text, location=self.get_location(), type="argmap", subtype="map")
            return []

    def _node(self) -> argmap_node:
        from .page.fences import check_options
        from .formats import read_map
        from .limits import DEFAULT_LIMITS

        config = self.config
        defaults = {
            "theme": config.argmap_theme,
            "height": config.argmap_height,
            "color-by": config.argmap_color_by,
        }
        options = check_options(
            {
                **{k: str(v) for k, v in defaults.items() if v},
                **{k: v for k, v in self.options.items() if k != "format"},
            }
        )
        srcdir = Path(self.env.srcdir).resolve()
        _, found = self.env.relfn2path(self.arguments[0], self.env.docname)
        path = Path(found).resolve()
        if not path.is_relative_to(srcdir):
            raise UsageError(f"the map file is outside the source folder '{_shown(srcdir)}'")
        self.env.note_dependency(str(path))  # an edited map rebuilds the page
        amap = read_map(
            Path(_shown(path)),
            self.options.get("format"),
            limits=DEFAULT_LIMITS.with_values(source_root=srcdir),
        )
        if amap.source and amap.source.text:
            self.env.note_dependency(str((path.parent / amap.source.text).resolve()))
        node = argmap_node(
            map=amap,
            theme=options.theme or "auto",
            height=options.height,
            color_by=options.color_by or "kind",
            id_prefix=self._id_prefix(amap, options.id_prefix),
        )
        self.set_source_info(node)
        node += nodes.paragraph("", "", nodes.strong(text=amap.title))  # the outline: _Outline
        return node

    def _id_prefix(self, amap, given: str | None) -> str:
        """The map's id prefix, unique in this document (the same map twice counts up)."""
        from .page.fragment_options import default_id_prefix

        seen: dict[str, int] = self.env.temp_data.setdefault("argmap_prefixes", {})  # type: ignore[assignment]
        if given is not None:
            if given in seen:
                raise UsageError(
                    f"id-prefix '{given}' is used twice in this document (each map needs its own)"
                )
            seen[given] = 1
            return given
        base = default_id_prefix(amap)
        seen[base] = seen.get(base, 0) + 1
        return default_id_prefix(amap, seen[base])


# How deep a map's outline nests, in items (claims and reasons), before what hangs below
# continues in a list of its own. docutils and Sphinx walk a document by recursion (a
# 2,000-claim chain nested whole ended the build with a RecursionError); Sphinx's text writer
# indents each level until its 70 columns run out (it failed 35 items deep); and LaTeX allows
# four nested itemize lists, which two levels fill: a continuation's first item, the reasons
# under it, and the premises and objections under those, with an objection's premises.
NEST_LEVELS = 16
LATEX_NEST_LEVELS = 2


class _Outline(SphinxPostTransform):
    """Each map's outline, as its children, nested as deep as the output format allows: added
    when a document is written, for the builder at hand (one read serves every builder)."""

    default_priority = 200
    nest_levels = NEST_LEVELS

    def run(self, **kwargs) -> None:
        for node in self.document.findall(argmap_node):
            if not node.get("outlined"):
                node += _outline(node["map"], node["id_prefix"], self.nest_levels)
                node["outlined"] = True


class _LatexOutline(_Outline):
    formats = ("latex",)
    default_priority = _Outline.default_priority - 1  # first: the general one skips its maps
    nest_levels = LATEX_NEST_LEVELS


def _outline(amap, id_prefix: str, nest_levels: int) -> nodes.bullet_list:
    """The argument as nested bullet lists, worded as the page's no-JavaScript outline: nested
    `nest_levels` deep, then continued in a list of its own, linked both ways (as on the page).
    Built with an explicit stack."""
    from .page.outline import (
        CONTINUED,
        IMPLICIT_NOTE,
        OBJECTIONS_CONTINUE,
        OBJECTIONS_CONTINUED,
        REASON_WORDS,
        REASONS_CONTINUE,
        OutlineClaim,
        build_outline,
        shortened,
        step_from,
    )

    anchors: dict[str, str] = {}  # "o-ID" (the item) and "more-ID" (its continuation) -> id
    taken: set[str] = set()

    def anchor(name: str) -> str:
        if name not in anchors:
            ident = base = nodes.make_id(f"argmap-{id_prefix}-{name}")
            while ident in taken:  # two ids may normalise alike ("a.b", "a-b")
                ident = f"{base}-{len(taken)}"
            anchors[name] = ident
            taken.add(ident)
        return anchors[name]

    def link(text: str, name: str) -> nodes.reference:
        return nodes.reference(text, text, refid=anchor(name), internal=True)

    def head(item) -> nodes.paragraph:
        """The item's own line: text, notes, and its links to and from a continuation."""
        para = nodes.paragraph()
        if item.continued_from:  # a continuation: it links back to the item it continues
            para += nodes.target("", "", ids=[anchor(f"more-{item.id}")])
            if isinstance(item, OutlineClaim):
                para += [link(shortened(item.text), f"o-{item.id}"), nodes.Text(f" {CONTINUED}")]
            else:
                para += [link(step_from(item), f"o-{item.id}")]
                para += nodes.Text(f" {OBJECTIONS_CONTINUED}")
            return para
        if item.continues:
            para += nodes.target("", "", ids=[anchor(f"o-{item.id}")])
        if isinstance(item, OutlineClaim):
            note = " (see above)" if item.repeat else (f" {IMPLICIT_NOTE}" if item.implicit else "")
            para += nodes.Text(item.text + note)
        else:
            label = REASON_WORDS.get(item.type, "Because")
            label += f" ({item.label})" if item.label else ""
            label += ", together" if len(item.premises) > 1 else ""
            para += nodes.emphasis(text=label + ":")
        if item.continues:
            words = REASONS_CONTINUE if isinstance(item, OutlineClaim) else OBJECTIONS_CONTINUE
            para += [nodes.Text(" "), link(words, f"more-{item.id}")]
        return para

    top = nodes.bullet_list()
    roots = build_outline(amap, nest_levels)
    stack: list = [(root, top) for root in reversed(roots)]
    while stack:
        item, parent = stack.pop()
        entry = nodes.list_item()
        parent += entry
        entry += head(item)
        if isinstance(item, OutlineClaim):
            children = [] if item.repeat else item.reasons
        else:
            children = [*item.premises, *item.objections]
        if children:
            sub = nodes.bullet_list()
            entry += sub
            stack.extend((child, sub) for child in reversed(children))
    return top


# ---------- HTML ----------


def _visit_html(self, node: argmap_node) -> None:
    from .page.render import render_fragment

    # assets="": the page loads the shared files (its <head> has them, see _add_assets)
    self.body.append(
        render_fragment(
            node["map"],
            node["theme"],
            height=node["height"],
            color_by=node["color_by"],
            id_prefix=node["id_prefix"],
            assets="",
        )
    )
    raise nodes.SkipNode


def _add_assets(app, pagename, templatename, context, doctree) -> None:
    """html-page-context: a page with a map loads the shared script and style from _static."""
    if doctree is None or next(iter(doctree.findall(argmap_node)), None) is None:
        return
    from .page.assets import shared_assets, write_assets

    assets, static = shared_assets(), Path(app.outdir) / "_static"
    if not ((static / assets.js).is_file() and (static / assets.css).is_file()):
        write_assets(static)  # content-hashed names: a file there already holds this content
    app.add_css_file(assets.css)
    app.add_js_file(assets.js, loading_method="defer")  # runs after the page is parsed


# ---------- LaTeX ----------


def _visit_latex(self, node: argmap_node) -> None:
    name = _pdf(self.builder, node)
    if name is None:  # no converter: the outline (the children) stands in for the picture
        return
    self.body.append("\n\\begin{center}\n\\sphinxincludegraphics{%s}\n\\end{center}\n" % name)
    raise nodes.SkipNode


def _depart_latex(self, node: argmap_node) -> None:
    pass


def _pdf(builder, node: argmap_node) -> str | None:
    """The map's SVG as a PDF in the output folder (LaTeX cannot include SVG); its name there."""
    from .formats.svg import render_svg

    svg = render_svg(node["map"], node["color_by"])
    name = f"argmap-{hashlib.sha256(svg.encode('utf-8')).hexdigest()[:12]}.pdf"
    target = Path(builder.outdir) / builder.imagedir / name
    if target.is_file():
        return str(Path(builder.imgpath, name).as_posix())
    tool = builder.config.argmap_rsvg_convert
    target.parent.mkdir(parents=True, exist_ok=True)
    # a fixed date: cairo stamps the PDF with it, and the same map must give the same file
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")}
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "map.svg")
        source.write_text(svg, encoding="utf-8")
        try:
            subprocess.run(
                [tool, "-f", "pdf", "-o", str(target), str(source)],
                env=env,
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (OSError, subprocess.SubprocessError) as error:
            detail = getattr(error, "stderr", None) or b""
            logger.warning(
                f"cannot convert the map '{node['map'].title}' to PDF with "
                f"'{tool}' ({detail.decode('utf-8', 'replace').strip() or error}); "
                "its outline is used instead (install rsvg-convert: apt-get install "
                "librsvg2-bin, or set argmap_rsvg_convert in conf.py)",
                location=node,
                type="argmap",
                subtype="latex",
            )
            target.unlink(missing_ok=True)
            return None
    return str(Path(builder.imgpath, name).as_posix())


def _shown(path: Path) -> str:
    """A path as messages show it: relative to the current folder when under it."""
    try:
        shown = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if shown.startswith("..") else shown


def setup(app) -> dict:
    app.add_config_value("argmap_theme", "auto", "env", types=[str])
    app.add_config_value("argmap_height", None, "env")
    app.add_config_value("argmap_color_by", "kind", "env", types=[str])
    app.add_config_value("argmap_rsvg_convert", "rsvg-convert", "env", types=[str])
    app.add_node(argmap_node, html=(_visit_html, None), latex=(_visit_latex, _depart_latex))
    app.add_directive("argmap", ArgmapDirective)
    app.add_post_transform(_LatexOutline)
    app.add_post_transform(_Outline)
    app.connect("html-page-context", _add_assets)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
