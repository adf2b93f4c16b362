// Listening dashboard charts (Chart.js, vendored). The data comes from a JSON block on the
// page, so no inline script is needed (the Content-Security-Policy forbids them).
(function () {
  "use strict";
  var source = document.getElementById("listening-data");
  if (!source || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var Chart = window.Chart;
  var LANG_COLOURS = { tr: "#c0392b", es: "#d68910", en: "#2471a3", other: "#7f8c8d" };
  var SENTIMENT_COLOURS = { negative: "#c0392b", neutral: "#95a5a6", positive: "#27ae60" };
  var SEVERITY_COLOURS = { crisis: "#7b241c", high: "#c0392b", medium: "#d68910" };

  function label(iso) {  // "2026-01-05T14:00:00Z" -> "01-05 14:00"
    return iso.slice(5, 10) + " " + iso.slice(11, 16);
  }
  var labels = data.hours.map(label);
  var position = {};
  data.hours.forEach(function (iso, i) { position[iso] = i; });

  var volume = data.volume.map(function (series) {
    return {
      label: series.label, data: series.data, borderColor: LANG_COLOURS[series.lang] || "#555",
      backgroundColor: LANG_COLOURS[series.lang] || "#555", pointRadius: 0, borderWidth: 1.5, tension: 0.2
    };
  });
  var peaks = new Array(labels.length).fill(null);
  var peakColours = new Array(labels.length).fill("#000");
  data.alerts.forEach(function (alert) {
    var i = position[alert.at];
    if (i === undefined) { return; }
    var top = 0;
    data.volume.forEach(function (series) { top = Math.max(top, series.data[i]); });
    peaks[i] = top;
    peakColours[i] = SEVERITY_COLOURS[alert.severity] || "#000";
  });
  volume.push({
    label: data.text.alert, data: peaks, showLine: false, pointStyle: "triangle",
    pointRadius: 9, pointHoverRadius: 11, backgroundColor: peakColours, borderColor: peakColours
  });
  var common = {
    responsive: true, maintainAspectRatio: false, animation: false,
    interaction: { mode: "index", intersect: false },
    scales: { x: { ticks: { maxTicksLimit: 15, autoSkip: true } }, y: { beginAtZero: true } }
  };
  new Chart(document.getElementById("volume-chart"), {
    type: "line", data: { labels: labels, datasets: volume }, options: common
  });
  new Chart(document.getElementById("sentiment-chart"), {
    type: "line",
    data: {
      labels: labels,
      datasets: data.sentiment.map(function (series) {
        var colour = SENTIMENT_COLOURS[series.key];
        return {
          label: series.label, data: series.data, borderColor: colour, backgroundColor: colour,
          fill: true, pointRadius: 0, borderWidth: 1
        };
      })
    },
    options: Object.assign({}, common, {
      scales: { x: common.scales.x, y: { stacked: true, beginAtZero: true } }
    })
  });
  new Chart(document.getElementById("split-chart"), {
    type: "doughnut",
    data: {
      labels: data.split.labels,
      datasets: [{
        data: data.split.data,
        backgroundColor: [SENTIMENT_COLOURS.negative, SENTIMENT_COLOURS.neutral, SENTIMENT_COLOURS.positive]
      }]
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false }
  });
  document.body.dataset.chartsReady = "true";
}());
