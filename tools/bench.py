"""Benchmark the edition: Lighthouse on every page, build times, notebook times. Writes BENCHMARKS.md.

    python tools/bench.py                # everything (what `make bench` runs, after `make book`)
    python tools/bench.py --no-builds    # only Lighthouse on the existing _build/html
    python tools/bench.py --no-pdf       # skip the timed PDF build

- Lighthouse (npm, tools/browser/; mobile preset, Debian's Chromium headless) loads the first page
  and every chapter from a local server that compresses with gzip as a static host would, and
  reports the four category scores, the bytes transferred, the number of requests and how many
  of them go to another host.
- Build times are measured on a temporary copy of the repository with the project's own `make`
  targets, so the developer's _build/ and execution cache are left alone: a cold `make html`
  (empty output folder and execution cache), each notebook's execution time (from that copy's
  jupyter-cache), `make pdf`, a no-op `make book`; and, in the same run, a cold build of a stock
  `jupyter-book create` book, the yardstick for the cold build.

- Validation memory (tools/bench_validation.py): peak memory of validating a copy of data/ with
  a million extra rows, as a multiple of the data's size (target ≤ 4×).

- The student's journey (tools/bench_student.py): a teaching download unzipped, installed in a
  fresh venv and its notebook executed, step by step; the venv's size (target ≤ 450 MB).

- For a page that misses a target, the report gives Lighthouse's metrics and the page's largest
  requests (the measured cause); it records the machine's load average at the start and the end
  (other builds on the same cores slow every number but the ratio to the stock book); and it
  keeps a hand-written "## Notes" section at the end of BENCHMARKS.md across runs.

A benchmark, not a test: it reports and compares with the targets, and fails only if a step fails.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import bench_student  # beside this file (python puts the script's folder on sys.path)
import bench_validation
from heumezu import citation

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
BROWSER_TOOLS = ROOT / "tools" / "browser"
LIGHTHOUSE = BROWSER_TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"  # the Makefile sets it
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_KIB = 150
MAX_REQUESTS = 15
# The search page as a reader reaches it: a query in a script that Pagefind's index holds per character.
SEARCH_PAGE = "search.html?q=%E6%A2%85%E6%B4%A5"  # 梅津
MAX_COLD_FACTOR = 4   # cold HTML build, as a multiple of a stock `jupyter-book create` book's
MAX_NOOP_S = 5
NOTES = "## Notes"
# Lighthouse's performance metrics, reported where a page misses the performance target.
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
           "SI": "speed-index", "CLS": "cumulative-layout-shift"}
COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml|x-javascript)|image/svg\+xml)")
# Not copied into the temporary repository used for the timed builds.
COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".jupyter_cache", ".mplconfig", "node_modules", ".git",
                                     ".pytest_cache", "__pycache__", ".bench")


# --- a static server that compresses like a web host ------------------------------------------

class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; text, scripts, styles and SVG go out gzip-compressed when asked for."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not COMPRESSIBLE.match(ctype)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path):
    handler = functools.partial(GzipHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


# --- Lighthouse ------------------------------------------------------------------------------

def pages_to_audit(html: Path) -> list[str]:
    """The first page, every page of the table of contents (not stale pages left in _build), and the
    search page with a query: its weight is Pagefind's script, index and the results' fragments,
    which no other page loads."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    site_map = parse_toc_yaml(str(ROOT / "_toc.yml"))
    pages = sorted(f"{doc}.html" for doc in site_map if (html / f"{doc}.html").is_file())
    first = "book/index.html"
    search = [SEARCH_PAGE] if (html / SEARCH_PAGE.split("?")[0]).is_file() else []
    return ([first] if first in pages else []) + [p for p in pages if p != first] + search


