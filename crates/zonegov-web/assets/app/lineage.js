// Draws each reform's lineage as a Sankey chart from the JSON API
// (/api/v1/reforms/{change}/lineage). No inline script: the page's CSP allows
// only same-origin files and requests.
(function () {
  "use strict";
  function draw() {
    var src = document.getElementById("lineage-source");
    if (!src || typeof echarts === "undefined") return;
    var en = src.getAttribute("data-lang") === "en";
    fetch(src.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (flows) {
        flows.forEach(function (f, i) {
          var el = document.querySelector('[data-sankey="' + i + '"]');
          if (!el) return;
          var label = {};
          f.nodes.forEach(function (n) { label[n.id] = en ? n.label.en || n.label.zh : n.label.zh; });
          echarts.init(el).setOption({
            tooltip: {
              trigger: "item",
              formatter: function (p) {
                if (p.dataType === "edge") return label[p.data.source] + " → " + label[p.data.target] + " (" + p.data.relation + ")";
                return label[p.name];
              }
            },
            series: [{
              type: "sankey",
              layoutIterations: 0,
              nodeGap: 4,
              emphasis: { focus: "adjacency" },
              label: { formatter: function (p) { return label[p.name]; }, fontSize: 11 },
              data: f.nodes.map(function (n) { return { name: n.id, depth: n.side }; }),
              links: f.links.map(function (l) {
                return { source: l.source, target: l.target, value: l.value, relation: l.relation };
              })
            }]
          });
        });
      });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
