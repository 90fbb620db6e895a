// Draws the dashboard charts from the JSON the server embeds in #chart-data.
// No inline script: the page's Content-Security-Policy allows only this file.
(function () {
  "use strict";
  function draw() {
    var holder = document.getElementById("chart-data");
    if (!holder || typeof echarts === "undefined") return;
    var data = JSON.parse(holder.textContent);
    var trendEl = document.querySelector('[data-echarts="trend"]');
    if (trendEl && data.trend) {
      var t = data.trend;
      echarts.init(trendEl).setOption({
        tooltip: { trigger: "axis" },
        legend: { data: t.names, top: 0 },
        grid: { left: 40, right: 20, top: 40, bottom: 30 },
        xAxis: { type: "category", data: t.dates },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: t.names[0], type: "line", step: "end", data: t.internal },
          { name: t.names[1], type: "line", step: "end", data: t.all },
          { name: t.names[2], type: "line", step: "end", data: t.parks }
        ]
      });
    }
    var parksEl = document.querySelector('[data-echarts="parks"]');
    if (parksEl && data.parks) {
      var p = data.parks;
      echarts.init(parksEl).setOption({
        tooltip: { trigger: "axis" },
        legend: { data: p.names, top: 0 },
        grid: { left: 40, right: 20, top: 40, bottom: 30 },
        xAxis: { type: "category", data: p.kinds },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: p.names[0], type: "bar", data: p.before, label: { show: true, position: "top" } },
          { name: p.names[1], type: "bar", data: p.after, label: { show: true, position: "top" } }
        ]
      });
    }
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