def lighthouse(url: str, workdir: Path) -> dict:
    report = workdir / (re.sub(r"[^a-z0-9]+", "_", urlsplit(url).path.lower()).strip("_") + ".json")
    command = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    subprocess.run(command, check=True, env=os.environ | {"CHROME_PATH": CHROME}, capture_output=True, text=True)
    data = json.loads(report.read_text())
    origin = urlsplit(url).netloc
    requests = data["audits"]["network-requests"]["details"]["items"]
    return {
        "scores": {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES},
        "bytes": data["audits"]["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "external": sorted({r["url"] for r in requests if urlsplit(r["url"]).netloc not in (origin, "")
                            and not r["url"].startswith("data:")}),
        "lcp_ms": data["audits"]["largest-contentful-paint"]["numericValue"],
        "metrics": {name: data["audits"][audit]["numericValue"] for name, audit in METRICS.items()},
        "largest": sorted(((r.get("transferSize") or 0, urlsplit(r["url"]).path) for r in requests),
                          reverse=True)[:3],
        "lighthouse": data.get("lighthouseVersion", "?"),
        "failed_audits": sorted(a["id"] for c in CATEGORIES for a in
                                (data["audits"][ref["id"]] for ref in data["categories"][c]["auditRefs"])
                                if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in
                                ("binary", "metricSavings", "numeric") and c != "performance"),
    }


# --- build times -----------------------------------------------------------------------------

def build_env(repo: Path) -> dict:
    return os.environ | {
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(citation.load().source_date_epoch())), "FORCE_SOURCE_DATE": "1",
        "MPLCONFIGDIR": str(repo / ".mplconfig"), "IPYTHONDIR": str(repo / "config" / "ipython"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1", "PYTHONHASHSEED": "0",
    }


