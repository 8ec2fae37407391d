// The edition's small fixes to sphinx-book-theme 1.3 on pydata-sphinx-theme 0.17 (loaded by heumezu_sphinx.theme).
//
// Both themes wire only the FIRST .primary-toggle / .secondary-toggle of the page (the one in the
// theme's top bar, which is empty on phones and hidden by edition.css on wide screens), so the
// menu and contents buttons the reader sees in the article header do nothing. They now press the
// wired button.
document.addEventListener("DOMContentLoaded", () => {
  for (const selector of [".primary-toggle", ".secondary-toggle"]) {
    const [wired, ...others] = document.querySelectorAll(selector);
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        wired.click();
      });
    }
  }
});

// Tables on a phone: every cell gets its column's header as data-label, and a table wider than
// its column is marked heumezu-stacked, which edition.css shows as one record per row (at most
// 640 px wide). Re-checked when the window changes size.
document.addEventListener("DOMContentLoaded", () => {
  const tables = [...document.querySelectorAll(".bd-article table")];
  for (const table of tables) {
    const headers = [...table.querySelectorAll("thead tr:last-child th")].map((th) => th.textContent.trim());
    if (!headers.length) continue;
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, i) => {
        if (headers[i]) cell.setAttribute("data-label", headers[i]);
      });
    }
  }
  const fit = () => {
    for (const table of tables) {
      if (!table.querySelector("thead th")) continue;
      table.classList.remove("heumezu-stacked");
      const box = table.parentElement;
      if (window.innerWidth <= 640 && table.scrollWidth > box.clientWidth + 1) {
        table.classList.add("heumezu-stacked");
      }
    }
  };
  fit();
  window.addEventListener("resize", fit);
});
