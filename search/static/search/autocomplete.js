// Title suggestions for the search boxes (the search page's and the header's), following
// the WAI-ARIA 1.2 combobox pattern (list autocomplete): arrows move through the options,
// Enter opens one, Escape closes. Any text box with data-suggest-url gets them; without
// this script it stays a plain search box, so the combobox roles are added here.
// Loaded as a file because the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  function element(tag, attributes) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  // The list and the status line: the page's own if it has them, else made here.
  function parts(input) {
    var listId = input.getAttribute("aria-controls") || input.id + "-suggestions";
    var list = document.getElementById(listId);
    if (!list) {
      list = element("ul", { id: listId, role: "listbox", "aria-label": input.dataset.listLabel || "" });
      list.hidden = true;
      input.insertAdjacentElement("afterend", list);
    }
    list.classList.add("search-suggestions");
    var status = document.getElementById(listId + "-status");
    if (!status) {
      status = element("p", { id: listId + "-status", "class": "visually-hidden", role: "status", "aria-live": "polite" });
      list.insertAdjacentElement("afterend", status);
    }
    // ARIA in HTML allows the combobox role on a text box, not on type=search.
    if (input.type === "search") {
      input.type = "text";
      input.setAttribute("inputmode", "search");
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    return { list: list, status: status };
  }

  function suggest(input) {
    var found = parts(input);
    var list = found.list;
    var status = found.status;
    var countText = input.dataset.countText || "{count}";
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
        var item = element("li", { id: list.id + "-" + i, role: "option", "aria-selected": "false" });
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
      status.textContent = results.length ? countText.replace("{count}", results.length) : "";
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
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(suggest);
}());
