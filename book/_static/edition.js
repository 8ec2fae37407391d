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

// A note opens where the reader is: a click (or tap, or Enter) on a note's number shows the note in
// a panel at the foot of the window, so the reader keeps their place in the text; the panel's link
// goes on to the note in the list at the end of the page, and Escape, a click outside or the close
// button dismiss it. Without the HTML popover API (older browsers) the number stays a plain link
// to the note, as it is without scripts.
document.addEventListener("DOMContentLoaded", () => {
  const references = document.querySelectorAll('a.footnote-reference[role="doc-noteref"]');
  if (!references.length || !HTMLElement.prototype.hasOwnProperty("popover")) return;

  const panel = document.createElement("div");
  panel.id = "note-panel";
  panel.className = "note-panel";
  panel.setAttribute("popover", "auto");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", "Note");
  panel.tabIndex = -1;
  document.body.append(panel);
  let opener = null;
  // The popover API's own Escape does not always reach a popover that holds the focus (seen in
  // headless Chromium 156), so Escape is handled here as well.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && panel.matches(":popover-open")) panel.hidePopover();
  });
  panel.addEventListener("toggle", (event) => {
    if (event.newState === "closed" && opener) opener.focus({ preventScroll: true });
  });

  for (const reference of references) {
    const note = document.getElementById(decodeURIComponent(reference.hash.slice(1)));
    if (!note) continue;
    reference.setAttribute("aria-haspopup", "dialog");
    reference.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      opener = reference;
      const number = reference.textContent.replace(/[\[\]]/g, "").trim();
      const body = document.createElement("div");
      body.className = "note-panel-body";
      for (const child of note.children) {
        if (!child.classList.contains("label")) body.append(child.cloneNode(true));
      }
      const heading = document.createElement("p");
      heading.className = "note-panel-heading";
      const label = document.createElement("span");
      label.textContent = `Note ${number}`;
      const toList = document.createElement("a");
      toList.href = reference.hash;
      toList.textContent = "in the list of notes";
      toList.addEventListener("click", () => panel.hidePopover());
      const close = document.createElement("button");
      close.type = "button";
      close.className = "note-panel-close";
      close.textContent = "Close";
      close.addEventListener("click", () => panel.hidePopover());
      heading.append(label, " · ", toList, close);
      panel.replaceChildren(heading, body);
      if (panel.matches(":popover-open")) panel.hidePopover();
      panel.showPopover();
      panel.focus({ preventScroll: true });
    });
  }
});
