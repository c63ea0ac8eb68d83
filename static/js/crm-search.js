// The navigation bar's search button (1200 to 1399 px wide): the box it opens takes the cursor.
document.addEventListener("shown.bs.dropdown", (event) => {
  if (event.target.classList.contains("nav-search-toggle")) {
    document.getElementById("nav-search-q")?.focus();
  }
});
