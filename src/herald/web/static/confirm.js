// Destructive actions ask once more: a form or button with data-confirm="question" is
// submitted only after the person says yes. Without JavaScript the action still works;
// the people page asks on the server instead.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question =
    (button && button.dataset && button.dataset.confirm) ||
    (event.target && event.target.dataset && event.target.dataset.confirm);
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
