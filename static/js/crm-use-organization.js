// "Use this one" beside a likely duplicate: choose that organization in the field being filled
// (data-use-target, the select's id), clear the new name typed (data-use-clear) and close the warning.
(function () {
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-use-organization]");
    if (!button) { return; }
    var select = document.getElementById(button.dataset.useTarget);
    if (!select) { return; }
    event.preventDefault();
    var id = button.dataset.useOrganization;
    var text = button.dataset.useText;
    if (select.dataset.lookupUrl) {
      select.dispatchEvent(new CustomEvent("lookup:choose", { detail: { id: id, text: text } }));
    } else {
      var option = Array.prototype.find.call(select.options, function (item) { return item.value === id; });
      if (!option) { option = new Option(text, id); select.add(option); }
      option.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    var typed = button.dataset.useClear && document.getElementById(button.dataset.useClear);
    if (typed) { typed.value = ""; }
    var warning = button.closest(".similar-warning");
    if (warning) {
      warning.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = false; });
      warning.hidden = true;
    }
  });
})();
