// Title suggestions for the search box, following the WAI-ARIA 1.2 combobox pattern
// (list autocomplete): arrows move through the options, Enter opens one, Escape closes.
// Loaded as a file because the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  if (!input) { return; }
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var status = document.getElementById("search-suggestions-status");
  var active = -1;
  var timer = null;
  var request = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var items = options();
    if (!items.length) { return; }
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (result, i) {
      var item = document.createElement("li");
      item.id = "search-suggestion-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.url = result.url;
      item.textContent = result.title;
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = result.url;
      });
      list.appendChild(item);
    });
    active = -1;
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    status.textContent = results.length ? list.dataset.countText.replace("{count}", results.length) : "";
  }

  function fetchSuggestions() {
    var text = input.value.trim();
    if (!text) { close(); return; }
    var mine = ++request;
    fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (mine === request) { show(data.results); } })
      .catch(close);
  }

  list.dataset.countText = input.dataset.countText || "{count}";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 200);
  });
  input.addEventListener("keydown", function (event) {
    var open = !list.hidden;
    if (event.key === "ArrowDown") { event.preventDefault(); if (open) { highlight(active + 1); } else { fetchSuggestions(); } }
    else if (event.key === "ArrowUp" && open) { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Escape" && open) { event.preventDefault(); close(); }
    else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      window.location.href = options()[active].dataset.url;
    }
  });
  input.addEventListener("blur", close);
}());
