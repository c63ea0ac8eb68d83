// Search as you type for selects rendered by partners.widgets (SearchSelect, SearchSelectMultiple):
// the select holds only the chosen records and stays hidden in the form; a search box beside it
// fetches matches from its data-lookup-url and each match is a button that chooses it.
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 250;
  var counter = 0;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function enhance(select) {
    var data = select.dataset;
    var multiple = select.multiple;
    var id = select.id || "crm-lookup-" + (++counter);
    var box = element("div", "crm-lookup");
    var chosen = element("ul", "crm-lookup-chosen list-unstyled d-flex flex-wrap gap-1 mb-1");
    var input = element("input", "form-control");
    var status = element("div", "crm-lookup-status form-text");
    var results = element("div", "crm-lookup-results list-group");
    var timer = null;
    var request = 0;

    input.type = "search";
    input.id = id + "_search";
    input.autocomplete = "off";
    input.placeholder = data.lookupPlaceholder || "";
    input.setAttribute("aria-controls", id + "_results");
    input.setAttribute("aria-describedby", id + "_status");
    if (select.classList.contains("is-invalid")) { input.classList.add("is-invalid"); }
    results.id = id + "_results";
    status.id = id + "_status";
    status.setAttribute("aria-live", "polite");
    chosen.setAttribute("aria-label", data.lookupChosenLabel || "");

    // The field's label now names the search box; the select stays in the form, out of sight.
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label) { label.htmlFor = input.id; } else { input.setAttribute("aria-label", data.lookupSearchLabel || ""); }
    select.hidden = true;
    select.tabIndex = -1;
    box.appendChild(chosen);
    box.appendChild(input);
    box.appendChild(status);
    box.appendChild(results);
    select.parentNode.insertBefore(box, select.nextSibling);

    function chosenOptions() {
      return Array.prototype.filter.call(select.options, function (option) { return option.value && option.selected; });
    }

    function showChosen() {
      chosen.textContent = "";
      chosenOptions().forEach(function (option) {
        var item = element("li", "badge text-bg-light border d-inline-flex align-items-center gap-1 fw-normal");
        item.appendChild(element("span", "text-wrap text-start", option.text));
        var remove = element("button", "btn-close");
        remove.type = "button";
        remove.setAttribute("aria-label", (data.lookupRemove || "Remove") + ": " + option.text);
        remove.addEventListener("click", function () {
          // Taken out of the select, not just unselected: a single select would fall back to it.
          option.remove();
          if (!multiple && select.querySelector('option[value=""]')) { select.value = ""; }
          changed();
          input.focus();
        });
        item.appendChild(remove);
        chosen.appendChild(item);
      });
    }

    function changed() {
      showChosen();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function choose(id, text) {
      var existing = Array.prototype.find.call(select.options, function (option) { return option.value === String(id); });
      if (!multiple) {
        Array.prototype.slice.call(select.options).forEach(function (option) {
          if (option.value && option !== existing) { option.remove(); }
        });
      }
      if (!existing) {
        existing = new Option(text, id, true, true);
        select.add(existing);
      }
      existing.selected = true;
      clearResults();
      input.value = "";
      changed();
      input.focus();
    }

    function clearResults() {
      results.textContent = "";
      status.textContent = "";
    }

    function show(items) {
      results.textContent = "";
      status.textContent = items.length ? "" : (data.lookupNone || "");
      var taken = chosenOptions().map(function (option) { return option.value; });
      items.forEach(function (item) {
        var button = element("button", "list-group-item list-group-item-action py-1", item.text);
        button.type = "button";
        if (taken.indexOf(String(item.id)) !== -1) { button.classList.add("active"); button.setAttribute("aria-current", "true"); }
        button.addEventListener("click", function () { choose(item.id, item.text); });
        button.addEventListener("keydown", function (event) { move(event, button); });
        results.appendChild(button);
      });
    }

    function search() {
      var q = input.value.trim();
      if (q.length < MIN_LENGTH) { clearResults(); return; }
      var mine = ++request;
      var url = new URL(data.lookupUrl, window.location.href);
      url.searchParams.set("q", q);
      status.textContent = data.lookupSearching || "";
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (body) { if (mine === request) { show(body.results || []); } })
        .catch(function () { if (mine === request) { results.textContent = ""; status.textContent = data.lookupFailed || ""; } });
    }

    // Arrow keys walk the results; Escape goes back to the search box.
    function move(event, button) {
      var target = null;
      if (event.key === "ArrowDown") { target = button.nextElementSibling; }
      if (event.key === "ArrowUp") { target = button.previousElementSibling || input; }
      if (event.key === "Escape") { clearResults(); target = input; }
      if (target || event.key === "Escape") { event.preventDefault(); }
      if (target) { target.focus(); }
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        // Enter chooses the first match rather than sending the form.
        event.preventDefault();
        if (results.firstElementChild) { results.firstElementChild.click(); }
      } else if (event.key === "ArrowDown" && results.firstElementChild) {
        event.preventDefault();
        results.firstElementChild.focus();
      } else if (event.key === "Escape" && results.firstElementChild) {
        event.preventDefault();
        clearResults();
      }
    });
    // Another script may choose a record for this field ("use this one" beside a likely duplicate).
    select.addEventListener("lookup:choose", function (event) { choose(event.detail.id, event.detail.text); });
    showChosen();
  }

  document.querySelectorAll("select[data-lookup-url]").forEach(enhance);
})();
