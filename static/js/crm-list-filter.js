// A list's filter form leaves its empty fields out of the address, so that a shared link names only the
// filters in use. Without this script the list page redirects to the same clean address.
(function () {
  "use strict";
  document.querySelectorAll("form.filter-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (field) {
        var empty = field.tagName === "SELECT" && field.multiple ? field.selectedOptions.length === 0 : field.value === "";
        if (empty && field.type !== "checkbox" && field.type !== "radio") {
          field.disabled = true;
          field.dataset.leftOut = "";
        }
      });
    });
  });
  // Back in the browser's history the page may come from its cache with the fields still disabled.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.filter-form [data-left-out]").forEach(function (field) {
      field.disabled = false;
      delete field.dataset.leftOut;
    });
  });
})();
