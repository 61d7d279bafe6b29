/* Live counters on the entry form's language tabs. Progressive enhancement only: the server
 * renders each tab's "filled/total" count and enforces the lengths, so the form works without
 * this file. While typing, each tab's count follows its fields, and each multilingual field shows
 * how many of its allowed characters it uses (counted as the server counts: by code point). */
(function () {
  "use strict";
  var form = document.querySelector("form.entry-form");
  if (!form) { return; }

  function length(text) {
    return Array.from ? Array.from(text).length : text.length;
  }

  function panelFields(panel) {
    return Array.prototype.slice.call(panel.querySelectorAll("input, textarea"));
  }

  function updateTab(panel) {
    var code = panel.id.replace(/^panel-/, "");
    var count = form.querySelector("label[for='tab-" + code + "'] .tab-count");
    if (!count) { return; }
    var fields = panelFields(panel);
    var filled = fields.filter(function (field) { return field.value.trim() !== ""; }).length;
    count.textContent = filled + "/" + fields.length;
  }

  function addCharCounter(field) {
    var max = parseInt(field.getAttribute("maxlength"), 10);
    if (!max || !field.id) { return; }
    var counter = document.createElement("p");
    counter.className = "char-count";
    counter.id = field.id + "-chars";
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? described + " " + counter.id : counter.id);
    function update() {
      var used = length(field.value);
      counter.textContent = used + " / " + max;
      counter.classList.toggle("near-limit", used > max * 0.9);
    }
    field.addEventListener("input", update);
    update();
  }

  Array.prototype.forEach.call(form.querySelectorAll(".tab-panel"), function (panel) {
    panelFields(panel).forEach(function (field) {
      addCharCounter(field);
      field.addEventListener("input", function () { updateTab(panel); });
    });
    updateTab(panel);
  });
})();
