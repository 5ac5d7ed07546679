/* argmap viewer: draws every .argmap container on the page from its JSON data and makes it explorable
   (details panel, chain highlighting, deep links, search, keyboard, outline toggle).
   Defines one global, window.argmap; all state of a map lives in one View, made whole by its
   constructor, so several maps share a page independently. Map text reaches the DOM only through
   textContent, never as HTML.
   Other scripts register on a view (window.argmap.views[i]) with view.on(event, fn), listener lists
   that any number of scripts share: "ready" fn(), "select" fn(id), "decorate" fn(style, node, lit)
   may return a restyled node, "nodeclick" fn(id) returns true when it took the click over.
   view.restyle() redraws emphasis, view.select(id) selects and centres, view.clientPoint(id) gives a
   node's page coordinates; argmap.eachView(fn) runs fn for every view, drawn now or later. The DOM
   events argmap:ready and argmap:select still bubble from the container. */
(function () {
  "use strict";
  if (window.argmap && window.argmap.init) { window.argmap.init(); return; }

  var DIM_OPACITY = 0.18;
  var SELECTED_BORDER = "#2563eb";
  var HIT_BORDER = "#d97706";
  var POINTED_BORDER = "#7c3aed";  // a claim the host page points at (data-argmap-claim hovered)
  var OPTIONS = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, zoomSpeed: 0.6, selectConnectedEdges: false, keyboard: false,
                   multiselect: false, navigationButtons: false },
    edges: { smooth: { type: "cubicBezier", forceDirection: "vertical", roundness: 0.45 }, chosen: false },
    nodes: { shape: "box", chosen: false }
  };
  var FOLDED_BORDER = "#111827";  // where the theme's text colour cannot be read (themeInk)

  /* Big maps carry cheaper drawing options in their data (straight edges, edges hidden while
     dragging or zooming): merged one level deep over OPTIONS. */
  function withMapOptions(extra) {
    if (!extra) return OPTIONS;
    var merged = {};
    Object.keys(OPTIONS).forEach(function (k) { merged[k] = OPTIONS[k]; });
    Object.keys(extra).forEach(function (k) {
      var a = merged[k], b = extra[k];
      if (!a || !b || typeof a !== "object" || typeof b !== "object") { merged[k] = b; return; }
      var both = {};
      Object.keys(a).forEach(function (j) { both[j] = a[j]; });
      Object.keys(b).forEach(function (j) { both[j] = b[j]; });
      merged[k] = both;
    });
    return merged;
  }

  var views = [];
  var counter = 0;  // unique DOM ids per container
  var manyMaps = false;  // more than one map on the page: deep links name their map (hashFor)

  /* ---------- small helpers ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function animation() {
    return reducedMotion() ? false : { duration: 300, easingFunction: "easeInOutQuad" };
  }

  function fade(colour, alpha) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour || "");
    if (!m) return colour;
    return "rgba(" + parseInt(m[1], 16) + "," + parseInt(m[2], 16) + "," + parseInt(m[3], 16) + "," + alpha + ")";
  }

  function isHttp(url) { return typeof url === "string" && /^https?:\/\//i.test(url); }

  function normalise(text) { return String(text || "").replace(/\s+/g, " ").trim().toLowerCase(); }

  function idFromHash() {
    var raw = window.location.hash.slice(1);
    try { return decodeURIComponent(raw); } catch (e) { return raw; }
  }

  /* Deep links: #CLAIM names a claim of whichever map has it; #PREFIX:CLAIM a claim of the map
     whose container has data-argmap-prefix="PREFIX" (ids never contain ':'), so two maps that
     share claim ids, the same map twice even, each have their own links. */
  function splitHash(hash) {
    var at = hash.indexOf(":");
    return at < 0 ? { prefix: null, id: hash } : { prefix: hash.slice(0, at), id: hash.slice(at + 1) };
  }

  /* The hash for a claim of this view: qualified when the page holds more than one map. */
  function hashFor(view, id) {
    return "#" + (manyMaps && view.prefix ? view.prefix + ":" : "") + encodeURIComponent(id);
  }

  /* ---------- the map as lookups ---------- */

  function buildIndex(data) {
    var claims = {}, reasons = {}, up = {}, down = {};
    function link(from, to) {
      (up[from] = up[from] || []).push(to);
      (down[to] = down[to] || []).push(from);
    }
    data.claims.forEach(function (c) { claims[c.id] = c; });
    data.reasons.forEach(function (r) {
      reasons[r.id] = r;
      r.premises.forEach(function (p) { link(p, r.id); });
      link(r.id, r.conclusion);
    });
    var mains = (data.main || []).filter(function (id) { return claims[id]; });
    if (!mains.length) {  // as graph.main_conclusions: claims that support nothing but are supported
      mains = data.claims.filter(function (c) { return !up[c.id] && down[c.id]; })
                         .map(function (c) { return c.id; });
    }
    var groups = {};
    (data.groups || []).forEach(function (g) { groups[g.id] = g.title; });
    // towardsMain: every node beneath a main conclusion, worked out on the first selection (chainOf)
    return { claims: claims, reasons: reasons, up: up, down: down, mains: mains, groups: groups,
             towardsMain: null };
  }

  function reach(start, next) {
    var seen = {}, stack = [start];
    seen[start] = true;
    while (stack.length) {
      (next[stack.pop()] || []).forEach(function (n) {
        if (!seen[n]) { seen[n] = true; stack.push(n); }
      });
    }
    return seen;
  }

  /* Every node on a path from `id` up to a main conclusion, and every node beneath it. */
  function chainOf(index, id) {
    var above = reach(id, index.up);
    var towardsMain = index.towardsMain;
    if (!towardsMain) {  // the same for every selection: work it out once
      towardsMain = index.towardsMain = {};
      index.mains.forEach(function (m) {
        var below = reach(m, index.down);
        for (var k in below) towardsMain[k] = true;
      });
    }
    var reachesMain = index.mains.some(function (m) { return above[m]; });
    var lit = {};
    for (var n in above) if (!reachesMain || towardsMain[n]) lit[n] = true;
    var beneath = reach(id, index.down);
    for (var b in beneath) lit[b] = true;
    return lit;
  }

  /* A reason is named after what it concludes, and an undercut concludes another reason: the
     chain is followed by a loop that stops at a cycle (objections may undercut each other) and
     after DESCRIBE_DEPTH reasons, so a long chain of undercuts still gets a short name. */
  var DESCRIBE_DEPTH = 4;

  function quoted(text) { return "\u201c" + text + "\u201d"; }

  /* A reason as the step it makes: "from “P” to “C”", or "from “P” against “C”" for an
     objection; a step whose conclusion is itself a step ends in "another step" (finite). */
  function stepOf(view, id) {
    var ix = view.index, r = ix.reasons[id];
    var from = r.premises.map(function (p) { return quoted(ix.claims[p] ? ix.claims[p].text : p); }).join(" and ");
    var to = ix.claims[r.conclusion] ? quoted(ix.claims[r.conclusion].text) : "another step";
    return "from " + from + (r.type === "objection" ? " against " : " to ") + to;
  }

  function describe(view, id) {
    var ix = view.index, head = "", tail = "", seen = Object.create(null);
    var undercut = ix.reasons[id];
    if (undercut && undercut.type === "objection" && ix.reasons[undercut.conclusion]) {
      // an undercut objects to an inference, not to a claim: name the step it attacks
      var target = ix.reasons[undercut.conclusion];
      return (undercut.label ? undercut.label + ": " : "") + "Objects to the " +
        (target.type === "objection" ? "objection " : "step ") + stepOf(view, target.id);
    }
    for (var depth = 0; ix.reasons[id] && !seen[id] && depth < DESCRIBE_DEPTH; depth++) {
      var r = ix.reasons[id];
      seen[id] = true;
      head += (r.label ? r.label + ": " : "") + (r.type === "contradiction" ? "Contradiction with" : r.type !== "support" ? "Objection to" : "Reason for") + " \u201c";
      tail += "\u201d";
      id = r.conclusion;
    }
    if (ix.claims[id]) return head + ix.claims[id].text + tail;
    return head + (ix.reasons[id] ? "\u2026" : id) + tail;
  }

  /* ---------- drawing state: emphasis through DataSet updates ---------- */

  function litSet(view) {
    if (view.selected) return chainOf(view.index, view.selected);
    if (view.hits) {
      var lit = {};
      view.hits.forEach(function (id) { lit[id] = true; });
      return lit;
    }
    return null;
  }

  /* The theme's text colour (--argmap-fg): marks drawn on the canvas in it (a folded reason's
     ring, its "+N", group titles) stay readable in the light and the dark theme alike. */
  function themeInk(view) {
    return window.getComputedStyle(view.container).getPropertyValue("--argmap-fg").trim() || FOLDED_BORDER;
  }

  function updateEmphasis(view) {
    var lit = litSet(view), ink = null;
    var searching = !view.selected && view.hits;
    var shown = view.data.vis.nodes.filter(function (n) { return !view.hidden[n.id]; });
    var nodes = shown.map(function (n) {
      var on = !lit || lit[n.id];
      var border = n.color.border, width = n.borderWidth;
      if (n.id === view.selected) { border = SELECTED_BORDER; width = 4; }
      else if (n.id === view.pointed) { border = POINTED_BORDER; width = 4; }
      else if (searching && on) { border = HIT_BORDER; width = 3; }
      else if (view.folded[n.id]) { border = ink = ink || themeInk(view); width = 4; }  // a ring in ink: folded
      var font = {};
      for (var k in n.font) font[k] = n.font[k];
      if (!on) font.color = fade(n.font.color, 0.35);
      var style = { id: n.id, opacity: on ? 1 : DIM_OPACITY, borderWidth: width,
                    color: { background: n.color.background, border: border }, font: font };
      // listeners (the what-if mode recolours by label) restyle in the order they registered
      view.listeners.decorate.forEach(function (fn) { style = fn(style, n, on) || style; });
      return style;
    });
    view.nodes.update(changedOnly(view, nodes));
    emphasiseGroups(view, nodes);
    view.edges.update(changedOnly(view, view.data.vis.edges.filter(function (e) {
      return view.edgesIn[e.id];
    }).map(function (e) {
      var on = !lit || (lit[e.from] && lit[e.to]);
      return { id: e.id, color: { color: e.color.color, opacity: on ? 1 : DIM_OPACITY } };
    })));
  }

  /* vis-network re-measures every item it is handed: hand it only those whose style changed
     since it last got one (a node that left the DataSet and came back is handed again). */
  function changedOnly(view, styles) {
    var applied = view.applied;
    return styles.filter(function (style) {
      var key = JSON.stringify(style);
      if (applied[style.id] === key) return false;
      applied[style.id] = key;
      return true;
    });
  }

  /* ---------- the details panel ---------- */

  function link(view, id, text) {
    var a = el("a", "argmap-link", text === undefined ? describe(view, id) : text);
    a.href = hashFor(view, id);
    a.setAttribute("data-argmap-id", id);
    return a;
  }

  function section(title, className) {
    var s = el("section", "argmap-panel-section" + (className ? " " + className : ""));
    s.appendChild(el("h3", "argmap-panel-heading", title));
    return s;
  }

  /* One entry per reason: a lone premise as a link, linked premises as a "together" sub-list. */
  function premisesEntry(view, reason) {
    var li = el("li");
    if (reason.premises.length === 1) {
      li.appendChild(link(view, reason.premises[0]));
    } else {
      li.appendChild(link(view, reason.id, "Together (linked premises):"));
      var ul = el("ul");
      reason.premises.forEach(function (p) { ul.appendChild(el("li")).appendChild(link(view, p)); });
      li.appendChild(ul);
    }
    if (reason.label) li.appendChild(el("span", "argmap-note", " (" + reason.label + ")"));
    return li;
  }

  function reasonList(view, title, reasons, className) {
    if (!reasons.length) return null;
    var s = section(title, className);
    var ul = s.appendChild(el("ul", "argmap-panel-list"));
    reasons.forEach(function (r) { ul.appendChild(premisesEntry(view, r)); });
    return s;
  }

  function quoteSection(view, claim) {
    var s = section("In the source");
    var context = view.data.contexts && view.data.contexts[claim.id];
    var paragraph = context && view.data.paragraphs && view.data.paragraphs[String(context.paragraph)];
    var quote = el("blockquote", "argmap-quote");
    if (paragraph) {
      // the sentences around the quote (coverage.excerpt): whole sentences, never mid-sentence
      var from = context.excerpt ? context.excerpt[0] : 0;
      var to = context.excerpt ? context.excerpt[1] : paragraph.length;
      var p = quote.appendChild(el("p"));
      if (from > 0) p.appendChild(document.createTextNode("\u2026 "));
      p.appendChild(document.createTextNode(paragraph.slice(from, context.start)));
      p.appendChild(el("mark", null, paragraph.slice(context.start, context.end)));
      p.appendChild(document.createTextNode(paragraph.slice(context.end, to)));
      if (to < paragraph.length) p.appendChild(document.createTextNode(" \u2026"));
    } else if (claim.quote) {
      quote.appendChild(el("p")).appendChild(el("mark", null, claim.quote));
    } else {
      s.appendChild(el("p", "argmap-note", claim.implicit
        ? "Not stated in the source: the map-maker added this claim to make the reasoning explicit."
        : "No quotation recorded for this claim."));
      return s;
    }
    s.appendChild(quote);
    var source = view.data.source || {};
    var cite = el("p", "argmap-cite");
    cite.appendChild(document.createTextNode("\u2014 "));
    var name = [source.author, source.title].filter(Boolean).join(", ") || "the source text";
    if (isHttp(source.url)) {
      var a = el("a", null, name);
      a.href = source.url;
      a.rel = "noopener noreferrer";
      cite.appendChild(a);
    } else {
      cite.appendChild(el("cite", null, name));
    }
    if (source.date) cite.appendChild(document.createTextNode(" (" + source.date + ")"));
    s.appendChild(cite);
    return s;
  }

  function factsLine(items) {
    var p = el("p", "argmap-facts");
    items.forEach(function (item) { if (item) p.appendChild(el("span", "argmap-badge " + item[0], item[1])); });
    return p;
  }

  function renderClaim(view, body, claim) {
    var ix = view.index;
    var isMain = ix.mains.indexOf(claim.id) >= 0;
    body.appendChild(factsLine([
      ["argmap-badge-type", "Claim"],
      isMain && ["argmap-badge-main", "Main conclusion"],
      claim.kind && ["argmap-badge-kind", "Kind: " + claim.kind],
      claim.implicit && ["argmap-badge-implicit", "Implicit (added by the map-maker)"],
    ]));
    body.appendChild(el("h2", "argmap-panel-title", claim.text)).tabIndex = -1;
    var chips = tagChips(view, claim);
    if (chips) body.appendChild(chips);
    if (claim.note) body.appendChild(el("p", "argmap-panel-note", claim.note));
    body.appendChild(quoteSection(view, claim));
    var usedBy = (ix.up[claim.id] || []).map(function (r) { return ix.reasons[r]; });
    var lists = [
      upList(view, "Supports \u2192", usedBy.filter(function (r) { return r.type === "support"; }), claim.id),
      upList(view, "Objects to \u2192", usedBy.filter(function (r) { return r.type !== "support"; }), claim.id),
      reasonList(view, "Supported by \u2190", reasonsInto(view, claim.id, "support"), "argmap-supported-by"),
      reasonList(view, "Objected to by", reasonsInto(view, claim.id, "objection"), "argmap-objected-by")
    ];
    lists.forEach(function (s) { if (s) body.appendChild(s); });
    if (!usedBy.length && !isMain) body.appendChild(el("p", "argmap-note", "This claim supports nothing else."));
  }

  /* The claim's group and tags as chips; each searches for the claims that share it. */
  function tagChips(view, claim) {
    var tags = claim.tags || [];
    if (!claim.group && !tags.length) return null;
    var list = el("ul", "argmap-chips");
    list.setAttribute("aria-label", "Group and tags (each finds the claims that share it)");
    function chip(text, query, className) {
      var button = list.appendChild(el("li")).appendChild(el("button", "argmap-chip " + className, text));
      button.type = "button";
      button.setAttribute("data-argmap-search", query);
      button.title = "Find every claim with " + text;
    }
    if (claim.group) chip("Group: " + (view.index.groups[claim.group] || claim.group), "group:" + claim.group, "argmap-chip-group");
    tags.forEach(function (tag) { chip("#" + tag, "#" + tag, "argmap-chip-tag"); });
    return list;
  }

  function reasonsInto(view, id, type) {
    return (view.index.down[id] || []).map(function (r) { return view.index.reasons[r]; })
      .filter(function (r) { return r && (r.type !== "support") === (type !== "support"); });
  }

  /* What a claim supports (or objects to), naming co-premises it works together with. */
  function upList(view, title, reasons, self) {
    if (!reasons.length) return null;
    var s = section(title, title.indexOf("Supports") === 0 ? "argmap-supports" : "argmap-objects-to");
    var ul = s.appendChild(el("ul", "argmap-panel-list"));
    reasons.forEach(function (r) {
      var li = ul.appendChild(el("li"));
      var step = view.index.reasons[r.conclusion];  // an undercut: it objects to a step
      li.appendChild(link(view, r.conclusion, step ? "The " + (step.type === "objection" ? "objection " : "step ") +
                                                      stepOf(view, step.id) : undefined));
      var others = r.premises.filter(function (p) { return p !== self; });
      if (others.length) {
        li.appendChild(el("span", "argmap-note", " together with: "));
        others.forEach(function (p, i) {
          if (i) li.appendChild(document.createTextNode("; "));
          li.appendChild(link(view, p));
        });
      }
    });
    return s;
  }

  function renderReason(view, body, reason) {
    var objection = reason.type !== "support";  // an objection or a contradiction (both ways)
    body.appendChild(factsLine([
      [objection ? "argmap-badge-objection" : "argmap-badge-support",
       reason.type === "contradiction" ? "Contradiction: each claim attacks the other" : objection ? "Objection" : "Reason"],
      reason.premises.length > 1 && ["argmap-badge-kind", "Linked: the premises work together"]
    ]));
    body.appendChild(el("h2", "argmap-panel-title", describe(view, reason.id))).tabIndex = -1;
    if (reason.note) body.appendChild(el("p", "argmap-panel-note", reason.note));
    var premises = section(reason.premises.length > 1 ? "Premises (together)" : "Premise", "argmap-premises");
    var ul = premises.appendChild(el("ul", "argmap-panel-list"));
    reason.premises.forEach(function (p) { ul.appendChild(el("li")).appendChild(link(view, p)); });
    body.appendChild(premises);
    var target = section(objection ? "Objects to \u2192" : "Conclusion \u2192", "argmap-conclusion");
    var step = view.index.reasons[reason.conclusion];  // an undercut: it objects to a step
    target.appendChild(el("ul", "argmap-panel-list")).appendChild(el("li")).appendChild(link(view, reason.conclusion,
      step ? "The " + (step.type === "objection" ? "objection " : "step ") + stepOf(view, step.id) : undefined));
    body.appendChild(target);
    var against = reasonList(view, "Objected to by", reasonsInto(view, reason.id, "objection"), "argmap-objected-by");
    if (against) body.appendChild(against);
    body.appendChild(foldButton(view, reason.id));
  }

  /* ---------- folding: a reason hides or shows the premises beneath it ---------- */

  function claimsBeneath(view, id) {
    var below = reach(id, view.index.down), count = 0;
    for (var n in below) if (view.index.claims[n]) count++;
    return count;
  }

  function foldButton(view, id) {
    var folded = !!view.folded[id], count = claimsBeneath(view, id);
    var button = el("button", "argmap-button argmap-fold", folded ? "Unfold: show its premises" :
                    "Fold: hide the " + count + (count === 1 ? " claim" : " claims") + " beneath");
    button.type = "button";
    button.setAttribute("data-action", "fold");
    button.setAttribute("aria-pressed", folded ? "true" : "false");
    return button;
  }

  /* Shown: every node reachable from the top row going down, not past a folded reason
     (folding.visible_nodes computes the first view the same way in Python). Nodes coming back
     move the view to the full layout, unless `keepLayout` (a compact layout that has them). */
  function applyFolds(view, keepLayout) {
    var roots = view.data.fold ? view.data.fold.roots : [];
    var shown = {}, stack = roots.slice();
    stack.forEach(function (id) { shown[id] = true; });
    while (stack.length) {
      var id = stack.pop();
      if (view.folded[id]) continue;
      (view.index.down[id] || []).forEach(function (n) { if (!shown[n]) { shown[n] = true; stack.push(n); } });
    }
    // vis-network measures the label of every node in its DataSet on each change, shown or
    // not: a folded node leaves the DataSet and comes back when unfolded
    var add = [], remove = [];
    view.data.vis.nodes.forEach(function (n) {
      var hide = roots.length ? !shown[n.id] : false;
      if (!!view.hidden[n.id] !== hide) (hide ? remove : add).push(n);
    });
    if (add.length && view.start && !keepLayout) fullLayout(view);
    remove.forEach(function (n) { view.hidden[n.id] = true; });
    add = add.map(function (n) {
      delete view.hidden[n.id];
      delete view.applied[n.id];  // back in the DataSet with its original style
      return view.start ? startCopy(view, n) : shownCopy(n);
    });
    remove = remove.map(function (n) { return n.id; });
    if (remove.length) view.nodes.remove(remove);
    if (add.length) view.nodes.add(add);
    foldEdges(view);
    updateEmphasis(view);
  }

  /* An edge is in vis-network's DataSet while both its ends are: vis-network builds every edge
     it is handed, ends present or not (a folded 50,000-claim map: 80,000 edges it never draws). */
  function edgeShown(view, e) { return !view.hidden[e.from] && !view.hidden[e.to]; }

  function foldEdges(view) {
    var add = [], remove = [];
    view.data.vis.edges.forEach(function (e) {
      var shown = edgeShown(view, e);
      if (shown === !!view.edgesIn[e.id]) return;
      if (shown) { view.edgesIn[e.id] = true; delete view.applied[e.id]; add.push(e); }
      else { delete view.edgesIn[e.id]; remove.push(e.id); }
    });
    if (remove.length) view.edges.remove(remove);
    if (add.length) view.edges.add(add);
  }

  /* A folded big map opens in a compact layout of what it shows (page data fold.start), a
     broad map in one of its folded first views (fold.views); the first unfolding moves every
     shown node to its place in the full layout. */
  function fullLayout(view) {
    view.start = null;
    view.startBox = null;
    view.firstFold = -1;
    var moves = [];
    view.data.vis.nodes.forEach(function (n) {
      view.positions[n.id] = { x: n.x, y: n.y };
      if (!view.hidden[n.id]) moves.push({ id: n.id, x: n.x, y: n.y, widthConstraint: n.widthConstraint });
    });
    view.nodes.update(moves);
  }

  function startCopy(view, node) {
    var copy = shownCopy(node), at = view.start[node.id];
    copy.x = at[0];
    copy.y = at[1];
    if (view.startBox && view.index.claims[node.id]) copy.widthConstraint = { maximum: view.startBox };
    view.positions[node.id] = { x: at[0], y: at[1] };
    return copy;
  }

  /* Every shown node to its place in the compact layout view.start. */
  function moveToStart(view) {
    view.nodes.update(view.nodes.getIds().map(function (id) {
      var copy = startCopy(view, view.data.vis.nodes[view.nodeAt[id]]);
      return { id: id, x: copy.x, y: copy.y, widthConstraint: copy.widthConstraint };
    }));
  }

  /* ---------- a broad map's first view: its top rows folded, laid out on their own ---------- */

  /* The index in data.fold.views (folding.first_views) to open on: of those that fit the box
     whole at a readable scale, the one that shows most; else the smallest; -1: none. */
  function chooseFirstFold(view) {
    var folds = (view.data.fold && view.data.fold.views) || [];
    var size = canvasSize(view), pick = -1, most = -1, smallest = -1, fewest = Infinity;
    folds.forEach(function (first, i) {
      var count = Object.keys(first.at).length;
      if (fitScale(size, first.width, first.height) >= READABLE_SCALE && count > most) { pick = i; most = count; }
      if (count < fewest) { smallest = i; fewest = count; }
    });
    return pick >= 0 ? pick : smallest;
  }

  /* Fold the map as first view `index` shows it (a big map's own folds too), in its layout. */
  function foldAsFirstView(view, index) {
    var fold = view.data.fold, first = fold.views[index];
    view.firstFold = index;
    view.folded = {};
    fold.folded.concat(first.folded).forEach(function (id) { view.folded[id] = true; });
    view.start = first.at;
    view.startBox = first.box;
  }

  /* ... and draw what it shows, where it shows it. */
  function showFirstFold(view, index) {
    foldAsFirstView(view, index);
    applyFolds(view, true);
    moveToStart(view);
  }

  /* The first view again for the box as it is now (a rotated phone, Reset); true when it
     changed (the boxes are measured anew when next drawn). Not once the reader has moved on
     from it, unless `back`. */
  function refreshFirstFold(view, back) {
    if (view.firstFold < 0 && !back) return false;
    var index = chooseFirstFold(view);
    if (index < 0 || index === view.firstFold) return false;
    showFirstFold(view, index);
    return true;
  }

  /* Leave the first view for the whole map: only a big map's own folds stay. */
  function wholeMap(view, then) {
    var fold = view.data.fold;
    view.firstFold = -1;
    view.folded = {};
    fold.folded.forEach(function (id) { view.folded[id] = true; });
    if (fold.start) {
      view.start = fold.start;
      view.startBox = null;
      applyFolds(view, true);
      moveToStart(view);
    } else {
      fullLayout(view);
      applyFolds(view);
    }
    view.network.once("afterDrawing", then);
    view.network.redraw();
  }

  // a folded reason is a dot ringed in the theme's ink; beneath it, "+N" says how many claims its fold
  // hides (14 px: 11.2 px at the readable scale), in the theme's text colour
  var FOLD_COUNT_FONT = "600 14px Arial, 'Liberation Sans', Helvetica, sans-serif";
  var FOLD_COUNT_PX = 20;  // the count's line and the gap above it: measuredBoxes keeps it in view

  /* "+N" under every folded reason in sight; view.foldLabels: what the last frame drew. */
  function drawFoldCounts(view, ctx) {
    var from = view.network.DOMtoCanvas({ x: 0, y: 0 });
    var to = view.network.DOMtoCanvas({ x: view.canvas.clientWidth, y: view.canvas.clientHeight });
    var drawn = [], ink = null;
    for (var id in view.folded) {
      var at = view.hidden[id] ? null : view.positions[id];
      if (!at || at.x < from.x - 50 || at.x > to.x + 50 || at.y < from.y - 50 || at.y > to.y + 50) continue;
      var b = view.network.getBoundingBox(id);
      if (!b) continue;
      if (!(id in view.foldCounts)) view.foldCounts[id] = claimsBeneath(view, id);
      if (!ink) {
        ink = themeInk(view);
        ctx.save();
        ctx.font = FOLD_COUNT_FONT;
        ctx.fillStyle = ink;
        ctx.textAlign = "center";
        ctx.textBaseline = "top";
      }
      var text = "+" + view.foldCounts[id], x = (b.left + b.right) / 2, y = b.bottom + 3;
      ctx.fillText(text, x, y);
      drawn.push({ id: id, text: text, x: x, y: y, bottom: y + 14 });
    }
    if (ink) ctx.restore();
    view.foldLabels = drawn;
  }

  function shownCopy(node) {
    var copy = {};
    for (var k in node) if (k !== "hidden") copy[k] = node[k];
    return copy;
  }

  function setFolded(view, id, folded) {
    if (!view.index.reasons[id] || !!view.folded[id] === folded) return;
    if (folded) view.folded[id] = true;
    else delete view.folded[id];
    var wasCompact = !!view.start;
    view.firstFold = -1;  // the folds are the reader's now
    applyFolds(view);
    if (wasCompact && !view.start) centre(view, id, false);  // the layout changed under the reader
    view.announce.textContent = (folded ? "Folded: the claims beneath are hidden: " : "Unfolded: ") + describe(view, id);
    if (view.selected === id) {
      renderPanel(view);
      var button = view.panelBody.querySelector(".argmap-fold");
      if (button) button.focus();
    }
  }

  /* Selecting a node inside a folded part (search, outline, a link) unfolds the way to it. */
  function unfoldTo(view, id) {
    if (!view.hidden[id]) return;
    var above = reach(id, view.index.up), changed = false;
    for (var r in above) if (r !== id && view.folded[r]) { delete view.folded[r]; changed = true; }
    if (changed) applyFolds(view);
  }

  function renderPanel(view) {
    var body = view.panelBody;
    clear(body);
    var id = view.selected;
    view.panelEmpty.hidden = !!id;
    view.panel.classList.toggle("argmap-panel-open", !!id);
    if (!id) return;
    var close = body.appendChild(el("button", "argmap-button argmap-panel-close", "\u00d7"));
    close.type = "button";
    close.setAttribute("aria-label", "Close details");
    close.setAttribute("data-action", "clear");
    if (view.index.claims[id]) renderClaim(view, body, view.index.claims[id]);
    else renderReason(view, body, view.index.reasons[id]);
    body.scrollTop = 0;
    view.panel.scrollTop = 0;
  }

  function markOutline(view) {
    var current = view.container.querySelectorAll(".argmap-outline [aria-current]");
    for (var i = 0; i < current.length; i++) current[i].removeAttribute("aria-current");
    if (!view.selected) return;
    var items = view.container.querySelectorAll(".argmap-outline li[data-id]");
    for (var j = 0; j < items.length; j++) {
      if (items[j].getAttribute("data-id") === view.selected) items[j].setAttribute("aria-current", "true");
    }
  }

  /* ---------- selection, history and the URL hash ---------- */

  function has(view, id) { return !!(view.index.claims[id] || view.index.reasons[id]); }

  function panelIsSheet(view) {
    return view.panel.classList.contains("argmap-panel-open") &&
      window.getComputedStyle(view.panel).position === "fixed";
  }

  /* The node, then what it works with: the conclusion it supports (through its reason), the
     premises beneath it, and their reasons; centre() keeps as many in view as fit. */
  function neighbourhood(view, id) {
    var ix = view.index, near = [id];
    function add(n) { if (n && near.indexOf(n) < 0 && !view.hidden[n]) near.push(n); }
    (ix.up[id] || []).forEach(function (r) { add(r); if (ix.reasons[r]) add(ix.reasons[r].conclusion); });
    if (ix.reasons[id]) add(ix.reasons[id].conclusion);
    (ix.down[id] || []).forEach(function (r) {
      add(r);
      if (ix.reasons[r]) ix.reasons[r].premises.forEach(add);
    });
    return near;
  }

  function centre(view, id, animate) {
    // close enough to read the box's text, without zooming out a reader who zoomed in
    var wanted = Math.min(2, Math.max(view.network.getScale(), 1));
    var offset = { x: 0, y: 0 };
    var canvas = view.canvas.getBoundingClientRect();
    var width = view.canvas.clientWidth, height = view.canvas.clientHeight;
    if (panelIsSheet(view)) {  // narrow or short screens: centre in the part of the map the sheet leaves visible
      var sheet = view.panel.getBoundingClientRect();
      var top = Math.max(canvas.top, 0), bottom = Math.min(canvas.bottom, sheet.top);
      var right = Math.min(canvas.right, sheet.left);
      if (sheet.top <= Math.max(canvas.top, 0) && right - canvas.left > 40) {  // a side sheet (short windows)
        offset.x = (canvas.left + right) / 2 - (canvas.left + canvas.right) / 2;
        width = right - canvas.left;
      } else if (bottom - top > 40) {
        offset.y = (top + bottom) / 2 - (canvas.top + canvas.bottom) / 2;
        height = bottom - top;
      }
    }
    var size = { w: Math.max(width - 2 * EDGE_PAD, 1), h: Math.max(height - 2 * EDGE_PAD, 1) };
    // the node stays in the middle; around it the largest group, in order of closeness,
    // that fits at a readable scale
    var near = neighbourhood(view, id), at = view.positions[id], scale = wanted;
    var here = at && view.network.getBoundingBox(id);
    for (var n = near.length; n >= 2 && here; n--) {
      var e = extentOf(near.slice(0, n).map(function (m) { return view.network.getBoundingBox(m); }).filter(Boolean));
      var halfW = Math.max(at.x - e.left, e.right - at.x), halfH = Math.max(at.y - e.top, e.bottom - at.y);
      var s = Math.min(wanted, size.w / (2 * halfW), size.h / (2 * halfH));
      if (s >= READABLE_SCALE) { scale = s; break; }
    }
    view.network.focus(id, { scale: scale, offset: offset, animation: animate === false ? false : animation() });
  }

  /* A link from elsewhere (an article, a shared URL) scrolls the map into view as an anchor would. */
  function reveal(view) {
    var box = view.canvas.getBoundingClientRect(), height = window.innerHeight;
    var sheet = panelIsSheet(view);
    if (sheet ? Math.abs(box.top) > 2 : (box.bottom < 0 || box.top > height * 0.5)) {
      view.canvas.scrollIntoView({ block: "start" });
    }
  }

  /* opts.history: "push" | "replace" | undefined (a change that came from the URL itself) */
  function select(view, id, opts) {
    opts = opts || {};
    if (id && !has(view, id)) id = null;
    if (id) unfoldTo(view, id);
    var changed = id !== view.selected;
    view.selected = id;
    if (changed || opts.force) {
      view.network.selectNodes(id ? [id] : []);
      updateEmphasis(view);
      renderPanel(view);
      markOutline(view);
      markSource(view);
      view.announce.textContent = id ? "Selected: " + describe(view, id) : "Selection cleared.";
      emit(view, "select", [id]);
      view.container.dispatchEvent(new CustomEvent("argmap:select", { bubbles: true, detail: { id: id } }));
    }
    if (id && opts.centre) centre(view, id, opts.animate);
    if (opts.history) writeHash(view, id, opts.history);
    if (id && opts.focusPanel) {
      var title = view.panelBody.querySelector(".argmap-panel-title");
      if (title) title.focus({ preventScroll: !view.panel.classList.contains("argmap-panel-open") });
    }
  }

  function writeHash(view, id, mode) {
    var state = { argmapView: views.indexOf(view) };
    if (!id && !view.ownsHash) return;  // the hash belongs to another map (or the article): leave it
    var url = id ? hashFor(view, id) : window.location.pathname + window.location.search;
    if (window.location.hash === (id ? url : "") && mode === "push") mode = "replace";
    try {
      if (mode === "push") window.history.pushState(state, "", url);
      else window.history.replaceState(state, "", url);
    } catch (e) { return; }  // some sandboxed frames forbid history changes
    views.forEach(function (v) { v.ownsHash = false; });
    view.ownsHash = !!id;
  }

  /* The hash names a claim: with a prefix, in the map of that prefix; else the map the history
     entry was made in, else the first map that has it. */
  function viewForHash(hash, state) {
    var link = splitHash(hash);
    if (link.prefix !== null) {
      for (var k = 0; k < views.length; k++) {
        if (views[k].ready && views[k].prefix === link.prefix && has(views[k], link.id)) return views[k];
      }
      return null;
    }
    var preferred = state && typeof state.argmapView === "number" ? views[state.argmapView] : null;
    if (preferred && has(preferred, hash)) return preferred;
    for (var i = 0; i < views.length; i++) if (views[i].ready && has(views[i], hash)) return views[i];
    return null;
  }

  function followLocation(state) {
    var hash = idFromHash();
    var target = hash ? viewForHash(hash, state) : null;
    var id = target ? splitHash(hash).id : hash;
    views.forEach(function (view) {
      if (!view.ready) return;
      if (view === target) {
        if (view.selected !== id) { select(view, id); reveal(view); centre(view, id); }
        view.ownsHash = true;
      } else if (view.ownsHash) {
        // the hash moved on to nothing or to another map: this selection came from it, so undo it;
        // an anchor of the host page (no claim of any map) leaves the selection alone
        view.ownsHash = false;
        if (!id || target) select(view, null);
      }
    });
  }

  /* ---------- keyboard ---------- */

  function positionOf(view, id) { return view.positions[id]; }

  function nearest(view, from, candidates) {
    var here = positionOf(view, from);
    var best = null, bestDistance = Infinity;
    candidates.forEach(function (id) {
      var p = positionOf(view, id);
      var d = Math.abs(p.x - here.x) + Math.abs(p.y - here.y) / 10;
      if (d < bestDistance) { best = id; bestDistance = d; }
    });
    return best;
  }

  function step(view, direction) {
    var ix = view.index, here = view.selected;
    if (!here) return ix.mains[0] || view.data.vis.nodes[0] && view.data.vis.nodes[0].id;
    if (direction === "up") return nearest(view, here, ix.up[here] || []);
    if (direction === "down") return nearest(view, here, ix.down[here] || []);
    var y = positionOf(view, here).y, x = positionOf(view, here).x;
    var row = view.data.vis.nodes.filter(function (n) {  // along the row drawn: folded-away nodes are not in it
      var p = positionOf(view, n.id);
      return n.id !== here && !view.hidden[n.id] && Math.abs(p.y - y) < 1 && (direction === "left" ? p.x < x : p.x > x);
    }).map(function (n) { return n.id; });
    return nearest(view, here, row);
  }

  var ARROWS = { ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right" };

  function onCanvasKey(view, event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var direction = ARROWS[event.key];
    if (direction) {
      event.preventDefault();
      var next = step(view, direction);
      if (next) select(view, next, { centre: true, history: "replace" });
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      if (!view.selected) select(view, step(view, "up"), { centre: true, history: "replace" });
      else select(view, view.selected, { focusPanel: true });
    } else if (event.key === "+" || event.key === "=") {
      zoom(view, 1.25);
    } else if (event.key === "-") {
      zoom(view, 0.8);
    } else if (event.key === "0") {
      fit(view);
    }
  }

  /* ---------- search ---------- */

  /* A claim matches when every word of the query does: "#tag" one of its tags, "group:ID"
     its group, any other word its text, quote or id. */
  function matches(claim, query) {
    var words = query.split(" "), text = null;
    return words.every(function (word) {
      if (word.charAt(0) === "#" && word.length > 1) {
        return (claim.tags || []).some(function (t) { return normalise(t) === word.slice(1); });
      }
      if (word.indexOf("group:") === 0 && word.length > 6) return normalise(claim.group) === word.slice(6);
      if (text === null) text = normalise(claim.text + " " + (claim.quote || "") + " " + claim.id);
      return text.indexOf(word) >= 0;
    });
  }

  function runSearch(view) {
    var query = normalise(view.searchInput.value);
    clear(view.hitList);
    if (!query) {
      view.hits = null;
      view.hitList.hidden = true;
      view.searchStatus.textContent = "";
      updateEmphasis(view);
      return;
    }
    view.hits = view.data.claims.filter(function (c) { return matches(c, query); })
      .map(function (c) { return c.id; });
    var n = view.hits.length;
    view.searchStatus.textContent = n === 0 ? "No claim matches" : n === 1 ? "1 claim matches" : n + " claims match";
    view.hits.forEach(function (id) {
      var button = view.hitList.appendChild(el("li")).appendChild(el("button", "argmap-hit"));
      button.type = "button";
      button.setAttribute("data-argmap-id", id);
      var text = view.index.claims[id].text, at = text.toLowerCase().indexOf(query);
      if (at >= 0 && text.slice(at, at + query.length).toLowerCase() === query) {
        button.appendChild(document.createTextNode(text.slice(0, at)));
        button.appendChild(el("mark", null, text.slice(at, at + query.length)));
        button.appendChild(document.createTextNode(text.slice(at + query.length)));
      } else {
        button.textContent = text;
      }
    });
    view.hitList.hidden = n === 0;
    updateEmphasis(view);
  }

  function clearSearch(view) {
    view.searchInput.value = "";
    runSearch(view);
  }

  /* ---------- the source view: the whole source text, every quote a link to its claim ---------- */

  /* A paragraph as runs of text, each quoted run owned by the claim with the shortest quote
     over it (a quote inside another's stays reachable). */
  function quotedRuns(view, index, text) {
    var spans = [];
    Object.keys(view.data.contexts || {}).forEach(function (id) {
      var c = view.data.contexts[id];
      if (c.paragraph === index && c.end > c.start) spans.push({ id: id, start: c.start, end: c.end });
    });
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    var runs = [];
    for (var i = 0; i + 1 < cuts.length; i++) {
      var from = cuts[i], to = cuts[i + 1], owner = null;
      spans.forEach(function (s) {
        if (s.start <= from && s.end >= to && (!owner || s.end - s.start < owner.end - owner.start)) owner = s;
      });
      var last = runs[runs.length - 1];
      if (last && last.id === (owner && owner.id)) last.text += text.slice(from, to);
      else runs.push({ id: owner ? owner.id : null, text: text.slice(from, to) });
    }
    return runs;
  }

  function kindColour(view, id) {
    var nodes = view.data.vis.nodes;
    for (var i = 0; i < nodes.length; i++) if (nodes[i].id === id) return nodes[i].color.background;
    return null;
  }

  function buildSource(view) {
    var section = view.source, data = view.data, source = data.source || {};
    section.appendChild(el("h2", null, source.title || "The source text"));
    var cite = el("p", "argmap-source-cite");
    if (source.author) cite.appendChild(document.createTextNode(source.author + " "));
    if (source.date) cite.appendChild(document.createTextNode("(" + source.date + ") "));
    if (isHttp(source.url)) {
      var a = cite.appendChild(el("a", null, source.url));
      a.href = source.url;
      a.rel = "noopener noreferrer";
    }
    if (cite.firstChild) section.appendChild(cite);
    if (data.coverage) section.appendChild(el("p", "argmap-source-coverage", data.coverage.summary));
    var body = section.appendChild(el("div", "argmap-source-text"));
    Object.keys(data.paragraphs || {}).map(Number).sort(function (a, b) { return a - b; }).forEach(function (index) {
      var p = body.appendChild(el("p"));
      quotedRuns(view, index, data.paragraphs[String(index)]).forEach(function (run) {
        if (!run.id) { p.appendChild(document.createTextNode(run.text)); return; }
        var quote = p.appendChild(el("a", "argmap-src-quote", run.text));
        quote.href = hashFor(view, run.id);
        quote.setAttribute("data-argmap-claim", run.id);
        quote.title = view.index.claims[run.id] ? view.index.claims[run.id].text : run.id;
        var colour = kindColour(view, run.id);
        if (colour) quote.style.background = colour;  // the CSSOM: no inline style under the CSP
      });
    });
  }

  /* The selected claim's quote is marked, and scrolled to when the source is shown. */
  function markSource(view) {
    if (!view.source) return;
    var old = view.source.querySelectorAll(".argmap-src-current");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("argmap-src-current");
    if (!view.selected) return;
    var quotes = view.source.querySelectorAll("[data-argmap-claim]"), first = null;
    for (var j = 0; j < quotes.length; j++) {
      if (quotes[j].getAttribute("data-argmap-claim") !== view.selected) continue;
      quotes[j].classList.add("argmap-src-current");
      first = first || quotes[j];
    }
    if (first && view.container.classList.contains("argmap-show-source")) {
      var section = view.source;
      var top = first.getBoundingClientRect().top - section.getBoundingClientRect().top + section.scrollTop;
      section.scrollTop = Math.max(0, top - section.clientHeight / 3);
    }
  }

  function toggleSource(view, show) {
    var button = view.container.querySelector("[data-action='source']");
    if (show && view.container.classList.contains("argmap-show-outline")) toggleOutline(view, false);
    view.container.classList.toggle("argmap-show-source", show);
    button.setAttribute("aria-expanded", show ? "true" : "false");
    resize(view);
    markSource(view);
  }

  /* ---------- view controls ---------- */

  function zoom(view, factor) {
    var scale = Math.min(4, Math.max(0.05, view.network.getScale() * factor));
    view.network.moveTo({ scale: scale, animation: animation() });
  }

  /* ---------- groups: labelled bands behind their claims ---------- */

  var BAND_ALPHA = 0.45;
  // a band with none of the selection's claims fades as its boxes do (DIM_OPACITY)
  var BAND_DIM_ALPHA = BAND_ALPHA * DIM_OPACITY;
  var BAND_FONT = "600 12px Arial, 'Liberation Sans', Helvetica, sans-serif";

  /* For each group, a band around each run of its claims side by side in a row (a claim of
     another group ends the run, so groups that share a row do not paint over each other),
     around the boxes vis-network measured (canvas units). One pass over the claims, then a
     sort of each row: measured when the boxes change, not per frame (watchGroups). */
  function groupBands(view) {
    var bands = [], groups = view.data.groups || [];
    if (!groups.length) return bands;
    var known = {}, rows = {}, runs = {};
    groups.forEach(function (group) { known[group.id] = true; });
    view.data.claims.forEach(function (c) {
      if (view.hidden[c.id]) return;
      var b = view.network.getBoundingBox(c.id);
      if (!b) return;
      var key = Math.round(view.positions[c.id].y);
      (rows[key] = rows[key] || []).push({ group: known[c.group] ? c.group : null, box: b });
    });
    Object.keys(rows).sort(function (a, b) { return a - b; }).forEach(function (key) {
      var run = null;
      rows[key].sort(function (a, b) { return a.box.left - b.box.left; }).forEach(function (item) {
        var b = item.box;
        if (!item.group) { run = null; return; }
        if (run && run.group === item.group) {
          run.right = Math.max(run.right, b.right);
          run.top = Math.min(run.top, b.top); run.bottom = Math.max(run.bottom, b.bottom);
          return;
        }
        run = { group: item.group, left: b.left, right: b.right, top: b.top, bottom: b.bottom };
        (runs[item.group] = runs[item.group] || []).push(run);
      });
    });
    groups.forEach(function (group) {
      (runs[group.id] || []).forEach(function (r, i) {
        // the first band of a group carries its title inside, above the boxes (within the
        // row gap), so the label is never where the first view's edge may fall
        bands.push({ group: group.id, title: i ? null : (group.title || group.id),
                     left: r.left - 10, right: r.right + 10, top: r.top - (i ? 10 : 24), bottom: r.bottom + 10,
                     alpha: bandAlpha(view, group.id) });
      });
    });
    return bands;
  }

  function bandAlpha(view, group) {
    return !view.groupsLit || view.groupsLit[group] ? BAND_ALPHA : BAND_DIM_ALPHA;
  }

  /* After each restyle (updateEmphasis hands the final styles, the what-if colours and every
     other listener's included): a group is lit while any of its shown claims is, so its bands
     dim and light up with its boxes, in what-if mode too. */
  function emphasiseGroups(view, styles) {
    if (!(view.data.groups || []).length) return;
    var lit = null;
    if (styles.some(function (s) { return s.opacity < 1; })) {
      lit = {};
      styles.forEach(function (s) {
        var claim = view.index.claims[s.id];
        if (claim && claim.group && s.opacity >= 1) lit[claim.group] = true;
      });
    }
    var before = JSON.stringify(view.groupsLit);
    view.groupsLit = lit;
    view.groupBands.forEach(function (band) { band.alpha = bandAlpha(view, band.group); });
    // no box may have changed (a selection within one group): the bands must be redrawn anyway
    if (view.network && JSON.stringify(lit) !== before) view.network.redraw();
  }

  /* Bands are measured when the boxes change (a layout, a fold, a restyle, a drag), after the
     frame that drew the change, not on every frame; each frame paints only those in sight. */
  function watchGroups(view) {
    if (!(view.data.groups || []).length) return;
    var stale = true;
    view.nodes.on("*", function () { stale = true; });
    view.network.on("dragging", function (params) { if (params.nodes.length) stale = true; });
    view.network.on("beforeDrawing", function (ctx) { drawGroups(view, ctx); });
    view.network.on("afterDrawing", function () {
      if (!stale) return;
      stale = false;
      var bands = groupBands(view);
      view.bandsMeasured++;
      if (JSON.stringify(bands) === JSON.stringify(view.groupBands)) return;
      view.groupBands = bands;
      // the frame just drawn had the old bands: draw again, after this frame, not inside it
      window.requestAnimationFrame(function () { view.network.redraw(); });
    });
  }

  function drawGroups(view, ctx) {
    var bands = view.groupBands;
    if (!bands.length) return;
    var from = view.network.DOMtoCanvas({ x: 0, y: 0 });
    var to = view.network.DOMtoCanvas({ x: view.canvas.clientWidth, y: view.canvas.clientHeight });
    var ink = null, colours = view.data.groupColours || {};
    ctx.save();
    bands.forEach(function (band) {
      if (band.right < from.x || band.left > to.x || band.bottom < from.y || band.top > to.y) return;
      ctx.globalAlpha = band.alpha;
      ctx.fillStyle = colours[band.group] || "#e5e7eb";
      ctx.fillRect(band.left, band.top, band.right - band.left, band.bottom - band.top);
      if (!band.title) return;
      // the theme's text colour: readable on the canvas in either theme
      ink = ink || themeInk(view);
      ctx.globalAlpha = band.alpha === BAND_ALPHA ? 1 : 0.35;
      ctx.font = BAND_FONT;
      ctx.fillStyle = ink;
      ctx.textBaseline = "top";
      ctx.fillText(band.title, band.left + 6, band.top + 4, band.right - band.left - 12);
    });
    ctx.restore();
  }

  /* ---------- the first view: readable, nothing cut, the main conclusions in sight ---------- */

  var READABLE_SCALE = 0.8;  // 14 px labels drawn at 11.2 px: the smallest text we open or fit at
  var OPEN_SCALE_MAX = 1;    // a small map opens at its natural size, not blown up
  var EDGE_PAD = 12;         // px kept free between a box and the canvas edge

  /* Canvas-space boxes of the nodes on the canvas, as vis-network measured them. */
  function measuredBoxes(view) {
    var boxes = [];
    view.nodes.getIds().forEach(function (id) {
      var b = view.network.getBoundingBox(id);
      // a folded reason's count is drawn beneath it (drawFoldCounts): part of its box here
      if (b) boxes.push({ id: id, left: b.left, right: b.right, top: b.top,
                          bottom: b.bottom + (view.folded[id] ? FOLD_COUNT_PX : 0) });
    });
    return boxes;
  }

  function extentOf(boxes) {
    var e = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    boxes.forEach(function (b) {
      e.left = Math.min(e.left, b.left); e.right = Math.max(e.right, b.right);
      e.top = Math.min(e.top, b.top); e.bottom = Math.max(e.bottom, b.bottom);
    });
    return e;
  }

  function canvasSize(view) {
    return { w: Math.max(view.canvas.clientWidth - 2 * EDGE_PAD, 1),
             h: Math.max(view.canvas.clientHeight - 2 * EDGE_PAD, 1) };
  }

  function fitScale(size, width, height) { return Math.min(size.w / width, size.h / height); }

  var BAND_SLACK = { w: 20, h: 34 };  // a group's band around the mains: 10 px each side, its title above

  /* The layout for the box: the page's own layout when it fits whole at a readable scale, else
     the one that fits whole largest; else the widest whose width fits and whose top shows every
     main conclusion readably; else the narrowest whose top shows them all (opened on its top
     rows, see openView); else the narrowest with a main conclusion in its top row; else the
     widest whose width fits, else the narrowest. Candidates: the
     page's own layout and data.narrow (folding.narrow_layouts), with the window at the top of
     each that holds the mains (`mains`: [width, height]). */
  function chooseLayout(view) {
    var narrow = view.data.narrow || [];
    if (!narrow.length || view.start) return false;
    var size = canvasSize(view);
    var own = view.ownExtent;
    var candidates = [{ index: -1, width: own.right - own.left, height: own.bottom - own.top, mains: view.ownMains }];
    narrow.forEach(function (layout, i) {
      candidates.push({ index: i, width: layout.width, height: layout.height, mains: layout.mains });
    });
    var widest = candidates.slice().sort(function (a, b) { return b.width - a.width || a.index - b.index; });
    var narrowest = widest.slice().reverse();
    // above the scale a map opens at, a larger fit gains nothing: the earlier candidate stays
    function whole(c) { return Math.min(fitScale(size, c.width, c.height), OPEN_SCALE_MAX); }
    function widthFits(c) { return size.w / c.width >= READABLE_SCALE; }
    function mainsFit(c) {
      return fitScale(size, c.mains[0] + BAND_SLACK.w, c.mains[1] + BAND_SLACK.h) >= READABLE_SCALE;
    }
    var pick = whole(candidates[0]) >= READABLE_SCALE ? candidates[0] : null;
    candidates.forEach(function (c) {
      if (whole(c) >= READABLE_SCALE && (!pick || whole(c) > whole(pick))) pick = c;
    });
    pick = pick || widest.filter(function (c) { return widthFits(c) && mainsFit(c); })[0] ||
      narrowest.filter(mainsFit)[0] || narrowest.filter(function (c) { return mainOnTop(view, c); })[0] ||
      widest.filter(widthFits)[0] || narrowest[0];
    return useLayout(view, pick.index);
  }

  /* Whether a main conclusion stands in the top row of candidate layout `c`: in a box too
     small for all of them, the view opens on one, not on a claim above the argument. */
  function mainOnTop(view, c) {
    var at = c.index < 0 ? view.ownLayout : view.data.narrow[c.index].at, top = Infinity;
    for (var id in at) top = Math.min(top, at[id][1]);
    return view.index.mains.some(function (m) { return at[m] && at[m][1] < top + 1; });
  }

  /* [width, height] of the window at the top of the drawn layout that holds every main
     conclusion (folding._mains_window for the page's own layout, as measured). */
  function mainsWindow(view, boxes) {
    var all = extentOf(boxes);
    var mains = boxes.filter(function (b) { return view.index.mains.indexOf(b.id) >= 0; });
    var m = extentOf(mains.length ? mains : boxes);
    return [m.right - m.left, m.bottom - all.top];
  }

  /* Move every node to layout `index` (-1: the page's own), boxes narrowed to its width;
     true when it changed (the boxes are measured anew when next drawn). */
  function useLayout(view, index) {
    if (view.layout === index) return false;
    view.layout = index;
    var layout = index < 0 ? null : view.data.narrow[index];
    var moves = [];
    view.data.vis.nodes.forEach(function (n) {
      var at = layout ? layout.at[n.id] : view.ownLayout[n.id];
      n.x = at[0];
      n.y = at[1];
      if (view.index.claims[n.id]) n.widthConstraint = { maximum: layout ? layout.box : view.ownBox };
      view.positions[n.id] = { x: n.x, y: n.y };
      if (!view.hidden[n.id]) moves.push({ id: n.id, x: n.x, y: n.y, widthConstraint: n.widthConstraint });
    });
    view.nodes.update(moves);
    return true;
  }

  /* Choose the layout (or a broad map's first view) for the box, then run `then` once its
     boxes are measured. */
  function layOut(view, then) {
    var changed = view.selected ? false : refreshFirstFold(view, false);
    if (!changed && !chooseLayout(view)) { then(); return; }
    view.network.once("afterDrawing", then);
    view.network.redraw();
  }

  /* The rows of the map as horizontal bands of boxes, top to bottom, each with its boxes. */
  function bandsOf(boxes) {
    var sorted = boxes.slice().sort(function (a, b) { return a.top - b.top; });
    var bands = [];
    sorted.forEach(function (b) {
      var last = bands[bands.length - 1];
      if (last && b.top < last.bottom) {
        last.bottom = Math.max(last.bottom, b.bottom);
        last.left = Math.min(last.left, b.left);
        last.right = Math.max(last.right, b.right);
        last.boxes.push(b);
      } else bands.push({ top: b.top, bottom: b.bottom, left: b.left, right: b.right, boxes: [b] });
    });
    return bands;
  }

  /* A map that fits whole at a readable scale opens whole, centred; a bigger one on its top
     rows, at a readable scale chosen so the canvas's lower edge falls between two rows, moved
     sideways so that no box is cut (but in a row wider than the window, which every window
     cuts) and the main conclusions are in view where they fit. */
  function openView(view, animate) {
    var boxes = measuredBoxes(view);
    if (!boxes.length) return;
    var e = extentOf(boxes), size = canvasSize(view);
    groupBands(view).forEach(function (b) {  // a group's band and label belong in the view too
      e.left = Math.min(e.left, b.left); e.right = Math.max(e.right, b.right);
      e.top = Math.min(e.top, b.top); e.bottom = Math.max(e.bottom, b.bottom);
    });
    var whole = fitScale(size, e.right - e.left, e.bottom - e.top);
    view.fitStep = 0;
    if (whole >= READABLE_SCALE) {
      view.network.moveTo({ position: { x: (e.left + e.right) / 2, y: (e.top + e.bottom) / 2 },
                            scale: Math.min(whole, OPEN_SCALE_MAX), animation: animate ? animation() : false });
      return;
    }
    var cw = view.canvas.clientWidth, ch = view.canvas.clientHeight;
    var bands = bandsOf(boxes);
    // the most rows that show with no box cut (fewer rows: a larger scale, a narrower window)
    var best = { scale: READABLE_SCALE, x0: e.left, penalty: Infinity };
    for (var k = bands.length - 1; k >= 0; k--) {
      var below = bands[k + 1];
      var keep = (ch - 2 * EDGE_PAD) / (bands[k].bottom - e.top);  // the largest scale that keeps band k
      if (keep < READABLE_SCALE) continue;
      // the smallest scale that leaves the next band wholly below the canvas
      var need = below ? (ch - EDGE_PAD) / (below.top - 1 - e.top) : READABLE_SCALE;
      var scale = Math.max(READABLE_SCALE, need);
      if (scale > keep) continue;
      var bottom = e.top - EDGE_PAD / scale + ch / scale;
      var shown = boxes.filter(function (b) { return b.top < bottom; });
      // a row wider than the window is cut by every window: its cuts weigh nothing, or a
      // broad map (a fan of a thousand reasons) opens blown up on its top row alone
      var fitting = Object.create(null);  // box id -> true: its row fits in the window
      bands.forEach(function (band) {
        if (band.right - band.left > (cw - 2 * EDGE_PAD) / scale) return;
        band.boxes.forEach(function (b) { fitting[b.id] = true; });
      });
      var left = bestLeft(view, shown, cw / scale, EDGE_PAD / scale, fitting);
      // a main conclusion below the window counts as one left out at the side
      var penalty = left.penalty + 1e3 * boxes.filter(function (b) {
        return b.bottom > bottom && view.index.mains.indexOf(b.id) >= 0;
      }).length;
      if (penalty < best.penalty) best = { scale: scale, x0: left.x0, penalty: penalty };
      if (!penalty) break;
    }
    var top = e.top - EDGE_PAD / best.scale;
    view.network.moveTo({ position: { x: best.x0 + cw / best.scale / 2, y: top + ch / best.scale / 2 },
                          scale: best.scale, animation: animate ? animation() : false });
  }

  /* The left edge x0 (canvas units) of a window `width` wide over `boxes`: all main conclusions
     inside first, then the fewest boxes cut by an edge (of those `fitting` names: the boxes
     of rows that fit in the window), then closest to centring the mains; penalty counts the mains
     left out and those boxes cut (0: nothing that could be whole is cut). */
  function bestLeft(view, boxes, width, pad, fitting) {
    var mains = boxes.filter(function (b) { return view.index.mains.indexOf(b.id) >= 0; });
    var focus = extentOf(mains.length ? mains : boxes);
    var centred = (focus.left + focus.right) / 2 - width / 2;
    var candidates = [centred];
    boxes.forEach(function (b) { candidates.push(b.left - pad, b.right + pad - width); });
    var best = centred, bestScore = Infinity, bestPenalty = Infinity;
    candidates.forEach(function (x0) {
      var x1 = x0 + width, cut = 0, mainsOut = 0;
      boxes.forEach(function (b) {
        var inside = b.left >= x0 + 1 && b.right <= x1 - 1, outside = b.right <= x0 || b.left >= x1;
        if (!inside && !outside && fitting[b.id]) cut++;
        if (!inside && mains.indexOf(b) >= 0) mainsOut++;
      });
      var penalty = mainsOut * 1e3 + cut;
      var score = penalty + Math.min(0.5, Math.abs(x0 - centred) / width / 2);
      if (score < bestScore) { bestScore = score; best = x0; bestPenalty = penalty; }
    });
    return { x0: best, penalty: bestPenalty };
  }

  /* Fit: the whole map when it is readable whole; else first the readable top (saying so),
     and the whole map, too small to read, only as the second step. */
  function fit(view) {
    var boxes = measuredBoxes(view);
    if (!boxes.length) return;
    if (view.firstFold >= 0) {  // a broad map's first view: readable, but its top rows only
      if (view.fitStep === 1) {
        wholeMap(view, function () { view.fitStep = 1; fit(view); });
        return;
      }
      openView(view, true);
      setFitStep(view, 1);
      view.announce.textContent = TOO_BIG;
      return;
    }
    var e = extentOf(boxes);
    var readable = fitScale(canvasSize(view), e.right - e.left, e.bottom - e.top) >= READABLE_SCALE;
    if (readable || view.fitStep === 1) {
      view.network.fit({ animation: animation() });
      if (!readable) view.announce.textContent = "The whole map: too small to read; zoom in to read it.";
      setFitStep(view, 0);
      return;
    }
    openView(view, true);
    setFitStep(view, 1);
    view.announce.textContent = TOO_BIG;
  }

  var TOO_BIG = "The map is too big to read whole here: showing its top. " +
    "Press \u201cWhole map\u201d to see all of it, small.";

  function setFitStep(view, next) {
    view.fitStep = next;
    var button = view.container.querySelector("[data-action='fit']");
    button.textContent = next === 1 ? "Whole map" : "Fit";
    button.title = next === 1 ? "Show the whole map, smaller than readable" : "Fit the map to its box, readably";
  }

  /* The box changed (a host page's layout, a phone turned, the outline opened): choose the
     layout again and open it again, or keep the selected claim in view. */
  function resize(view) {
    view.network.setSize("100%", "100%");
    view.network.redraw();
    // not drawn yet, or hidden (the source view stands in for the map on narrow screens)
    if (!view.ready || !view.canvas.clientWidth || !view.canvas.clientHeight) return;
    var size = view.canvas.clientWidth + "x" + view.canvas.clientHeight;
    if (size === view.drawnSize || size === view.sizing) return;
    view.sizing = size;
    layOut(view, function () {
      if (view.selected) centre(view, view.selected, false);
      else openView(view, false);
      view.drawnSize = size;
      view.sizing = "";
    });
  }

  function toggleOutline(view, show) {
    var button = view.container.querySelector("[data-action='outline']");
    if (show && view.container.classList.contains("argmap-show-source")) toggleSource(view, false);
    if (show) linkOutline(view);
    view.container.classList.toggle("argmap-show-outline", show);
    button.setAttribute("aria-expanded", show ? "true" : "false");
    resize(view);
  }

  function act(view, action) {
    if (action === "fit") fit(view);
    else if (action === "zoom-in") zoom(view, 1.25);
    else if (action === "zoom-out") zoom(view, 0.8);
    else if (action === "reset") {
      clearSearch(view);
      select(view, null, { history: "push" });
      setFitStep(view, 0);  // Reset opens the map as it opened, never on the whole map
      if (!refreshFirstFold(view, true)) { fit(view); return; }
      view.network.once("afterDrawing", function () { fit(view); });  // back to the first view, measured
      view.network.redraw();
    }
    else if (action === "outline") {
      toggleOutline(view, !view.container.classList.contains("argmap-show-outline"));
    } else if (action === "source") {
      toggleSource(view, !view.container.classList.contains("argmap-show-source"));
    } else if (action === "fold" && view.selected) {
      setFolded(view, view.selected, !view.folded[view.selected]);
    } else if (action === "clear") {
      var inPanel = view.panel.contains(document.activeElement);
      select(view, null, { history: "push" });
      if (inPanel) view.canvas.focus();
    }
  }

  /* Outline claims become links that select in the map (plain #id links without the script):
     once, when the outline first shows or the page is idle after the first draw, not before it
     (a 50,000-claim outline is 0.7 s of DOM work). */
  function linkOutline(view) {
    if (view.outlineLinked) return;
    view.outlineLinked = true;
    var spans = view.container.querySelectorAll(".argmap-outline li[data-id] > span[id]");
    for (var i = 0; i < spans.length; i++) {
      var id = spans[i].parentNode.getAttribute("data-id");
      var a = link(view, id, "");
      a.className = "argmap-o-link";
      while (spans[i].firstChild) a.appendChild(spans[i].firstChild);
      spans[i].appendChild(a);
    }
    var repeats = view.container.querySelectorAll(".argmap-outline li[data-id] > a[href]");
    for (var j = 0; j < repeats.length; j++) {
      var repeated = repeats[j].parentNode.getAttribute("data-id");
      repeats[j].setAttribute("data-argmap-id", repeated);
      repeats[j].href = hashFor(view, repeated);  // the map's deep link, not the outline anchor
    }
  }

  /* ---------- wiring one container ---------- */

  function wire(view) {
    var container = view.container, network = view.network;
    network.on("click", function (params) {
      var id = params.nodes[0];
      if (!id && params.edges[0]) {
        var edge = view.edges.get(params.edges[0]);
        id = view.index.reasons[edge.from] ? edge.from : edge.to;
      }
      // a mode (what-if) may take the click over: a "nodeclick" listener returns true when it did
      if (id && view.listeners.nodeclick.some(function (fn) { return fn(id) === true; })) return;
      select(view, id || null, { history: "push" });
    });
    network.on("doubleClick", function (params) {  // double-click a reason: fold or unfold beneath it
      var id = params.nodes[0];
      if (id && view.index.reasons[id]) setFolded(view, id, !view.folded[id]);
    });
    network.on("hoverNode", function () { view.canvas.style.cursor = "pointer"; });
    // the reader moved the map: Fit starts again from its first step
    network.on("zoom", function () { if (view.fitStep) setFitStep(view, 0); });
    network.on("dragEnd", function () { if (view.fitStep) setFitStep(view, 0); });
    network.on("blurNode", function () { view.canvas.style.cursor = ""; });

    container.addEventListener("click", function (event) {
      var chip = event.target.closest ? event.target.closest("[data-argmap-search]") : null;
      if (chip && container.contains(chip)) {
        view.searchInput.value = chip.getAttribute("data-argmap-search");
        runSearch(view);
        view.searchInput.focus();
        return;
      }
      var target = event.target.closest ? event.target.closest("[data-argmap-id],[data-action]") : null;
      if (!target || !container.contains(target)) return;
      var id = target.getAttribute("data-argmap-id");
      if (id !== null) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;  // new tab etc.
        event.preventDefault();
        var fromPanel = view.panel.contains(target);
        if (view.hitList.contains(target)) view.hitList.hidden = true;
        select(view, id, { centre: true, history: "push", focusPanel: fromPanel || target.classList.contains("argmap-hit") });
        return;
      }
      act(view, target.getAttribute("data-action"));
    });

    view.canvas.addEventListener("keydown", function (event) { onCanvasKey(view, event); });

    container.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      if (event.target === view.searchInput && view.searchInput.value) {
        event.preventDefault();
        clearSearch(view);
        return;
      }
      var inPanel = view.panel.contains(document.activeElement);
      select(view, null, { history: "push" });
      if (inPanel) view.canvas.focus();
    });

    view.searchInput.addEventListener("input", function () { runSearch(view); });
    view.searchInput.addEventListener("focus", function () {
      if (view.hits && view.hits.length) view.hitList.hidden = false;
    });
    view.searchInput.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && view.hits && view.hits.length) {
        event.preventDefault();
        view.hitList.hidden = true;
        select(view, view.hits[0], { centre: true, history: "push" });
      } else if (event.key === "ArrowDown" && view.hits && view.hits.length) {
        event.preventDefault();
        view.hitList.querySelector("button").focus();
      }
    });
    view.hitList.addEventListener("keydown", function (event) {
      var buttons = Array.prototype.slice.call(view.hitList.querySelectorAll("button"));
      var at = buttons.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < buttons.length) { event.preventDefault(); buttons[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (at ? buttons[at - 1] : view.searchInput).focus(); }
    });
  }

  /* Ids the script adds, and the focus targets, follow the fragment's id prefix (the same map
     twice never clashes). */
  function setUpDom(view) {
    var container = view.container, prefix = view.domPrefix;
    var height = container.getAttribute("data-argmap-height");
    if (height) {  // through the CSSOM: a style attribute would need 'unsafe-inline' under a CSP
      container.style.setProperty("--argmap-height", height);
      container.style.setProperty("--argmap-min-height", "0px");
    }
    container.classList.add("argmap-js");
    var keys = container.querySelector(".argmap-keys");
    keys.id = prefix + "keys";
    view.canvas.setAttribute("aria-describedby", keys.id);
    view.hitList.id = prefix + "hits";
    view.searchInput.setAttribute("aria-controls", view.hitList.id);
    var outline = container.querySelector(".argmap-outline");
    outline.id = prefix + "outline";
    container.querySelector("[data-action='outline']").setAttribute("aria-controls", outline.id);
    var legend = container.querySelector(".argmap-legend");
    if (legend && container.clientWidth < 600) legend.open = false;  // phones: keep the map in view
    // --color-by group|tag: the legend's swatches take the page data's colours through the CSSOM
    var swatches = container.querySelectorAll(".argmap-swatch[data-colour]");
    for (var i = 0; i < swatches.length; i++) {
      var colour = swatches[i].getAttribute("data-colour");
      if (/^#[0-9a-f]{6}$/i.test(colour)) swatches[i].style.background = colour;
    }
    var source = container.querySelector(".argmap-source");
    if (source) source.id = prefix + "source";
    var sourceButton = container.querySelector("[data-action='source']");
    if (sourceButton) sourceButton.setAttribute("aria-controls", prefix + "source");
    if (view.source) buildSource(view);
  }

  /* ---------- listeners ---------- */

  var EVENTS = ["ready", "select", "decorate", "nodeclick"];

  function emit(view, event, args) {
    view.listeners[event].forEach(function (fn) { fn.apply(null, args); });
  }

  function signalReady(view) {
    view.ready = true;
    view.container.setAttribute("data-argmap-ready", "1");
    emit(view, "ready", []);
    view.container.dispatchEvent(new CustomEvent("argmap:ready", { bubbles: true, detail: { view: view } }));
  }

  /* The page sends each vis-network style once (data.vis.styles) and per node or edge only what
     the claims and reasons do not say already (argmap/page/vis_styles.py): a node is a row
     [style, x, y] (a fourth element 1: hidden), in the order of the claims, then the reasons;
     the edges are each reason's own (premise -> reason -> conclusion), a reason sending
     [premise style, conclusion style]; a claim's label is its text. Rebuilt here into full
     items, each with its own copy of the style, before anything reads them. */
  function copyStyle(value) {
    if (Array.isArray(value)) return value.slice();
    if (value === null || typeof value !== "object") return value;
    var out = {};
    for (var k in value) out[k] = copyStyle(value[k]);
    return out;
  }

  function expandStyles(data) {
    var styles = data.vis.styles;
    if (!styles) return;
    var claims = data.claims, reasons = data.reasons;
    data.vis.nodes = data.vis.nodes.map(function (row, i) {
      var item = copyStyle(styles.nodes[row[0]]);
      var claim = i < claims.length ? claims[i] : null;
      item.id = claim ? claim.id : reasons[i - claims.length].id;
      item.x = row[1];
      item.y = row[2];
      if (row[3]) item.hidden = true;
      if (claim && item.label === undefined) item.label = claim.text;
      return item;
    });
    var edges = [];
    function edge(from, to, style) {
      var item = copyStyle(styles.edges[style]);
      item.from = from;
      item.to = to;
      edges.push(item);
    }
    reasons.forEach(function (r, i) {
      var row = data.vis.edges[i];
      r.premises.forEach(function (p) { edge(p, r.id, row[0]); });
      edge(r.id, r.conclusion, row[1]);
    });
    data.vis.edges = edges;
    delete data.vis.styles;
  }

  /* Each reason comes as a row [id, conclusion, premises, type?, {other fields}?], a missing
     type meaning support (render._reason_row): made the map's own objects again here. */
  function expandReasons(data) {
    data.reasons = data.reasons.map(function (row) {
      var reason = { id: row[0], conclusion: row[1], premises: row[2], type: row[3] || "support" };
      var rest = row[4] || {};
      for (var k in rest) reason[k] = rest[k];
      return reason;
    });
  }

  /* Each claim's text is sent once, in the outline (the reading without JavaScript): its item's
     span#argmap-[PREFIX-]o-ID, taken as text (textContent), never as HTML, before anything
     reads the claims. By id: a selector over a 50,000-claim outline costs a third of a second;
     the selector only when the id is not this map's (a host page that repeats a map's HTML). */
  function claimTexts(container, data) {
    var prefix = container.getAttribute("data-argmap-prefix");
    var anchor = "argmap-" + (prefix !== null ? prefix + "-" : "") + "o-";
    var missing = data.claims.filter(function (c) {
      if (c.text !== undefined) return false;
      var span = document.getElementById(anchor + c.id);
      if (!span || !container.contains(span)) return true;
      c.text = span.textContent;
      return false;
    });
    if (!missing.length) return;
    var texts = Object.create(null);  // claim ids are the map's words: no prototype to collide with
    var spans = container.querySelectorAll(".argmap-outline li[data-id] > span[id]");
    for (var i = 0; i < spans.length; i++) texts[spans[i].parentNode.getAttribute("data-id")] = spans[i].textContent;
    missing.forEach(function (c) { c.text = c.id in texts ? texts[c.id] : c.id; });
  }

  /* ---------- one map: every field made here, then drawn ---------- */

  function View(container) {
    var view = this;
    container.setAttribute("data-argmap-init", "1");
    var data = JSON.parse(container.querySelector("script.argmap-data").textContent);
    claimTexts(container, data);
    expandReasons(data);
    expandStyles(data);
    data.vis.edges.forEach(function (e, i) { e.id = "argmap-edge-" + i; });
    this.container = container;
    this.data = data;
    this.index = buildIndex(data);
    this.prefix = container.getAttribute("data-argmap-prefix");
    this.domPrefix = "argmap-" + (this.prefix !== null ? this.prefix : ++counter) + "-";
    this.selected = null;     // the selected claim or reason id
    this.hits = null;         // the claim ids the search matches, null when not searching
    this.pointed = null;      // the claim a host-page link points at while hovered or focused
    this.groupBands = [];     // the group bands as last measured (watchGroups), canvas units
    this.groupsLit = null;    // group ids holding a lit claim; null: nothing is dimmed
    this.bandsMeasured = 0;   // how often the bands were measured (they must not be every frame)
    this.foldCounts = {};     // folded reason id -> the claims beneath it (drawFoldCounts)
    this.foldLabels = [];     // the "+N" counts the last frame drew: {id, text, x, y, bottom} in canvas units
    this.ready = false;       // drawn once: the hash and the listeners may act on it
    this.ownsHash = false;    // the URL hash names this map's selection
    this.positions = {};      // node id -> {x, y} where it is drawn now
    this.folded = {};         // reason ids folded by the reader or the page data
    this.hidden = {};         // node ids out of the DataSet (beneath a fold)
    this.outlineLinked = false;  // the outline's claims are links into the map (linkOutline)
    this.applied = {};        // node id -> the style vis-network last got (changedOnly)
    this.start = (data.fold && data.fold.start) || null;  // id -> [x, y] of the compact layout drawn, null: the full one
    this.startBox = null;     // its claim boxes' widthConstraint.maximum, null: the page's own
    this.firstFold = -1;      // the index in data.fold.views of the first view drawn, -1: none (or left)
    this.nodeAt = {};         // node id -> its index in data.vis.nodes
    this.layout = -1;         // the layout drawn: -1 the page's own, else an index in data.narrow
    this.ownLayout = {};      // the page's own layout: id -> [x, y]
    this.ownBox = null;       // its claim boxes' widthConstraint.maximum
    this.ownExtent = null;    // its extent as drawn (canvas units), measured when first drawn
    this.ownMains = null;     // the window at its top that holds the mains (see mainsWindow)
    this.drawnSize = "";      // the canvas size the view was last opened for ("WxH")
    this.sizing = "";         // the canvas size a new layout is being drawn for
    this.fitStep = 0;         // 1: the map shows its readable top, Fit shows the whole next
    this.listeners = {};
    EVENTS.forEach(function (event) { view.listeners[event] = []; });
    this.canvas = container.querySelector(".argmap-canvas");
    this.panel = container.querySelector(".argmap-panel");
    this.panelBody = container.querySelector(".argmap-panel-body");
    this.panelEmpty = container.querySelector(".argmap-panel-empty");
    this.announce = container.querySelector(".argmap-announce");
    this.searchInput = container.querySelector(".argmap-search-input");
    this.searchStatus = container.querySelector(".argmap-search-status");
    this.hitList = container.querySelector(".argmap-hits");
    this.source = container.querySelector(".argmap-source");  // null: the map has no source text
    data.vis.nodes.forEach(function (n, i) {
      view.nodeAt[n.id] = i;
      view.positions[n.id] = { x: n.x, y: n.y };
      view.ownLayout[n.id] = [n.x, n.y];
      if (n.widthConstraint && view.index.claims[n.id]) view.ownBox = n.widthConstraint.maximum;
      if (n.hidden) view.hidden[n.id] = true;
    });
    ((data.fold && data.fold.folded) || []).forEach(function (id) { view.folded[id] = true; });
    setUpDom(this);
    var first = chooseFirstFold(this);  // a broad map opens on its top rows, folded for the box
    if (first >= 0) {
      foldAsFirstView(this, first);
      data.vis.nodes.forEach(function (n) { if (!view.start[n.id]) view.hidden[n.id] = true; });
    }
    var vis = window.argmap.vis;  // the vis-network bundle keeps to our namespace
    var shown = data.vis.nodes.filter(function (n) { return !view.hidden[n.id]; });
    this.nodes = new vis.DataSet(this.start ? shown.map(function (n) { return startCopy(view, n); }) : shown);
    this.edgesIn = {};        // edge ids in the edges DataSet: those between shown nodes (foldEdges)
    var edgesIn = data.vis.edges.filter(function (e) { return edgeShown(view, e); });
    edgesIn.forEach(function (e) { view.edgesIn[e.id] = true; });
    this.edges = new vis.DataSet(edgesIn);
    // every node carries its full style from the start, so later updates are symmetric; styled
    // while the DataSets have no network yet, vis-network measures each label once, not twice
    updateEmphasis(this);
    this.network = new vis.Network(this.canvas, { nodes: this.nodes, edges: this.edges },
                                   withMapOptions(data.vis.options));
    if (window.ResizeObserver) {  // the box changes with the outline, the panel, a host page's layout
      new ResizeObserver(function () { resize(view); }).observe(this.canvas);
    }
    watchGroups(this);
    this.network.on("afterDrawing", function (ctx) { drawFoldCounts(view, ctx); });
    wire(this);
    this.api = publicMap(this);
    this.network.once("afterDrawing", function () { firstView(view); });
  }

  /* Register fn for event (see EVENTS); "ready" after the map is ready runs fn at once. */
  View.prototype.on = function (event, fn) {
    if (!this.listeners[event]) throw new Error("argmap: unknown event '" + event + "' (one of " + EVENTS.join(", ") + ")");
    this.listeners[event].push(fn);
    if (event === "ready" && this.ready) fn();
    return this;
  };
  View.prototype.select = function (id) { select(this, id, { centre: true, history: "push" }); };
  View.prototype.restyle = function () { updateEmphasis(this); };
  /* Page coordinates of a node's centre (for tests and embedding pages). */
  View.prototype.clientPoint = function (id) {
    var p = this.network.canvasToDOM(this.network.getPositions([id])[id]);
    var box = this.canvas.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  };

  function firstView(view) {
    var boxes = measuredBoxes(view);
    view.ownExtent = extentOf(boxes);
    view.ownMains = mainsWindow(view, boxes);
    view.drawnSize = view.canvas.clientWidth + "x" + view.canvas.clientHeight;
    layOut(view, function () { openView(view, false); opened(view); });
  }

  function opened(view) {
    view.ready = true;
    var hash = idFromHash();
    if (hash && viewForHash(hash, window.history.state) === view) {
      var id = splitHash(hash).id;
      select(view, id);
      reveal(view);
      centre(view, id, false);
      view.ownsHash = true;
    }
    signalReady(view);
    whenIdle(function () { linkOutline(view); });
  }

  /* Work the first draw does not need, when the browser has nothing else to do. */
  function whenIdle(fn) {
    if (window.requestIdleCallback) window.requestIdleCallback(fn, { timeout: 1000 });
    else window.setTimeout(fn, 50);
  }

  /* ---------- the host page: window.argmap.maps and data-argmap-claim links ---------- */

  var maps = [];  // window.argmap.maps: the public face of every view, in document order

  /* What a host page may use of one map (docs/embedding.md). */
  function publicMap(view) {
    var map = {
      id: view.prefix !== null ? view.prefix : view.domPrefix.slice("argmap-".length, -1),
      network: view.network,
      /* Select a claim (or reason) and centre it; null clears. False when the map has no such id. */
      select: function (id) {
        if (id !== null && id !== undefined && !has(view, id)) return false;
        select(view, id || null, { centre: true, history: "push" });
        return true;
      },
      fit: function () { fit(view); },
      reset: function () { act(view, "reset"); },
      /* "select" fn(id, map) after every change of selection (id null: cleared);
         "ready" fn(map) once drawn, at once when the map is ready already. */
      on: function (event, fn) {
        if (event === "select") view.on("select", function (id) { fn(id, map); });
        else if (event === "ready") view.on("ready", function () { fn(map); });
        else throw new Error("argmap: unknown event '" + event + "' (one of select, ready)");
        return map;
      }
    };
    return map;
  }

  function documentOrder(a, b) {
    return a.container.compareDocumentPosition(b.container) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }

  function listMaps() {
    maps.length = 0;
    views.slice().sort(documentOrder).forEach(function (view) { maps.push(view.api); });
  }

  /* The view and claim a host element names: data-argmap-map (or its follow container's value)
     picks the map by id; else the map the element sits in; else the first map that has the claim. */
  function linkTarget(element) {
    var id = element.getAttribute("data-argmap-claim");
    if (!id) return null;
    var mapId = element.getAttribute("data-argmap-map");
    if (!mapId && element.closest) {
      var follow = element.closest("[data-argmap-follow]");
      if (follow) mapId = follow.getAttribute("data-argmap-follow");
    }
    var ordered = views.slice().sort(documentOrder);
    for (var i = 0; i < ordered.length; i++) {
      var view = ordered[i];
      if (!view.ready || !has(view, id)) continue;
      if (mapId ? view.api.id === mapId : (!element.closest || !element.closest(".argmap") ||
                                           view.container.contains(element))) {
        return { view: view, id: id };
      }
    }
    return null;
  }

  function linkAt(event) {
    var target = event.target;
    return target && target.closest ? target.closest("[data-argmap-claim]") : null;
  }

  function point(element) {
    views.forEach(function (view) {
      if (view.pointed === null) return;
      view.pointed = null;
      updateEmphasis(view);
    });
    var target = element && linkTarget(element);
    if (!target) return;
    target.view.pointed = target.id;
    updateEmphasis(target.view);
  }

  function onLinkClick(event) {
    var element = linkAt(event);
    if (!element || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
    var target = linkTarget(element);
    if (!target) return;
    event.preventDefault();  // an <a href="#map:claim"> fallback link: the script does its job
    select(target.view, target.id, { centre: true, history: "push" });
    if (!target.view.container.contains(element)) reveal(target.view);
  }

  /* Pointing at a link lights its claim; leaving it (for something that is not inside it) stops. */
  function onLinkEnter(event) { var element = linkAt(event); if (element) point(element); }
  function onLinkLeave(event) {
    var element = linkAt(event);
    if (element && !(event.relatedTarget && element.contains(event.relatedTarget))) point(null);
  }

  /* Scroll-linked reading: a marked paragraph of a [data-argmap-follow] container selects its
     claim when it crosses the reading line, a band just above the middle of the window. */
  function setUpFollow() {
    if (!window.IntersectionObserver) return;
    var containers = document.querySelectorAll("[data-argmap-follow]:not([data-argmap-following])");
    for (var i = 0; i < containers.length; i++) {
      containers[i].setAttribute("data-argmap-following", "1");
      var observer = new IntersectionObserver(onReadingLine, { rootMargin: "-40% 0px -50% 0px" });
      var marked = containers[i].querySelectorAll("[data-argmap-claim]");
      for (var j = 0; j < marked.length; j++) observer.observe(marked[j]);
    }
  }

  function onReadingLine(entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      var target = linkTarget(entry.target);
      // no history entry per paragraph, and the focus stays where the reader is
      if (target && target.view.selected !== target.id) select(target.view, target.id, { centre: true });
    });
  }

  document.addEventListener("click", onLinkClick);
  document.addEventListener("mouseover", onLinkEnter);
  document.addEventListener("mouseout", onLinkLeave);
  document.addEventListener("focusin", onLinkEnter);
  document.addEventListener("focusout", onLinkLeave);

  var viewWatchers = [];  // eachView: scripts that set up every view, now and later

  function eachView(fn) {
    viewWatchers.push(fn);
    views.forEach(function (view) { fn(view); });
  }

  function init() {
    var containers = document.querySelectorAll(".argmap[data-argmap]:not([data-argmap-init])");
    manyMaps = views.length + containers.length > 1;
    for (var i = 0; i < containers.length; i++) {
      var view = new View(containers[i]);
      views.push(view);
      viewWatchers.forEach(function (fn) { fn(view); });
    }
    listMaps();
    setUpFollow();
    return views;
  }

  window.addEventListener("popstate", function (event) { followLocation(event.state); });
  window.addEventListener("hashchange", function () { followLocation(window.history.state); });

  // other scripts (the what-if evaluation) may have put functions on the namespace first: keep them
  var namespace = window.argmap = window.argmap || {};
  namespace.init = init;
  namespace.views = views;
  namespace.eachView = eachView;
  namespace.maps = maps;
  namespace.dom = { el: el, clear: clear };  // shared with whatif.js
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  // follow containers after the last map's script: found once the whole page is parsed
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpFollow);
})();
