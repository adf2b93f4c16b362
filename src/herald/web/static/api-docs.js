// Starts the vendored Swagger UI on the page's spec URL (kept out of the HTML: the CSP forbids inline scripts).
(function () {
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.getAttribute("data-spec-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
  });
})();
