/* argmap evaluation: the labelling of argmap/evaluate.py in plain JS, for the viewer's "what if".
   window.argmap.evaluate(data, rejected, accepted) -> {claims: {id: label}, reasons: {id: label}}
   data is the page's JSON document (claims and reasons in the YAML format's field names);
   claim labels are "accepted", "rejected", "undecided"; reason labels "holds", "fails", "undecided".
   The rules and their sources are in docs/evaluation.md. Marks naming no claim are ignored, so an
   old shared link still opens. */
(function () {
  "use strict";
  var ns = window.argmap = window.argmap || {};

  // Three-valued truth as in Kleene's logic: true (in), false (out), null (undecided).
  function all(values) {
    var result = true;
    for (var i = 0; i < values.length; i++) {
      if (values[i] === false) return false;
      if (values[i] === null) result = null;
    }
    return result;
  }

  function any(values) {
    var result = false;
    for (var i = 0; i < values.length; i++) {
      if (values[i] === true) return true;
      if (values[i] === null) result = null;
    }
    return result;
  }

  function not(value) { return value === null ? null : !value; }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function asSet(ids) {
    var set = Object.create(null);
    (ids || []).forEach(function (id) { set[id] = true; });
    return set;
  }

  function compile(data) {
    var claims = (data.claims || []).map(function (c) { return c.id; });
    var reasons = data.reasons || [];
    var isClaim = asSet(claims);
    var premises = Object.create(null), supports = Object.create(null);
    var objections = Object.create(null), dependents = Object.create(null);
    claims.forEach(function (c) { supports[c] = []; objections[c] = []; dependents[c] = []; });
    reasons.forEach(function (r) {
      premises[r.id] = (r.premises || []).slice();
      objections[r.id] = [];
      dependents[r.id] = [];
    });
    // a contradiction between claims is a mutual attack: the reason is its premise's attack on
    // its conclusion, its twin (an id no map holds) the attack back; undercuts hit both
    var twin = Object.create(null);
    reasons.forEach(function (r) {
      if (r.type !== "contradiction" || !isClaim[r.conclusion]) return;
      var t = twin[r.id] = r.id + "\u0000twin";
      premises[t] = [r.conclusion];
      objections[t] = objections[r.id];  // the same list: an undercut of one is of both
      dependents[t] = [];
    });
    function link(id, target, attack) {
      if (!has(objections, target)) return;  // dangling: the loader reports it
      if (attack) objections[target].push(id);
      else if (isClaim[target]) supports[target].push(id);
      else return;  // support for a reason: the loader forbids it
      dependents[id].push(target);
      premises[id].forEach(function (p) { if (has(dependents, p)) dependents[p].push(id); });
    }
    reasons.forEach(function (r) {
      link(r.id, r.conclusion, r.type !== "support");
      if (twin[r.id] && premises[r.id].length) link(twin[r.id], premises[r.id][0], true);
    });
    Object.keys(twin).forEach(function (r) {
      objections[r].forEach(function (u) { dependents[u].push(twin[r]); });
    });
    return { claims: claims, reasons: reasons.map(function (r) { return r.id; }),
             twins: Object.keys(twin).map(function (r) { return twin[r]; }), twin: twin,
             isClaim: isClaim, premises: premises, supports: supports,
             objections: objections, dependents: dependents };
  }

  function evaluate(data, rejected, accepted) {
    var map = compile(data);
    var isRejected = asSet(rejected), isAccepted = asSet(accepted);
    var value = Object.create(null);
    var nodes = map.claims.concat(map.reasons, map.twins);
    nodes.forEach(function (n) { value[n] = null; });
    function valueOf(id) { return id in value ? value[id] : false; }

    function claimValue(c) {
      if (isRejected[c]) return false;
      if (isAccepted[c]) return true;
      var s = map.supports[c];
      var supported = s.length ? any(s.map(valueOf)) : true;
      return all([supported, not(any(map.objections[c].map(valueOf)))]);
    }

    function reasonValue(r) {
      return all([all(map.premises[r].map(valueOf)),
                  not(any(map.objections[r].map(valueOf)))]);
    }

    // Kleene iteration from all-undecided over a work queue: the least fixed point (grounded).
    var queue = nodes.slice(), queued = asSet(nodes), head = 0;
    while (head < queue.length) {
      var node = queue[head++];
      queued[node] = false;
      if (value[node] !== null) continue;
      var next = map.isClaim[node] ? claimValue(node) : reasonValue(node);
      if (next === null) continue;
      value[node] = next;
      map.dependents[node].forEach(function (d) {
        if (!queued[d] && value[d] === null) { queue.push(d); queued[d] = true; }
      });
    }

    var result = { claims: {}, reasons: {} };
    map.claims.forEach(function (c) {
      result.claims[c] = value[c] === true ? "accepted" : value[c] === false ? "rejected" : "undecided";
    });
    map.reasons.forEach(function (r) {
      // a contradiction holds when either direction of its attack holds
      var v = map.twin[r] ? any([value[r], value[map.twin[r]]]) : value[r];
      result.reasons[r] = v === true ? "holds" : v === false ? "fails" : "undecided";
    });
    return result;
  }

  ns.evaluate = evaluate;
})();
