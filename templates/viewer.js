/* argmap viewer: draws every .argmap container on the page from its JSON data and makes it explorable
   (details panel, chain highlighting, deep links, search, keyboard, outline toggle).
   Defines one global, window.argmap; all state lives in one view object per container, so several maps
   share a page independently. Map text reaches the DOM only through textContent, never as HTML.
   Hooks for other scripts on a view (window.argmap.views[i]): decorate(style, node, lit) restyles a node,
   restyle() redraws emphasis, onNodeClick(id) may take a click over, select(id) selects and centres,
   clientPoint(id) gives a node's page coordinates; events argmap:ready and argmap:select bubble. */
(function () {
  "use strict";
  if (window.argmap && window.argmap.init) { window.argmap.init(); return; }

  var DIM_OPACITY = 0.18;
  var SELECTED_BORDER = "#2563eb";
  var HIT_BORDER = "#d97706";
  var OPTIONS = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, zoomSpeed: 0.6, selectConnectedEdges: false, keyboard: false,
                   multiselect: false, navigationButtons: false },
    edges: { smooth: { type: "cubicBezier", forceDirection: "vertical", roundness: 0.45 }, chosen: false },
    nodes: { shape: "box", chosen: false }
  };
  var FOLDED_BORDER = "#111827";

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
    return { claims: claims, reasons: reasons, up: up, down: down, mains: mains, groups: groups };
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

  function describe(view, id) {
    var ix = view.index, head = "", tail = "", seen = Object.create(null);
    for (var depth = 0; ix.reasons[id] && !seen[id] && depth < DESCRIBE_DEPTH; depth++) {
      var r = ix.reasons[id];
      seen[id] = true;
      head += (r.label ? r.label + ": " : "") + (r.type === "objection" ? "Objection to" : "Reason for") + " \u201c";
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

  function updateEmphasis(view) {
    var lit = litSet(view);
    var searching = !view.selected && view.hits;
    var shown = view.data.vis.nodes.filter(function (n) { return !view.hidden[n.id]; });
    var nodes = shown.map(function (n) {
      var on = !lit || lit[n.id];
      var border = n.color.border, width = n.borderWidth;
      if (n.id === view.selected) { border = SELECTED_BORDER; width = 4; }
      else if (searching && on) { border = HIT_BORDER; width = 3; }
      else if (view.folded[n.id]) { border = FOLDED_BORDER; width = 4; }  // a dark ring: folded
      var font = {};
      for (var k in n.font) font[k] = n.font[k];
      if (!on) font.color = fade(n.font.color, 0.35);
      var style = { id: n.id, opacity: on ? 1 : DIM_OPACITY, borderWidth: width,
                    color: { background: n.color.background, border: border }, font: font };
      // extension point (the what-if mode recolours by label): view.decorate(style, node, lit)
      return view.decorate ? view.decorate(style, n, on) || style : style;
    });
    view.nodes.update(changedOnly(view, nodes));
    view.edges.update(changedOnly(view, view.data.vis.edges.filter(function (e) {
      return !view.hidden[e.from] && !view.hidden[e.to];
    }).map(function (e) {
      var on = !lit || (lit[e.from] && lit[e.to]);
      return { id: e.id, color: { color: e.color.color, opacity: on ? 1 : DIM_OPACITY } };
    })));
  }

  /* vis-network re-measures every item it is handed: hand it only those whose style changed
     since it last got one (a node that left the DataSet and came back is handed again). */
  function changedOnly(view, styles) {
    var applied = view.applied || (view.applied = {});
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
      var p = quote.appendChild(el("p"));
      p.appendChild(document.createTextNode(paragraph.slice(0, context.start)));
      p.appendChild(el("mark", null, paragraph.slice(context.start, context.end)));
      p.appendChild(document.createTextNode(paragraph.slice(context.end)));
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
      claim.group && ["argmap-badge-group", "Group: " + (ix.groups[claim.group] || claim.group)]
    ]));
    body.appendChild(el("h2", "argmap-panel-title", claim.text)).tabIndex = -1;
    if (claim.note) body.appendChild(el("p", "argmap-panel-note", claim.note));
    body.appendChild(quoteSection(view, claim));
    var usedBy = (ix.up[claim.id] || []).map(function (r) { return ix.reasons[r]; });
    var lists = [
      upList(view, "Supports \u2192", usedBy.filter(function (r) { return r.type !== "objection"; }), claim.id),
      upList(view, "Objects to \u2192", usedBy.filter(function (r) { return r.type === "objection"; }), claim.id),
      reasonList(view, "Supported by \u2190", reasonsInto(view, claim.id, "support"), "argmap-supported-by"),
      reasonList(view, "Objected to by", reasonsInto(view, claim.id, "objection"), "argmap-objected-by")
    ];
    lists.forEach(function (s) { if (s) body.appendChild(s); });
    if (!usedBy.length && !isMain) body.appendChild(el("p", "argmap-note", "This claim supports nothing else."));
  }

  function reasonsInto(view, id, type) {
    return (view.index.down[id] || []).map(function (r) { return view.index.reasons[r]; })
      .filter(function (r) { return r && (r.type === "objection") === (type === "objection"); });
  }

  /* What a claim supports (or objects to), naming co-premises it works together with. */
  function upList(view, title, reasons, self) {
    if (!reasons.length) return null;
    var s = section(title, title.indexOf("Supports") === 0 ? "argmap-supports" : "argmap-objects-to");
    var ul = s.appendChild(el("ul", "argmap-panel-list"));
    reasons.forEach(function (r) {
      var li = ul.appendChild(el("li"));
      li.appendChild(link(view, r.conclusion));
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
    var objection = reason.type === "objection";
    body.appendChild(factsLine([
      [objection ? "argmap-badge-objection" : "argmap-badge-support", objection ? "Objection" : "Reason"],
      reason.premises.length > 1 && ["argmap-badge-kind", "Linked: the premises work together"]
    ]));
    body.appendChild(el("h2", "argmap-panel-title", describe(view, reason.id))).tabIndex = -1;
    if (reason.note) body.appendChild(el("p", "argmap-panel-note", reason.note));
    var premises = section(reason.premises.length > 1 ? "Premises (together)" : "Premise", "argmap-premises");
    var ul = premises.appendChild(el("ul", "argmap-panel-list"));
    reason.premises.forEach(function (p) { ul.appendChild(el("li")).appendChild(link(view, p)); });
    body.appendChild(premises);
    var target = section(objection ? "Objects to \u2192" : "Conclusion \u2192", "argmap-conclusion");
    target.appendChild(el("ul", "argmap-panel-list")).appendChild(el("li")).appendChild(link(view, reason.conclusion));
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
     (folding.visible_nodes computes the first view the same way in Python). */
  function applyFolds(view) {
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
    if (add.length && view.compact) fullLayout(view);
    remove.forEach(function (n) { view.hidden[n.id] = true; });
    add = add.map(function (n) {
      delete view.hidden[n.id];
      if (view.applied) delete view.applied[n.id];  // back in the DataSet with its original style
      return shownCopy(n);
    });
    remove = remove.map(function (n) { return n.id; });
    if (remove.length) view.nodes.remove(remove);
    if (add.length) view.nodes.add(add);
    updateEmphasis(view);
  }

  /* A folded big map opens in a compact layout of what it shows (page data fold.start); the
     first unfolding moves every shown node to its place in the full layout. */
  function fullLayout(view) {
    view.compact = false;
    var moves = [];
    view.data.vis.nodes.forEach(function (n) {
      view.positions[n.id] = { x: n.x, y: n.y };
      if (!view.hidden[n.id]) moves.push({ id: n.id, x: n.x, y: n.y });
    });
    view.nodes.update(moves);
  }

  function startCopy(view, node) {
    var copy = shownCopy(node), at = view.data.fold.start[node.id];
    copy.x = at[0];
    copy.y = at[1];
    view.positions[node.id] = { x: at[0], y: at[1] };
    return copy;
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
    var wasCompact = view.compact;
    applyFolds(view);
    if (wasCompact && !view.compact) centre(view, id, false);  // the layout changed under the reader
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

  function centre(view, id, animate) {
    // close enough to read the box's text, without zooming out a reader who zoomed in
    var scale = Math.min(2, Math.max(view.network.getScale(), 1));
    var offset = { x: 0, y: 0 };
    if (panelIsSheet(view)) {  // narrow screens: centre in the part of the map the sheet leaves visible
      var canvas = view.canvas.getBoundingClientRect(), sheet = view.panel.getBoundingClientRect();
      var top = Math.max(canvas.top, 0), bottom = Math.min(canvas.bottom, sheet.top);
      if (bottom - top > 40) offset.y = (top + bottom) / 2 - (canvas.top + canvas.bottom) / 2;
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
      view.announce.textContent = id ? "Selected: " + describe(view, id) : "Selection cleared.";
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
    var row = view.data.vis.nodes.filter(function (n) {
      var p = positionOf(view, n.id);
      return n.id !== here && Math.abs(p.y - y) < 1 && (direction === "left" ? p.x < x : p.x > x);
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
    view.hits = view.data.claims.filter(function (c) {
      return normalise(c.text + " " + (c.quote || "") + " " + c.id).indexOf(query) >= 0;
    }).map(function (c) { return c.id; });
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

  /* ---------- view controls ---------- */

  function zoom(view, factor) {
    var scale = Math.min(4, Math.max(0.05, view.network.getScale() * factor));
    view.network.moveTo({ scale: scale, animation: animation() });
  }

  /* A big map fitted whole is too small to read: start instead at its main conclusion, at the top,
     close enough to read; Fit still shows the whole shape. */
  var READABLE_SCALE = 0.8;
  function startView(view) {
    var network = view.network, first = view.index.mains[0];
    if (!first || network.getScale() >= READABLE_SCALE * 0.7) return;
    var top = Infinity;
    view.data.vis.nodes.forEach(function (n) {
      if (!view.hidden[n.id]) top = Math.min(top, network.getBoundingBox(n.id).top);
    });
    var height = view.canvas.clientHeight;
    network.moveTo({ position: { x: view.positions[first].x, y: top + (height / 2 - 16) / READABLE_SCALE },
                     scale: READABLE_SCALE, animation: false });
  }

  function fit(view) { view.network.fit({ animation: animation() }); }

  function resize(view) {
    view.network.setSize("100%", "100%");
    view.network.redraw();
  }

  function toggleOutline(view, show) {
    var button = view.container.querySelector("[data-action='outline']");
    view.container.classList.toggle("argmap-show-outline", show);
    button.setAttribute("aria-expanded", show ? "true" : "false");
    resize(view);
  }

  function act(view, action) {
    if (action === "fit") fit(view);
    else if (action === "zoom-in") zoom(view, 1.25);
    else if (action === "zoom-out") zoom(view, 0.8);
    else if (action === "reset") { clearSearch(view); select(view, null, { history: "push" }); fit(view); }
    else if (action === "outline") {
      toggleOutline(view, !view.container.classList.contains("argmap-show-outline"));
    } else if (action === "fold" && view.selected) {
      setFolded(view, view.selected, !view.folded[view.selected]);
    } else if (action === "clear") {
      var inPanel = view.panel.contains(document.activeElement);
      select(view, null, { history: "push" });
      if (inPanel) view.canvas.focus();
    }
  }

  /* Outline claims become links that select in the map (plain #id links without the script). */
  function linkOutline(view) {
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
      // extension point: a mode (what-if) may take the click over; it returns true when it did
      if (id && view.onNodeClick && view.onNodeClick(id)) return;
      select(view, id || null, { history: "push" });
    });
    network.on("doubleClick", function (params) {  // double-click a reason: fold or unfold beneath it
      var id = params.nodes[0];
      if (id && view.index.reasons[id]) setFolded(view, id, !view.folded[id]);
    });
    network.on("hoverNode", function () { view.canvas.style.cursor = "pointer"; });
    network.on("blurNode", function () { view.canvas.style.cursor = ""; });

    container.addEventListener("click", function (event) {
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

  function setUpDom(view) {
    var container = view.container;
    // the ids the script adds follow the fragment's id prefix (the same map twice never clashes)
    var prefix = "argmap-" + (view.prefix !== null ? view.prefix : ++counter) + "-";
    var height = container.getAttribute("data-argmap-height");
    if (height) {  // through the CSSOM: a style attribute would need 'unsafe-inline' under a CSP
      container.style.setProperty("--argmap-height", height);
      container.style.setProperty("--argmap-min-height", "0px");
    }
    container.classList.add("argmap-js");
    view.canvas = container.querySelector(".argmap-canvas");
    view.panel = container.querySelector(".argmap-panel");
    view.panelBody = container.querySelector(".argmap-panel-body");
    view.panelEmpty = container.querySelector(".argmap-panel-empty");
    view.announce = container.querySelector(".argmap-announce");
    view.searchInput = container.querySelector(".argmap-search-input");
    view.searchStatus = container.querySelector(".argmap-search-status");
    view.hitList = container.querySelector(".argmap-hits");
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
    linkOutline(view);
  }

  function signalReady(view) {
    view.ready = true;
    view.container.setAttribute("data-argmap-ready", "1");
    view.container.dispatchEvent(new CustomEvent("argmap:ready", { bubbles: true, detail: { view: view } }));
  }

  /* The page sends each vis-network style once (data.vis.styles) and per node or edge only what
     differs (argmap/page/vis_styles.py); a claim's label is its text. Rebuilt here into full
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
    var texts = {};
    data.claims.forEach(function (c) { texts[c.id] = c.text; });
    function expand(items, table, labelled) {
      return items.map(function (own) {
        var item = copyStyle(table[own.style]);
        for (var k in own) if (k !== "style") item[k] = own[k];
        if (labelled && item.label === undefined && texts[item.id] !== undefined) item.label = texts[item.id];
        return item;
      });
    }
    data.vis.nodes = expand(data.vis.nodes, styles.nodes, true);
    data.vis.edges = expand(data.vis.edges, styles.edges, false);
    delete data.vis.styles;
  }

  function draw(container) {
    container.setAttribute("data-argmap-init", "1");
    var data = JSON.parse(container.querySelector("script.argmap-data").textContent);
    expandStyles(data);
    data.vis.edges.forEach(function (e, i) { e.id = "argmap-edge-" + i; });
    var view = {
      container: container, data: data, index: buildIndex(data), selected: null, hits: null,
      ready: false, ownsHash: false, positions: {}, folded: {}, hidden: {},
      prefix: container.getAttribute("data-argmap-prefix"),
      select: function (id) { select(view, id, { centre: true, history: "push" }); },
      restyle: function () { updateEmphasis(view); },
      /* Page coordinates of a node's centre (for tests and embedding pages). */
      clientPoint: function (id) {
        var p = view.network.canvasToDOM(view.network.getPositions([id])[id]);
        var box = view.canvas.getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
      }
    };
    data.vis.nodes.forEach(function (n) { view.positions[n.id] = { x: n.x, y: n.y }; });
    ((data.fold && data.fold.folded) || []).forEach(function (id) { view.folded[id] = true; });
    data.vis.nodes.forEach(function (n) { if (n.hidden) view.hidden[n.id] = true; });
    setUpDom(view);
    var vis = window.argmap.vis;  // the vis-network bundle keeps to our namespace
    var shown = data.vis.nodes.filter(function (n) { return !view.hidden[n.id]; });
    view.compact = !!(data.fold && data.fold.start);
    view.nodes = new vis.DataSet(view.compact ? shown.map(function (n) { return startCopy(view, n); }) : shown);
    view.edges = new vis.DataSet(data.vis.edges);
    // every node carries its full style from the start, so later updates are symmetric; styled
    // while the DataSets have no network yet, vis-network measures each label once, not twice
    updateEmphasis(view);
    view.network = new vis.Network(view.canvas, { nodes: view.nodes, edges: view.edges },
                                   withMapOptions(data.vis.options));
    if (window.ResizeObserver) {  // the box changes with the outline, the panel, a host page's layout
      new ResizeObserver(function () { resize(view); }).observe(view.canvas);
    }
    wire(view);
    view.network.once("afterDrawing", function () {
      view.ready = true;
      startView(view);
      var hash = idFromHash();
      if (hash && viewForHash(hash, window.history.state) === view) {
        var id = splitHash(hash).id;
        select(view, id);
        reveal(view);
        centre(view, id, false);
        view.ownsHash = true;
      }
      signalReady(view);
    });
    return view;
  }

  function init() {
    var containers = document.querySelectorAll(".argmap[data-argmap]:not([data-argmap-init])");
    manyMaps = views.length + containers.length > 1;
    for (var i = 0; i < containers.length; i++) views.push(draw(containers[i]));
    return views;
  }

  window.addEventListener("popstate", function (event) { followLocation(event.state); });
  window.addEventListener("hashchange", function () { followLocation(window.history.state); });

  // other scripts (the what-if evaluation) may have put functions on the namespace first: keep them
  var namespace = window.argmap = window.argmap || {};
  namespace.init = init;
  namespace.views = views;
  namespace.dom = { el: el, clear: clear };  // shared with whatif.js
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
