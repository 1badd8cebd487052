// Draws the report's charts from the JSON data blocks the page carries, so the page runs no
// inline script. Needs plotly.js loaded first. Without JavaScript the tables say it all.
(function () {
  "use strict";
  function draw() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var data = document.getElementById(box.getAttribute("data-chart"));
      if (!data) { return; }
      var figure = JSON.parse(data.textContent);
      window.Plotly.newPlot(box, figure.data, figure.layout, {displaylogo: false, responsive: true});
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
