/* argmap "what if": the reader rejects claims and sees what still stands and what falls.
   Works on the views of viewer.js through their listener lists (view.on "ready", "decorate",
   "nodeclick", "select"; view.restyle) and labels with window.argmap.evaluate (evaluate.js); its
   own state per view is one WhatIf, made by its constructor.
   The rejected claims are kept in the URL (?reject=id,id) so a reader can share the question.
   Map text reaches the DOM only through textContent. */
(function () {
  "use strict";
  var ns = window.argmap = window.argmap || {};
  if (ns.whatIf) return;  // two fragments on one page: one copy serves every view

  var PARAM = "reject";
  var LABELS = {
    accepted: { mark: "\u2713 accepted", background: "#dcfce7", border: "#15803d" },
    rejected: { mark: "\u2717 rejected", background: "#fee2e2", border: "#b91c1c" },
    undecided: { mark: "? undecided", background: "#fef3c7", border: "#b45309" }
  };
  var REASON_COLOURS = { fails: "#9ca3af", undecided: "#d97706" };
  var counter = 0;
  var modes = [];  // one WhatIf per view, in the order the views were set up

  var el = ns.dom.el, clear = ns.dom.clear;  // viewer.js runs first and shares its DOM helpers

  /* The what-if state of one view: made whole here, never extended later. */
  function WhatIf(view, button, bar) {
    var known = idsInUrl().filter(function (id) { return view.index.claims[id]; });
    this.view = view;
    this.on = known.length > 0;   // the mode is on (the URL's rejections turn it on)
    this.rejected = known;        // claim ids the reader rejected, in the order rejected
    this.button = button;
    this.bar = bar;
    // the labels with nothing rejected: evaluated when the mode first goes on, not while the
    // map opens (evaluating a 50,000-claim map is half a second the first view does not need)
    this.base = null;
    this.result = null;           // the labels now (relabel)
    this.fallen = [];             // claims accepted in base that no longer are
  }

  function stateOf(view) {
    for (var i = 0; i < modes.length; i++) if (modes[i].view === view) return modes[i];
    return null;
  }

  /* ---------- the URL ---------- */

  function idsInUrl() {
    var value = new URLSearchParams(window.location.search).get(PARAM);
    return value ? value.split(",").filter(Boolean) : [];
  }

  function writeUrl() {
    var ids = [];
    modes.forEach(function (state) {
      if (state.on) state.rejected.forEach(function (id) { if (ids.indexOf(id) < 0) ids.push(id); });
    });
    var params = new URLSearchParams(window.location.search);
    if (ids.length) params.set(PARAM, ids.join(","));
    else params.delete(PARAM);
    var search = params.toString().replace(/%2C/gi, ",");  // ids never contain commas
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    try { window.history.replaceState(window.history.state, "", url); } catch (e) { /* sandboxed frame */ }
  }

  /* ---------- labels and what fell ---------- */

  function relabel(view) {
    var state = stateOf(view);
    if (!state.on) {  // nothing shows labels: decorate, the bar and the outline ask only when on
      state.result = null;
      state.fallen = [];
      return;
    }
    if (!state.base) state.base = ns.evaluate(view.data, [], []);
    state.result = ns.evaluate(view.data, state.rejected, []);
    var mains = view.index.mains;
    // fallen: accepted with no marks, not accepted now, and not rejected by the reader directly
    state.fallen = view.data.claims.map(function (c) { return c.id; }).filter(function (id) {
      return state.base.claims[id] === "accepted" && state.result.claims[id] !== "accepted" &&
        state.rejected.indexOf(id) < 0;
    }).sort(function (a, b) { return (mains.indexOf(a) < 0) - (mains.indexOf(b) < 0); });
  }

  function decorate(view, style, node) {
    var state = stateOf(view), original = node.label;
    style.label = original;
    if (!state.on) return style;
    var claim = view.index.claims[node.id];
    if (claim) {
      var label = state.result.claims[node.id];
      var look = LABELS[label];
      var mine = state.rejected.indexOf(node.id) >= 0;
      style.label = look.mark + (mine ? " (by you)" : "") + "\n" + original;
      // the viewer's selection border stays: it says where the reader is
      style.color = { background: look.background,
                      border: node.id === view.selected ? style.color.border : look.border };
      style.borderWidth = Math.max(style.borderWidth || 1, label === "accepted" ? 2 : 3);
    } else if (REASON_COLOURS[state.result.reasons[node.id]]) {
      var colour = REASON_COLOURS[state.result.reasons[node.id]];
      style.color = { background: colour, border: colour };
    }
    return style;
  }

  /* ---------- the what-if bar ---------- */

  function claimText(view, id) { return view.index.claims[id].text; }

  function renderBar(view) {
    var state = stateOf(view), bar = state.bar;
    state.button.setAttribute("aria-pressed", state.on ? "true" : "false");
    view.container.classList.toggle("argmap-whatif-on", state.on);
    bar.hidden = !state.on;
    clear(bar);
    if (!state.on) return;
    // three columns side by side on a wide screen, so the bar stays low and the map in view
    var intro = bar.appendChild(el("div", "argmap-whatif-intro"));
    intro.appendChild(el("h2", "argmap-whatif-title", "What if?"));
    intro.appendChild(el("p", "argmap-whatif-help",
      "Click a claim to reject it (again to take it back). Every claim is relabelled " +
      "by the rules in the map's evaluation."));
    var actions = intro.appendChild(el("p", "argmap-whatif-actions"));
    var reset = actions.appendChild(el("button", "argmap-button", "Take all back"));
    reset.type = "button";
    reset.setAttribute("data-whatif-action", "clear");
    reset.disabled = !state.rejected.length;
    var leave = actions.appendChild(el("button", "argmap-button", "Leave what-if"));
    leave.type = "button";
    leave.setAttribute("data-whatif-action", "leave");
    var key = intro.appendChild(el("ul", "argmap-whatif-key"));
    ["accepted", "rejected", "undecided"].forEach(function (label) {
      var li = key.appendChild(el("li"));
      var swatch = li.appendChild(el("span", "argmap-whatif-swatch"));
      swatch.style.background = LABELS[label].background;
      swatch.style.borderColor = LABELS[label].border;
      swatch.setAttribute("aria-hidden", "true");
      li.appendChild(document.createTextNode(LABELS[label].mark));
    });

    var rejected = bar.appendChild(el("div", "argmap-whatif-rejected"));
    rejected.appendChild(el("h3", null, "Rejected by you"));
    if (!state.rejected.length) rejected.appendChild(el("p", "argmap-note", "Nothing yet."));
    var chips = rejected.appendChild(el("ul", "argmap-whatif-chips"));
    state.rejected.forEach(function (id) {
      var button = chips.appendChild(el("li")).appendChild(el("button", "argmap-whatif-chip"));
      button.type = "button";
      button.setAttribute("data-whatif-toggle", id);
      button.appendChild(el("span", null, claimText(view, id)));
      button.appendChild(el("span", "argmap-whatif-undo", " \u2014 take back"));
    });

    var falls = bar.appendChild(el("div", "argmap-whatif-falls"));
    falls.appendChild(el("h3", null, "What falls"));
    if (!state.rejected.length) {
      falls.appendChild(el("p", "argmap-note", "Reject a claim to see what falls with it."));
    } else if (!state.fallen.length) {
      falls.appendChild(el("p", "argmap-note", "Nothing else falls: every other claim still stands."));
    } else {
      var list = falls.appendChild(el("ul", "argmap-whatif-fallen"));
      state.fallen.forEach(function (id) {
        var li = list.appendChild(el("li"));
        li.setAttribute("data-whatif-fallen", id);
        var a = li.appendChild(el("a", "argmap-link", claimText(view, id)));
        a.href = "#" + encodeURIComponent(id);
        a.setAttribute("data-argmap-id", id);
        var main = view.index.mains.indexOf(id) >= 0 ? "main conclusion, " : "";
        li.appendChild(el("span", "argmap-note", " (" + main + "now " + state.result.claims[id] + ")"));
      });
    }
  }

  /* A text label beside every claim of the outline, so the labels are readable without the picture. */
  function markOutline(view) {
    var state = stateOf(view);
    var old = view.container.querySelectorAll(".argmap-outline .argmap-whatif-tag");
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    if (!state.on) return;
    var items = view.container.querySelectorAll(".argmap-outline li[data-id]");
    for (var j = 0; j < items.length; j++) {
      var label = state.result.claims[items[j].getAttribute("data-id")];
      if (label) items[j].insertBefore(el("span", "argmap-whatif-tag argmap-whatif-" + label,
                                          "[" + LABELS[label].mark + "] "), items[j].firstChild);
    }
  }

  function panelButton(view) {
    var id = view.selected, body = view.panelBody;
    var old = body.querySelector(".argmap-whatif-panel");
    if (old) old.parentNode.removeChild(old);
    if (!id || !view.index.claims[id]) return;
    var state = stateOf(view), mine = state.on && state.rejected.indexOf(id) >= 0;
    var p = el("p", "argmap-whatif-panel");
    if (state.on) p.appendChild(el("span", "argmap-badge", "What if: " + LABELS[state.result.claims[id]].mark + " "));
    var button = p.appendChild(el("button", "argmap-button",
      mine ? "Take back: accept this claim again" : "What if I reject this claim?"));
    button.type = "button";
    button.setAttribute("data-whatif-toggle", id);
    var title = body.querySelector(".argmap-panel-title");
    body.insertBefore(p, title ? title.nextSibling : body.firstChild);
  }

  function refresh(view, announce) {
    var bar = stateOf(view).bar, hadFocus = bar.contains(document.activeElement);
    relabel(view);
    view.restyle();
    renderBar(view);
    if (hadFocus && !bar.hidden) {  // the button pressed was rebuilt: keep keyboard focus in the bar
      var title = bar.querySelector(".argmap-whatif-title");
      title.tabIndex = -1;
      title.focus();
    }
    markOutline(view);
    panelButton(view);
    writeUrl();
    if (announce && view.announce) {
      var state = stateOf(view), mains = state.fallen.filter(function (id) { return view.index.mains.indexOf(id) >= 0; });
      view.announce.textContent = announce + " " + (state.fallen.length
        ? state.fallen.length + (state.fallen.length === 1 ? " claim falls" : " claims fall") +
          (mains.length ? ", including the main conclusion." : ".")
        : "Nothing else falls.");
    }
  }

  /* ---------- what the reader does ---------- */

  function setMode(view, on) {
    var state = stateOf(view);
    state.on = on;
    if (!on) state.rejected = [];
    refresh(view, on ? "What-if mode on." : "What-if mode off.");
  }

  function toggle(view, id) {
    var state = stateOf(view);
    if (!view.index.claims[id]) return;
    if (!state.on) state.on = true;
    var at = state.rejected.indexOf(id);
    if (at >= 0) state.rejected.splice(at, 1);
    else state.rejected.push(id);
    refresh(view, (at >= 0 ? "Taken back: " : "Rejected: ") + claimText(view, id) + ".");
  }

  function setUp(view) {
    if (stateOf(view)) return;
    var container = view.container;
    var button = el("button", "argmap-button argmap-whatif-button", "What if\u2026");
    button.type = "button";
    button.title = "Reject claims and see what falls";
    button.setAttribute("aria-pressed", "false");
    var buttons = container.querySelector(".argmap-buttons") || container;
    buttons.appendChild(button);
    var bar = el("section", "argmap-whatif");
    bar.setAttribute("aria-label", "What if");
    bar.hidden = true;
    var controls = container.querySelector(".argmap-controls");
    if (controls && controls.parentNode) controls.parentNode.insertBefore(bar, controls.nextSibling);
    else container.appendChild(bar);
    bar.id = "argmap-whatif-" + (++counter);
    button.setAttribute("aria-controls", bar.id);

    modes.push(new WhatIf(view, button, bar));
    view.on("decorate", function (style, node) { return decorate(view, style, node); });
    view.on("nodeclick", function (id) {
      if (!stateOf(view).on || !view.index.claims[id]) return false;
      toggle(view, id);
      return true;  // in what-if mode a click on a claim rejects it instead of selecting it
    });
    view.on("select", function () { panelButton(view); });

    button.addEventListener("click", function () { setMode(view, !stateOf(view).on); });
    container.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("[data-whatif-toggle],[data-whatif-action]") : null;
      if (!target || !container.contains(target)) return;
      event.preventDefault();
      var id = target.getAttribute("data-whatif-toggle");
      if (id) { toggle(view, id); return; }
      var action = target.getAttribute("data-whatif-action");
      if (action === "clear") { stateOf(view).rejected = []; refresh(view, "Everything taken back."); }
      else if (action === "leave") { setMode(view, false); button.focus(); }
    });
    // off (no rejections in the URL), the map is drawn as it is: nothing to relabel or restyle
    if (stateOf(view).on) refresh(view);
    else panelButton(view);
  }

  ns.whatIf = { setUp: setUp, toggle: toggle, setMode: setMode };
  // every view, drawn before this script ran or after, once it is ready
  ns.eachView(function (view) { view.on("ready", function () { setUp(view); }); });
})();
