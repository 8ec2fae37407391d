"""Every built page in a real browser (Debian's Chromium through Playwright).

Each page is served from localhost and loaded in light and in dark mode. The tests assert that
axe-core finds no accessibility violation, that the browser asks nothing of another host, that
no request fails, that the console shows no error, and that every icon the page shows is drawn
by the edition's small icon font (Font Awesome's scripts are gone, see heumezu_sphinx/theme.py).

Needs `make browser-env` (Chromium from Debian, axe-core from npm in tools/browser/). To check an
already built site without rebuilding: HEUMEZU_SITE=/path/to/_build/html pytest tests/test_browser.py
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from site_server import serve

pytestmark = pytest.mark.build  # runs Sphinx, a kernel or a browser

CHROMIUM = Path(os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium")  # the Makefile sets it
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
AXE = ROOT / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ICON_FONT = "_static/heumezu-icons.woff"
MODES = ("light", "dark")

# axe rules switched off, each with the reason. Keep this empty unless a rule is a false positive.
AXE_DISABLED: dict[str, str] = {}


def site_pages(html: Path) -> list[str]:
    """Every page of the site as a URL path (the theme's _static/*.html are templates, not pages)."""
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if not p.is_relative_to(html / "_static"))


@pytest.fixture(scope="module")
def server(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: run `make browser-env`")
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} not found: run `make browser-env`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


# Runs in the page: the code point of every visible Font Awesome icon.
VISIBLE_ICONS_JS = """() => [...document.querySelectorAll('[class*="fa-"]')]
  .filter(el => el.offsetParent !== null && el.getBoundingClientRect().width > 0)
  .map(el => {
    const content = getComputedStyle(el, '::before').content;
    const text = content && content !== 'none' && content !== 'normal' ? JSON.parse(content) : '';
    return {icon: el.className, codepoint: text ? text.codePointAt(0) : null,
            font: getComputedStyle(el, '::before').fontFamily};
  })"""

AXE_RUN_JS = """async (disabled) => {
  const rules = Object.fromEntries(disabled.map(id => [id, {enabled: false}]));
  const result = await axe.run(document, {resultTypes: ['violations'], rules});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' '))}));
}"""


def _router(record: dict, origin: str):
    """Let requests to the local server through; record and refuse any other."""
    def route(route):
        url = route.request.url
        record["requests"].append(url)
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == origin:
            route.continue_()
        else:
            record["external"].append(url)
            route.abort()
    return route


