// Long multiple-choice lists (organizations, people) get a box above them that narrows the
// options as one types, and a count of what is chosen. Without this script the list still works.
(function () {
  "use strict";

  function enhance(select) {
    var wrapper = document.createElement("div");
    wrapper.className = "select-filter mb-1 d-flex gap-2 align-items-center";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm";
    input.placeholder = select.dataset.filterPlaceholder || "Filter";
    input.setAttribute("aria-label", input.placeholder);
    input.setAttribute("aria-controls", select.id);
    var count = document.createElement("span");
    count.className = "small text-body-secondary text-nowrap";
    count.setAttribute("aria-live", "polite");
    wrapper.appendChild(input);
    wrapper.appendChild(count);
    select.parentNode.insertBefore(wrapper, select);

    var template = select.dataset.chosenText || "{n} chosen";
    function showCount() {
      var chosen = Array.prototype.filter.call(select.options, function (option) { return option.selected; });
      count.textContent = template.replace("{n}", chosen.length);
    }
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        var text = option.text.toLowerCase();
        option.hidden = !option.selected && !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
    // Enter in the filter box must not send the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    select.addEventListener("change", showCount);
    showCount();
  }

  document.querySelectorAll("select[multiple][data-filterable]").forEach(enhance);
})();
