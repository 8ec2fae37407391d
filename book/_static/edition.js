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
