// The composer: checks the draft while it is typed and explains each finding in place.
// Offsets from the API count Unicode code points, so text is handled as code-point arrays.
(function () {
  "use strict";
  var form = document.getElementById("composer");
  if (!form) { return; }
  var textarea = document.getElementById("text");
  var langSelect = document.getElementById("lang");
  var statusLine = document.getElementById("status");
  var marked = document.getElementById("highlights");
  var list = document.getElementById("findings");
  var previews = document.getElementById("previews");
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var msg = form.dataset;
  var timer = null;
  var sequence = 0;
  var lastFindings = [];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function severityLabel(severity) {
    return msg["msgSeverity" + severity.charAt(0).toUpperCase() + severity.slice(1)] || severity;
  }

  function renderMarked(text, findings) {
    var chars = Array.from(text);
    marked.textContent = "";
    var spans = findings.slice().sort(function (a, b) { return a.start - b.start; });
    var at = 0;
    spans.forEach(function (finding, index) {
      if (finding.start < at) { return; }  // overlapping: the earlier one is already marked
      marked.appendChild(document.createTextNode(chars.slice(at, finding.start).join("")));
      var mark = el("mark", "sev-" + finding.severity, chars.slice(finding.start, finding.end).join(""));
      mark.title = finding.message;
      mark.dataset.rule = finding.rule_id;
      mark.id = "mark-" + index;
      marked.appendChild(mark);
      at = finding.end;
    });
    marked.appendChild(document.createTextNode(chars.slice(at).join("")));
  }

  function applyFix(finding) {
    var chars = Array.from(textarea.value);
    var before = chars.slice(0, finding.start).join("");
    var after = chars.slice(finding.end).join("");
    textarea.value = before + finding.fix + after;
    var caret = before.length + finding.fix.length;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
    check();
  }

  function renderFindings(findings) {
    list.textContent = "";
    findings.forEach(function (finding) {
      var item = el("li", "finding sev-" + finding.severity);
      item.dataset.rule = finding.rule_id;
      var head = el("p", "finding-head");
      head.appendChild(el("span", "badge sev-" + finding.severity, severityLabel(finding.severity)));
      head.appendChild(el("q", "matched", finding.text));
      item.appendChild(head);
      item.appendChild(el("p", "finding-message", finding.message));
      if (finding.clause) {
        item.appendChild(el("p", "clause", msg.msgClause + ": " + finding.clause));
      }
      if (finding.fix !== undefined && finding.fix !== null) {
        var button = el("button", "fix secondary",
          finding.fix === "" ? msg.msgDelete : msg.msgFix + ": " + finding.fix);
        button.type = "button";
        button.addEventListener("click", function () { applyFix(finding); });
        item.appendChild(button);
      }
      list.appendChild(item);
    });
  }

  function renderPreviews() {
    var boxes = form.querySelectorAll('input[name="account_ids"]:checked');
    var length = Array.from(textarea.value).length;
    previews.textContent = "";
    boxes.forEach(function (box) {
      var limit = parseInt(box.dataset.limit, 10);
      var card = el("article", "preview" + (length > limit ? " over" : ""));
      card.dataset.network = box.dataset.network;
      card.appendChild(el("h3", null, box.dataset.name + " · " + box.dataset.handle));
      card.appendChild(el("p", "preview-text", textarea.value));
      var count = el("p", "count", length + " / " + limit);
      if (length > limit) { count.textContent += " · " + msg.msgOver; }
      card.appendChild(count);
      previews.appendChild(card);
    });
  }

  function check() {
    renderPreviews();
    var text = textarea.value;
    if (!text.trim()) {
      statusLine.textContent = "";
      renderFindings([]);
      renderMarked("", []);
      return;
    }
    var mine = ++sequence;
    statusLine.textContent = msg.msgChecking;
    fetch(form.dataset.scanUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ text: text, lang: langSelect.value || null, message_lang: msg.uiLang })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (mine !== sequence) { return; }  // a newer check is on its way
      if (!answer.ok) {
        statusLine.textContent = msg.msgError + " " + ((answer.body.error || {}).message || "");
        return;
      }
      lastFindings = answer.body.findings;
      renderMarked(text, lastFindings);
      renderFindings(lastFindings);
      statusLine.textContent = lastFindings.length
        ? msg.msgFound + ": " + lastFindings.length
        : msg.msgClean;
      form.dataset.verdict = answer.body.verdict;
    }).catch(function () {
      if (mine === sequence) { statusLine.textContent = msg.msgError; }
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  }

  textarea.addEventListener("input", schedule);
  langSelect.addEventListener("change", check);
  form.querySelectorAll('input[name="account_ids"]').forEach(function (box) {
    box.addEventListener("change", renderPreviews);
  });
  check();
}());
