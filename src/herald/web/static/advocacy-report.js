// The advocacy participation chart: data from the page's JSON island (no inline script).
(function () {
  "use strict";
  var data = document.getElementById("advocacy-data");
  var canvas = document.getElementById("advocacy-days");
  if (!data || !canvas || typeof Chart === "undefined") {
    return;
  }
  var chart = JSON.parse(data.textContent);
  var labels = JSON.parse(document.getElementById("advocacy-labels").textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: chart.days,
      datasets: [{ label: labels.shares, data: chart.shares, backgroundColor: "#2f6f9f" }],
    },
    options: {
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
    },
  });
  canvas.dataset.ready = "1";
})();
