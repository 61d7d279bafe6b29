/* Suggestions while typing, for the search box (input#q). Progressive enhancement only: the search
 * is a plain GET form that works without this file. Completions fill the input's <datalist>, so the
 * browser's own accessible list shows them (keyboard, screen readers, touch) with no custom widget. */
(function () {
  "use strict";
  var input = document.getElementById("q");
  var form = input && input.form;
  if (!input || !form || !window.fetch) { return; }
  var list = document.createElement("datalist");
  list.id = "q-suggestions";
  input.insertAdjacentElement("afterend", list);
  input.setAttribute("list", list.id);
  var endpoint = form.getAttribute("data-suggest");
  var timer = null;
  var last = "";
  var controller = null;

  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.text;
      if (item.lang) { option.lang = item.lang; }
      list.appendChild(option);
    });
  }

  function fetchSuggestions() {
    var text = input.value.trim();
    if (text === last) { return; }
    last = text;
    if (!text) { show([]); return; }
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    fetch(endpoint + "?q=" + encodeURIComponent(text), {
      headers: { "Accept": "application/json" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(show)
      .catch(function () { /* offline or aborted: the form still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 150);
  });
}());
