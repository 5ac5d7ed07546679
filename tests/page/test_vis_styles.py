"""Page weight: vis-network styles are sent once and every node and edge is rebuilt whole."""

from __future__ import annotations

import json

import pytest

from argmap.drawing.colour_by import box_colours
from argmap.formats.native_read import load_map
from argmap.page.package_data import bundled_map_path
from argmap.page.render import page_data, write_page
from argmap.page.vis_styles import vis_items


def expanded(data: dict, amap) -> tuple[list[dict], list[dict]]:
    """What viewer.js rebuilds (claimTexts, expandReasons, expandStyles): node rows in the order
    of the claims then the reasons, a claim's text (from the outline) as its label when its style
    has none; each reason's lines, premises first, then into its conclusion."""
    vis = data["vis"]
    ids = [c["id"] for c in data["claims"]] + [r[0] for r in data["reasons"]]

    def style(table, number):
        return json.loads(json.dumps(table[number]))

    nodes = []
    for ident, row in zip(ids, vis["nodes"], strict=True):
        item = style(vis["styles"]["nodes"], row[0])
        item.update(id=ident, x=row[1], y=row[2])
        if len(row) > 3:
            item["hidden"] = True
        if "label" not in item and ident in amap.claims:
            item["label"] = amap.claims[ident].text
        nodes.append(item)
    edges = []
    for (ident, conclusion, premises, *_rest), (into, out) in zip(
        data["reasons"], vis["edges"], strict=True
    ):
        for premise in premises:
            edges.append({**style(vis["styles"]["edges"], into), "from": premise, "to": ident})
        edges.append({**style(vis["styles"]["edges"], out), "from": ident, "to": conclusion})
    return nodes, edges


def _same(items: list[dict]) -> list[str]:
    """Items as JSON text, positions to the whole pixel the page sends them in."""
    return [
        json.dumps({k: round(v) if k in ("x", "y") else v for k, v in i.items()}, sort_keys=True)
        for i in items
    ]


@pytest.mark.parametrize(
    "map_name, color_by",
    [(None, "kind"), (None, "group"), ("objection-cycle.yaml", "kind"), ("small.yaml", "kind")],
)
def test_compact_page_data_rebuilds_exactly_the_full_vis_items(maps_dir, map_name, color_by):
    """The page's styles are built once per set of facts; each item built whole must agree."""
    amap = load_map(maps_dir / map_name if map_name else bundled_map_path())
    data = page_data(amap, color_by=color_by)
    nodes, edges = vis_items(amap, colours=box_colours(amap, color_by)[0])
    rebuilt_nodes, rebuilt_edges = expanded(data, amap)
    assert _same(rebuilt_nodes) == _same(nodes)
    assert _same(rebuilt_edges) == _same(edges)


def test_each_style_is_sent_once_and_items_carry_only_what_differs():
    data = page_data(load_map(bundled_map_path()))
    styles = data["vis"]["styles"]
    assert len(styles["nodes"]) < len(data["vis"]["nodes"]) / 2
    assert len(styles["edges"]) <= 4  # support or objection, into a reason or out of it
    assert len({json.dumps(s, sort_keys=True) for s in styles["nodes"]}) == len(styles["nodes"])
    # a node is [style, x, y] (+ hidden), an edge pair per reason: ids, labels and ends come
    # from the claims, the reasons and the outline
    assert all(
        len(node) == 3 and all(isinstance(v, int) for v in node) for node in data["vis"]["nodes"]
    )
    assert len(data["vis"]["edges"]) == len(data["reasons"])


@pytest.mark.browser
def test_the_viewer_rebuilds_the_full_items_and_restyles_them(open_page, tmp_path):
    amap = load_map(bundled_map_path())
    page = tmp_path / "essay.html"
    write_page(amap, page)
    watch = open_page(page)
    # positions aside: the viewer moves nodes to the layout that suits its box (first view)
    shown = watch.page.evaluate("""() => window.argmap.views[0].data.vis.nodes.map(n => {
        const copy = Object.assign({}, n); delete copy.x; delete copy.y; return copy; })""")
    nodes, _ = vis_items(amap)
    assert _same(shown) == _same(
        [{k: v for k, v in n.items() if k not in ("x", "y")} for n in nodes]
    )
    # emphasis restyles from the rebuilt styles: a selected chain stays lit, the rest fades
    main = amap.main[0]
    watch.page.evaluate(f"window.argmap.views[0].select({json.dumps(main)})")
    drawn = watch.page.evaluate("""() => Object.fromEntries(window.argmap.views[0].nodes.get()
        .map(n => [n.id, [n.opacity, n.color.background, n.font.color, n.label]]))""")
    full = {n["id"]: n for n in nodes}
    assert drawn[main] == [
        1,
        full[main]["color"]["background"],
        full[main]["font"]["color"],
        full[main]["label"],
    ]
    faded = [i for i, (opacity, *_rest) in drawn.items() if opacity < 1]
    assert faded and all(drawn[i][1] == full[i]["color"]["background"] for i in faded)
    assert all(drawn[i][3] == full[i]["label"] for i in drawn)
    assert watch.errors == []