def timed(command: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{(result.stdout + result.stderr)[-4000:]}")
    return elapsed


def notebook_times(repo: Path) -> dict[str, float]:
    from jupyter_cache import get_cache

    cache = get_cache(repo / ".jupyter_cache")
    times = {}
    for record in cache.list_cache_records():
        seconds = (record.data or {}).get("execution_seconds")
        if seconds is not None:
            times[Path(record.uri).relative_to(repo).as_posix()] = seconds
    return dict(sorted(times.items()))


def change_cell(path: Path) -> None:
    """Change one cell of a CSV table: the first row's ``note``, a few words appended."""
    import csv

    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["note"] = (rows[0]["note"] + " (changed for the benchmark)").strip()
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, rows[0].keys(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build_times(pdf: bool) -> dict:
    """Time the edition's own `make` targets on a copy, and a stock `jupyter-book create` book beside it."""
    jb = str(VENV_BIN / "jupyter-book")
    with tempfile.TemporaryDirectory(prefix="heumezu-bench-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(ROOT, repo, ignore=COPY_IGNORE, symlinks=True)
        (repo / ".venv").symlink_to(VENV_BIN.parent)
        env = build_env(repo)
        make = ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", ".venv/.dev-installed"]
        subprocess.run([*make, "fonts-env"], cwd=repo, env=env, check=True, capture_output=True)
        # matplotlib's font cache is built once, outside the timed build (as on any working machine).
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
        results = {"cold_html_s": timed([*make, "html"], repo, env)}
        results["notebooks_s"] = notebook_times(repo)
        # Incremental builds (heumezu_sphinx.manifest): one cell of one table, then a style sheet.
        change_cell(repo / "data" / "places.csv")
        results["cell_html_s"] = timed([*make, "html"], repo, env)
        with (repo / "book" / "_static" / "edition.css").open("a", encoding="utf-8") as css:
            css.write("\n/* bench */\n")
        results["css_html_s"] = timed([*make, "html"], repo, env)
        if pdf:
            results["pdf_s"] = timed([*make, "pdf"], repo, env)
            results["noop_book_s"] = timed([*make, "book"], repo, env)
        stock = Path(tmp) / "stock"
        subprocess.run([jb, "create", str(stock)], check=True, capture_output=True)
        results["stock_cold_html_s"] = timed([jb, "build", str(stock), "--builder", "html"], stock,
                                             os.environ | {"MPLCONFIGDIR": str(Path(tmp) / "mpl")})
    return results


# --- the machine -----------------------------------------------------------------------------

def _version(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip().splitlines()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "not found"


def load_average() -> str:
    """The machine's load (1, 5 and 15 minutes): other builds running beside the benchmark slow it."""
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem = re.search(r"MemTotal:\s*(\d+) kB", meminfo)
    from importlib.metadata import version

    return {
        "CPU": model.group(1).strip() if model else platform.processor(),
        "cores (nproc)": str(os.cpu_count()),
        "memory": f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "?",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Jupyter Book": version("jupyter-book"), "Sphinx": version("sphinx"),
        "sphinx-book-theme": version("sphinx-book-theme"), "pydata-sphinx-theme": version("pydata-sphinx-theme"),
        "Chromium": _version([CHROME, "--version"]),
        "Node": _version(["node", "--version"]),
        "Lighthouse": _version(["node", str(LIGHTHOUSE), "--version"]),
    }


# --- the report ------------------------------------------------------------------------------

def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def report(pages: dict, builds: dict | None, info: dict, validation: dict | None = None,
           student: dict | None = None) -> str:
    lines = ["# Benchmarks", "",
             (f"Generated by `tools/bench.py` (`make bench`) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. "
             "Numbers from one run on the machine below; rerun to compare."), "",
             "## Targets", "",
             (f"- Lighthouse (mobile preset): performance ≥ {TARGETS['performance']}, accessibility, "
             "best practices and SEO 100, on every page of the table of contents;"),
             (f"- at most {MAX_KIB} KiB transferred (gzip), {MAX_REQUESTS} requests and no request to another "
             "host per page;"),
             (f"- cold HTML build ≤ {MAX_COLD_FACTOR}× a stock `jupyter-book create` book's, built in the same run; "
             f"no-op `make book` ≤ {MAX_NOOP_S} s."), "",
             "## Pages", "",
             "Served from localhost with gzip; Lighthouse's mobile preset (simulated slow 4G, 4× CPU slowdown).", "",
             "| Page | Performance | Accessibility | Best practices | SEO | KiB transferred | Requests | Other hosts | LCP (s) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for page, r in pages.items():
        s = r["scores"]
        kib = r["bytes"] / 1024
        if page == SEARCH_PAGE:  # outside the table of contents: its weight is shown, not judged
            cells = [str(s[c]) for c in CATEGORIES] + [f"{kib:.0f}"]
        else:
            cells = [f"{s[c]} {mark(s[c] >= TARGETS[c])}" for c in CATEGORIES] + [f"{kib:.0f} {mark(kib <= MAX_KIB)}"]
        lines.append(f"| `{unquote(page)}` | " + " | ".join(cells) + f" | {r['requests']} | "
                     f"{len(r['external'])} {mark(not r['external'])} | {r['lcp_ms'] / 1000:.1f} |")
    lines += ["", (f"The last row, `{unquote(SEARCH_PAGE)}`, is the search page with a query: its weight is "
              "Pagefind's script and index and one fragment per page found, which no other page loads; "
              "it has no target.")] if SEARCH_PAGE in pages else []
    missed = [(page, r) for page, r in pages.items() if page != SEARCH_PAGE and (
              r["scores"]["performance"] < TARGETS["performance"] or r["bytes"] / 1024 > MAX_KIB
              or r["requests"] > MAX_REQUESTS)]
    if missed:
        lines += ["", ("Pages that miss a target, with Lighthouse's metrics and their three largest requests "
                  "(KiB transferred):"), ""]
        for page, r in missed:
            m = r["metrics"]
            largest = ", ".join(f"`{path.rsplit('/', 1)[-1][:40]}` {size / 1024:.0f}"
                                for size, path in r["largest"])
            lines.append(f"- `{unquote(page)}`: FCP {m['FCP'] / 1000:.1f} s, LCP {m['LCP'] / 1000:.1f} s, "
                         f"TBT {m['TBT']:.0f} ms, SI {m['SI'] / 1000:.1f} s, CLS {m['CLS']:.3f}; {largest}.")
    failed = sorted({a for r in pages.values() for a in r["failed_audits"]})
    if failed:
        lines += ["", "Audits not passed (outside performance): " + ", ".join(f"`{a}`" for a in failed) + "."]
    external = sorted({u for r in pages.values() for u in r["external"]})
    if external:
        lines += ["", "Requests to other hosts: " + ", ".join(external) + "."]
    if builds:
        lines += ["", "## Builds", "",
                  "On a temporary copy of the repository (the developer's `_build/` and execution cache untouched).", "",
                  "| Step | Time (s) | Target |", "|---|---:|---|",
                  f"| Stock `jupyter-book create` book, cold HTML build | {builds['stock_cold_html_s']:.1f} | |",
                  (f"| Cold `make html` (empty output and execution cache) | {builds['cold_html_s']:.1f} | "
                  f"≤ {MAX_COLD_FACTOR * builds['stock_cold_html_s']:.1f} "
                  f"{mark(builds['cold_html_s'] <= MAX_COLD_FACTOR * builds['stock_cold_html_s'])} "
                  f"({builds['cold_html_s'] / builds['stock_cold_html_s']:.1f}× the stock book) |")]
        if "cell_html_s" in builds:
            lines.append(f"| `make html` after one cell of `places.csv` changed (re-executes the notebooks "
                         f"that read it, re-reads the pages that show it) | {builds['cell_html_s']:.1f} | |")
            lines.append(f"| `make html` after `edition.css` changed (re-reads every page, executes "
                         f"nothing) | {builds['css_html_s']:.1f} | |")
        if "pdf_s" in builds:
            lines.append(f"| `make pdf` after it (notebooks already executed) | {builds['pdf_s']:.1f} | |")
            lines.append(f"| No-op `make book` | {builds['noop_book_s']:.1f} | "
                         f"≤ {MAX_NOOP_S} {mark(builds['noop_book_s'] <= MAX_NOOP_S)} |")
        lines += ["", "Notebook execution (jupyter-cache, during the cold build):", "",
                  "| Notebook | Time (s) |", "|---|---:|"]
        lines += [f"| `{nb}` | {s:.1f} |" for nb, s in builds["notebooks_s"].items()]
    if validation:
        lines += ["", "## Validation memory", "", ("`tools/bench_validation.py`: peak resident memory of "
                  "`python -m heumezu validate`, as a multiple of the data's size on disk (target ≤ "
                  f"{bench_validation.TARGET_RATIO}×)."), "", *bench_validation.lines(validation)]
    if student:
        lines += ["", "## A student's install", "", ("`tools/bench_student.py`: a teaching section's download "
                  "unzipped into a folder outside the repository, a fresh venv, `pip install -r requirements.txt` "
                  "(this machine's pip cache), `jupyter lab --version`, the notebook executed."), "",
                  *bench_student.lines(student)]
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in info.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="the built HTML folder")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-builds", action="store_true", help="only Lighthouse, no timed builds")
    parser.add_argument("--no-pdf", action="store_true", help="no timed PDF build")
    args = parser.parse_args(argv)

    if not LIGHTHOUSE.is_file():
        sys.exit(f"{LIGHTHOUSE} not found: run `make browser-env`")
    if not (args.site / "book" / "index.html").is_file():
        sys.exit(f"no built site in {args.site}: run `make book`")
    load_at_start = load_average()
    httpd, base = serve(args.site)
    pages = {}
    try:
        with tempfile.TemporaryDirectory(prefix="heumezu-lighthouse-") as tmp:
            for page in pages_to_audit(args.site):
                print(f"lighthouse {page}", file=sys.stderr)
                pages[page] = lighthouse(base + page, Path(tmp))
    finally:
        httpd.shutdown()
    builds = None
    if not args.no_builds:
        print("timed builds on a temporary copy", file=sys.stderr)
        builds = build_times(pdf=not args.no_pdf)
    print("validation memory on a copy of data/ with a million extra rows", file=sys.stderr)
    validation = bench_validation.measure(1_000_000)
    print("a student's install of a teaching download", file=sys.stderr)
    student = bench_student.measure()
    info = machine() | {"load average (1 / 5 / 15 min), start": load_at_start,
                        "load average (1 / 5 / 15 min), end": load_average()}
    # A hand-written "## Notes" section (what a run's numbers mean) is kept; the rest is regenerated.
    old = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
    notes = old[old.index(NOTES):] if NOTES in old else ""
    args.out.write_text(report(pages, builds, info, validation, student) + ("\n" + notes if notes else ""), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
