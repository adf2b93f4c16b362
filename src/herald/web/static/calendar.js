// Publishing calendar: drag a scheduled post onto another day to move it there.
// The drop fills the post's own "New time" form (same time of day, new date) and submits
// it, so the server-side rescheduling rules apply exactly as for the keyboard path.
(function () {
  "use strict";
  var calendar = document.getElementById("calendar");
  if (!calendar) { return; }
  var dragged = null;
  calendar.addEventListener("dragstart", function (event) {
    var entry = event.target.closest ? event.target.closest(".entry[draggable='true']") : null;
    if (!entry) { return; }
    dragged = entry;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", entry.getAttribute("data-post") || "");
  });
  calendar.addEventListener("dragend", function () {
    dragged = null;
    calendar.querySelectorAll(".drop-target").forEach(function (day) {
      day.classList.remove("drop-target");
    });
  });
  calendar.addEventListener("dragover", function (event) {
    var day = event.target.closest ? event.target.closest(".day") : null;
    if (!day || !dragged) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    calendar.querySelectorAll(".drop-target").forEach(function (other) {
      if (other !== day) { other.classList.remove("drop-target"); }
    });
    day.classList.add("drop-target");
  });
  calendar.addEventListener("drop", function (event) {
    var day = event.target.closest ? event.target.closest(".day") : null;
    if (!day || !dragged) { return; }
    event.preventDefault();
    var form = dragged.querySelector("form.reschedule");
    var input = form ? form.querySelector("input[name='at']") : null;
    if (!input) { return; }
    var time = (input.value.split("T")[1] || "09:00").slice(0, 5);
    var newValue = day.getAttribute("data-date") + "T" + time;
    if (newValue === input.value) { return; }
    input.value = newValue;
    form.submit();
  });
})();
