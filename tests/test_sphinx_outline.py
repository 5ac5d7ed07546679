"""The Sphinx outline's links: every continuation reached both ways, no two anchors alike."""

from __future__ import annotations

import argmap
from argmap.sphinx import _outline

# "a.b" and "a-b" are two claims whose anchors docutils would spell alike (argmap-x-o-a-b)
CHAIN = """\
argmap: 1
title: Two ids docutils spells alike
main: [top]
claims:
  - {id: top, text: The top claim.}
  - {id: a.b, text: A dotted claim.}
  - {id: a-b, text: A dashed claim.}
  - {id: low, text: The lowest claim.}
reasons:
  - {id: r1, conclusion: top, premises: [a.b]}
  - {id: r2, conclusion: a.b, premises: [a-b]}
  - {id: r3, conclusion: a-b, premises: [low]}
"""


def test_continuations_link_both_ways_with_distinct_anchors():
    from docutils import nodes

    tree = _outline(argmap.loads(CHAIN), "x", 1)  # one level: every claim with reasons continues
    targets = [i for t in tree.findall(nodes.target) for i in t["ids"]]
    links = [r["refid"] for r in tree.findall(nodes.reference)]
    assert len(targets) == len(set(targets))  # no anchor twice
    assert set(links) == set(targets)  # each link reaches an anchor, each anchor is linked to
    texts = tree.astext()
    assert "(its reasons continue below)" in texts and "(continued)" in texts
    assert "The lowest claim." in texts
