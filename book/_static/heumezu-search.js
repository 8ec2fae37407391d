// The search page (book/_templates/search.html): Pagefind's own script (pagefind/pagefind.js,
// written by heumezu_sphinx.pagefind_search) is imported here, so no other page loads it. The
// query is the address's ?q=. Pagefind finds the pages and cuts the excerpts; this file only
// groups the results by kind and writes them with text nodes: a title or an excerpt from the
// data is never parsed as markup (the excerpt's <mark> tags are rebuilt as elements).
// Each Chinese or Japanese character is a word of the index (heumezu_sphinx.pagefind_search
// spaced them in the copy Pagefind read; data-cjk holds its list of characters): the query's
// characters are spaced alike, a page is kept only if its text holds each CJK run of the query
// as typed, and titles and excerpts are shown with the characters joined again.
const KINDS = [["chapter", "Chapters"], ["document", "Documents"], ["register", "Registers"],
               ["source", "Sources"], ["page", "Other pages"]];
const results = document.getElementById("search-results");
const statusLine = document.getElementById("heumezu-search-status");
const input = document.getElementById("heumezu-search-input");
const CJK = `[${results.dataset.cjk}]`;
const BETWEEN = new RegExp(`(?<=${CJK}) (?=${CJK})`, "gu");
const spaced = (text) => text.replace(new RegExp(`(?<=${CJK})(?=${CJK})`, "gu"), " ");
const joined = (text) => text.replace(BETWEEN, "");
// A page's text as Pagefind keeps it (its words joined by spaces, segment marks U+200B): joined.
const pageText = (content) => content.replace(/\u200b/g, "").replace(new RegExp(`(?<=${CJK})\\s+(?=${CJK})`, "gu"), "");

// The excerpt with its CJK characters joined again and marked where the query's runs are (Pagefind
// marks single characters, wherever they are).
function joinedExcerpt(excerpt, runs) {
  let text = excerpt.replace(new RegExp(`<mark>((?:${CJK}|\\s)+)</mark>`, "gu"), "$1");
  text = text.replace(new RegExp(`(?<=${CJK})\\s+(?=${CJK})`, "gu"), "");
  if (!runs.length) return text;
  const longestFirst = [...runs].sort((a, b) => b.length - a.length);
  return text.replace(new RegExp(longestFirst.join("|"), "gu"), "<mark>$&</mark>");
}

// Pagefind's excerpt is escaped text with <mark>…</mark> around the matches: split on the marks,
// decode the entities of each piece as text (an inert parse: nothing runs, nothing loads). The
// piece is parsed inside <body>, where a leading space is text (before it, the parser drops it).
function excerptNodes(excerpt) {
  const decode = (s) => new DOMParser().parseFromString(`<body>${s}`, "text/html").body.textContent;
  const nodes = [];
  excerpt.split(/(<mark>[\s\S]*?<\/mark>)/).forEach((piece) => {
    const marked = piece.startsWith("<mark>");
    const text = decode(marked ? piece.slice(6, -7) : piece);
    if (!text) return;
    if (marked) {
      const mark = document.createElement("mark");
      mark.textContent = text;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(text));
    }
  });
  return nodes;
}

function item(data, runs) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ? joined(data.meta.title) : data.url;
  const p = document.createElement("p");
  p.className = "heumezu-search-excerpt";
  p.append(...excerptNodes(joinedExcerpt(data.excerpt || "", runs)));
  li.append(link, p);
  return li;
}

async function run(query) {
  const bundle = results.dataset.pagefindBundle;
  statusLine.textContent = "Searching…";
  const bundleURL = new URL(bundle, document.baseURI);
  const pagefind = await import(new URL("pagefind.js", bundleURL).href);
  // Result addresses relative to the site's folder, wherever it is served (a project's subpath too).
  await pagefind.options({ excerptLength: 24, baseUrl: new URL("../", bundleURL).pathname });
  const search = await pagefind.search(spaced(query));
  const runs = joined(query).match(new RegExp(`${CJK}+`, "gu")) || [];
  const found = (await Promise.all(search.results.map((r) => r.data())))
    .filter((data) => runs.every((run) => pageText(data.content || "").includes(run)));
  const groups = new Map(KINDS.map(([kind]) => [kind, []]));
  for (const data of found) (groups.get(data.meta.kind) || groups.get("page")).push(data);
  results.replaceChildren();
  for (const [kind, heading] of KINDS) {
    const list = groups.get(kind);
    if (!list.length) continue;
    const section = document.createElement("section");
    section.className = "heumezu-search-group";
    section.dataset.kind = kind;
    const h2 = document.createElement("h2");
    h2.textContent = `${heading} (${list.length})`;
    const ul = document.createElement("ul");
    ul.className = "search";
    ul.append(...list.map((data) => item(data, runs)));
    section.append(h2, ul);
    results.append(section);
  }
  statusLine.textContent = found.length
    ? `${found.length} page${found.length === 1 ? "" : "s"} found for “${query}”.`
    : `No page contains “${query}”.`;
  results.dataset.state = "done";
}

const query = (new URLSearchParams(location.search).get("q") || "").trim();
input.value = query;
if (query) {
  run(query).catch((error) => {
    statusLine.textContent = "The search could not load its index. Open the edition through a web server "
      + "(see the README), not as files from disk.";
    results.dataset.state = "error";
    console.error(error);
  });
} else {
  input.focus();
}
