// Draws the dashboard charts from the JSON the server embeds in #chart-data.
// No inline script: the page's Content-Security-Policy allows only this file.
(function () {
  "use strict";
  function draw() {
    var holder = document.getElementById("chart-data");
    if (!holder || typeof echarts === "undefined") return;
    var data = JSON.parse(holder.textContent);
    // One layout for both charts: legend on top, integer axis, a series per row.
    function chart(el, categories, names, kind, rows, extra) {
      if (!el) return;
      echarts.init(el).setOption({
        tooltip: { trigger: "axis" },
        legend: { data: names, top: 0 },
        grid: { left: 40, right: 20, top: 40, bottom: 30 },
        xAxis: { type: "category", data: categories },
        yAxis: { type: "value", minInterval: 1 },
        series: rows.map(function (row, i) {
          return Object.assign({ name: names[i], type: kind, data: row }, extra);
        })
      });
    }
    var t = data.trend, p = data.parks;
    if (t) chart(document.querySelector('[data-echarts="trend"]'), t.dates, t.names, "line", [t.internal, t.all, t.parks], { step: "end" });
    if (p) chart(document.querySelector('[data-echarts="parks"]'), p.kinds, p.names, "bar", [p.before, p.after], { label: { show: true, position: "top" } });
    // Any other chart the page embeds: {categories, names, rows, kind}.
    Object.keys(data).forEach(function (key) {
      var c = data[key];
      if (key === "trend" || key === "parks" || !c || !c.categories) return;
      chart(document.querySelector('[data-echarts="' + key + '"]'), c.categories, c.names, c.kind || "bar", c.rows, {});
    });
    window.addEventListener("resize", function () {
      document.querySelectorAll("[data-echarts]").forEach(function (el) {
        var c = echarts.getInstanceByDom(el);
        if (c) c.resize();
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
