"""Page weight: each vis-network style sent once, each node and edge carrying only what differs.

vis_data gives every node and edge its full options (font, colours, shape, sizes), the same
few hundred bytes on thousands of items: 7.6 MB of a 10,000-claim page. Here the shared part
becomes a numbered style (`vis.styles`), each item keeps its own keys (id, x, y, hidden, from,
to) and a `style` number, and a claim's label is left out when it is the claim's text, which
the page data carries already. viewer.js (`expandStyles`) rebuilds the full items at load, so
everything that restyles nodes in the browser sees what it always saw.
"""

from __future__ import annotations

# what belongs to one item, never to a style shared by many
_OWN_KEYS = frozenset({"id", "x", "y", "hidden", "from", "to"})


def _number(value):
    """33.0 as 33: a third of the bytes of a coordinate on a big page."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _compact(items: list[dict], styles: list[dict], texts: dict[str, str]) -> list[dict]:
    numbered: dict[str, int] = {}
    compact = []
    for item in items:
        own, shared = {}, {}
        for key, value in item.items():
            if key in _OWN_KEYS:
                own[key] = _number(value)
            elif key == "label" and texts.get(str(item.get("id"))) == value:
                continue  # the viewer takes it from the claim
            else:
                shared[key] = value
        # repr, not sorted JSON: 3x cheaper, and vis_data builds every item's keys in one
        # order (were two equal styles spelled in two orders, they would only cost one more style)
        key = repr(shared)
        number = numbered.get(key)
        if number is None:
            number = numbered[key] = len(styles)
            styles.append(shared)
        own["style"] = number
        compact.append(own)
    return compact


def compact_vis(nodes: list[dict], edges: list[dict], claim_texts: dict[str, str]) -> dict:
    """{"nodes", "edges", "styles": {"nodes", "edges"}}: items in the same order as given."""
    node_styles: list[dict] = []
    edge_styles: list[dict] = []
    return {
        "nodes": _compact(nodes, node_styles, claim_texts),
        "edges": _compact(edges, edge_styles, {}),
        "styles": {"nodes": node_styles, "edges": edge_styles},
    }
