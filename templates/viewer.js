/* argmap viewer: draws every .argmap container on the page from its JSON data.
   Defines one global, window.argmap; map text reaches the DOM only as text. */
(function () {
  "use strict";
  if (window.argmap && window.argmap.init) { window.argmap.init(); return; }

  var OPTIONS = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 300, zoomSpeed: 0.6 },
    edges: { smooth: { type: "cubicBezier", forceDirection: "vertical", roundness: 0.45 } },
    nodes: { shape: "box" }
  };

  function signalReady(container) {
    container.setAttribute("data-argmap-ready", "1");
    container.dispatchEvent(new CustomEvent("argmap:ready", { bubbles: true }));
  }

  function draw(container) {
    container.setAttribute("data-argmap-init", "1");
    var data = JSON.parse(container.querySelector("script.argmap-data").textContent);
    var canvas = container.querySelector(".argmap-canvas");
    var network = new vis.Network(canvas, {
      nodes: new vis.DataSet(data.vis.nodes),
      edges: new vis.DataSet(data.vis.edges)
    }, OPTIONS);
    network.once("afterDrawing", function () { signalReady(container); });
    return { container: container, data: data, network: network };
  }

  var views = [];
  function init() {
    var containers = document.querySelectorAll(".argmap[data-argmap]:not([data-argmap-init])");
    for (var i = 0; i < containers.length; i++) views.push(draw(containers[i]));
    return views;
  }

  window.argmap = { init: init, views: views };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