@pytest.fixture(scope="module")
def visits(site, server, browser) -> dict:
    """Load every page in both colour modes once; the tests below read what was recorded."""
    origin = urlsplit(server).netloc
    results = {}
    for path in site_pages(site):
        for mode in MODES:
            record = {"requests": [], "external": [], "failed": [], "console": [], "violations": [], "icons": [],
                      "axe": []}
            context = browser.new_context(color_scheme=mode, viewport={"width": 1280, "height": 900})

            context.route("**/*", _router(record, origin))
            page = context.new_page()
            # Console errors and failed requests count until axe is injected. axe then fetches the
            # page's stylesheets itself and resolves the theme's nested `@import "../basic.css"`
            # against the page instead of the stylesheet (a 404 that is axe's, not the site's);
            # those go to record["axe"]. Requests to other hosts are refused and count throughout.
            log = {"console": record["console"], "failed": record["failed"]}
            page.on("console", lambda msg, log=log: msg.type == "error" and log["console"].append(
                f"{msg.text} ({msg.location.get('url', '')}:{msg.location.get('lineNumber', '')})"))
            page.on("pageerror", lambda exc, log=log: log["console"].append(f"uncaught: {exc}"))
            page.on("requestfailed", lambda req, log=log: log["failed"].append(f"{req.url}: {req.failure}"))
            page.on("response", lambda resp, log=log: resp.status >= 400 and log["failed"].append(
                f"{resp.url}: HTTP {resp.status}"))
            page.goto(server + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            record["icons"] = page.evaluate(VISIBLE_ICONS_JS)
            log["console"] = log["failed"] = record["axe"]
            page.add_script_tag(path=str(AXE))
            record["violations"] = page.evaluate(AXE_RUN_JS, sorted(AXE_DISABLED))
            context.close()
            results[(path, mode)] = record
    return results


def _report(visits, key) -> list[str]:
    return [f"{path} ({mode}): {item}" for (path, mode), record in visits.items() for item in record[key]]


def test_site_has_pages(site):
    pages = site_pages(site)
    assert "index.html" in pages and len(pages) >= 3, pages


def test_no_accessibility_violations(visits):
    problems = []
    for (path, mode), record in visits.items():
        for v in record["violations"]:
            problems.append(f"{path} ({mode}): {v['id']} [{v['impact']}] {v['help']}\n    " + "\n    ".join(v["nodes"]))
    assert not problems, "axe-core found:\n" + "\n".join(problems)


def test_no_request_leaves_localhost(visits):
    assert all(record["requests"] for record in visits.values())
    offenders = _report(visits, "external")
    assert not offenders, "requests to other hosts:\n" + "\n".join(offenders)


def test_no_request_fails(visits):
    failed = _report(visits, "failed")
    assert not failed, "\n".join(failed)


def test_no_console_errors(visits):
    errors = _report(visits, "console")
    assert not errors, "\n".join(errors)


def test_no_font_awesome_script(visits):
    loaded = [f"{path} ({mode}): {url}" for (path, mode), r in visits.items() for url in r["requests"]
              if "fontawesome" in url]
    assert not loaded, "\n".join(loaded)


def test_every_visible_icon_is_in_the_icon_font(site, visits):
    from fontTools.ttLib import TTFont

    font = site / ICON_FONT
    assert font.is_file(), f"{ICON_FONT} was not written"
    cmap = TTFont(font).getBestCmap()
    shown = 0
    missing = []
    for (path, mode), record in visits.items():
        for icon in record["icons"]:
            if icon["codepoint"] is None:
                continue  # an element with an fa- class that draws nothing itself
            shown += 1
            if icon["codepoint"] not in cmap or "HeUmezu Icons" not in icon["font"]:
                missing.append(f"{path} ({mode}): {icon}")
    assert shown, "no icon found on any page: is the theme's header there?"
    assert not missing, "icons the font cannot draw:\n" + "\n".join(missing)


def test_download_menu_offers_the_notebook(site, server, browser):
    """The theme's download button opens its menu, and the notebook (.ipynb) it offers is there."""
    notebooks = [p for p in site_pages(site) if (site / "_sources" / p).with_suffix(".ipynb").is_file()]
    assert notebooks, "no page built from a notebook"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        for path in notebooks:
            page.goto(server + path, wait_until="load")
            page.click(".dropdown-download-buttons button.dropdown-toggle")
            link = page.locator(".dropdown-download-buttons a.btn-download-source-button")
            link.wait_for(state="visible", timeout=3000)
            assert link.inner_text().strip() == ".ipynb"
            response = page.request.get(link.evaluate("a => a.href"))
            assert response.ok and response.json()["cells"], f"{path}: the offered notebook is not served"
    finally:
        context.close()


# Runs in the page: what sticks out. The page itself must not scroll sideways; no table, figure,
# image or code block may reach past the article's edge; and no scroll container in the article
# (the theme wraps every table in one) may hide content to its right. Visually hidden elements
# (the header of a table shown as stacked records) do not count.
CLIPPED_JS = """() => {
  const out = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    out.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
  }
  const article = document.querySelector('.bd-article');
  if (!article) return out;
  const edge = article.getBoundingClientRect().right;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && el.className.toString() ? '.' + el.className.toString().trim().split(/\\s+/).join('.') : '');
  for (const el of article.querySelectorAll('table, figure, img, pre, .cell_output, .pst-scrollable-table-container')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > edge + 1) out.push(`${name(el)} ends at ${Math.round(r.right)} px, the article at ${Math.round(edge)} px`);
  }
  for (const el of article.querySelectorAll('*')) {
    if (el.closest('svg') || el.clientWidth <= 1) continue;
    const overflow = getComputedStyle(el).overflowX;
    if (overflow !== 'visible' && el.scrollWidth > el.clientWidth + 1) {
      out.push(`${name(el)} hides ${el.scrollWidth - el.clientWidth} px of its content (overflow-x: ${overflow})`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_no_content_is_clipped_or_wider_than_its_container(site, server, browser, width):
    """Every page at desktop and phone width: nothing wider than its container, no table or code
    block that hides part of itself behind a scroll bar (at 390 px a table fits or is stacked)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    try:
        for path in site_pages(site):
            page.goto(server + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            problems += [f"{path} at {width} px: {p}" for p in page.evaluate(CLIPPED_JS)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


# Runs in the page: where the note panel is and what it shows.
NOTE_PANEL_JS = """() => {
  const panel = document.getElementById('note-panel');
  if (!panel) return null;
  const r = panel.getBoundingClientRect();
  return {open: panel.matches(':popover-open'), text: panel.innerText, top: r.top, bottom: r.bottom,
          left: r.left, right: r.right, width: document.documentElement.clientWidth,
          height: window.innerHeight, scrollY: window.scrollY, focused: document.activeElement.id};
}"""


#: True once every image near the window has loaded and the scroll position has not changed for
#: half a second (a lazy image far from the window is not loaded, and moves nothing in view).
SETTLED_JS = """() => {
  const near = img => { const r = img.getBoundingClientRect();
                        return r.bottom > -1500 && r.top < window.innerHeight + 1500; };
  const done = [...document.images].every(img => img.complete || !near(img));
  const now = Math.round(window.scrollY), at = performance.now();
  if (window.__lastY !== now || !done) { window.__lastY = now; window.__since = at; return false; }
  return at - window.__since > 500;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_a_note_opens_where_the_reader_is(site, server, browser, width):
    """A click on a note's number shows that note at the foot of the window without moving the
    page; Escape closes it and gives the focus back to the number; the open panel passes axe."""
    chapters = [p for p in site_pages(site) if p.startswith("notebooks/") and "teaching" not in p]
    assert chapters, "no chapter page"
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + chapters[0], wait_until="load")
        reference = page.locator('a.footnote-reference[role="doc-noteref"]').nth(2)
        # Fonts and images (lazy ones load when scrolled to) change the layout, and the browser
        # moves the page to keep its place: measure once the position has settled.
        page.evaluate("document.fonts.ready")
        reference.evaluate("a => a.scrollIntoView({block: 'center'})")  # clear of the sticky header
        page.wait_for_function(SETTLED_JS, polling=100, timeout=15000)
        reference.evaluate("a => a.scrollIntoView({block: 'center'})")
        page.wait_for_function(SETTLED_JS, polling=100, timeout=15000)
        note_id = reference.evaluate("a => a.hash.slice(1)")
        expected = page.locator(f'[id="{note_id}"] p').first.inner_text().strip()
        # Where the reader sees the number: an image loading above it moves scrollY (the browser
        # keeps the text in place) but not the number on the screen.
        before = reference.evaluate("a => a.getBoundingClientRect().top")
        reference.click()
        shown = page.evaluate(NOTE_PANEL_JS)
        after = reference.evaluate("a => a.getBoundingClientRect().top")
        assert shown and shown["open"], "the note did not open"
        assert expected[:60] in shown["text"], f"the panel shows {shown['text'][:120]!r}, not the note"
        assert abs(after - before) < 2, f"the page moved when the note opened ({before:.0f} → {after:.0f} px)"
        assert shown["left"] >= -1 and shown["right"] <= shown["width"] + 1, "the panel is wider than the window"
        assert shown["top"] >= 0 and shown["bottom"] <= shown["height"] + 1, "the panel is outside the window"
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run('#note-panel', {resultTypes: ['violations']}))
            .violations.map(v => v.id + ': ' + v.help)""")
        assert not violations, violations
        page.keyboard.press("Escape")
        closed = page.evaluate(NOTE_PANEL_JS)
        assert not closed["open"], "Escape did not close the note"
        assert page.evaluate("document.activeElement === document.querySelectorAll('a.footnote-reference')[2]"), \
            "the focus did not return to the note's number"
    finally:
        context.close()
