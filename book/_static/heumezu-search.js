// The search page (book/_templates/search.html): Pagefind's own script (pagefind/pagefind.js,
// written by heumezu_sphinx.pagefind_search) is imported here, so no other page loads it. The
// query is the address's ?q=. Pagefind finds the pages and cuts the excerpts; this file only
// groups the results by kind and writes them with text nodes: a title or an excerpt from the
// data is never parsed as markup (the excerpt's <mark> tags are rebuilt as elements).
const KINDS = [["chapter", "Chapters"], ["document", "Documents"], ["register", "Registers"],
               ["source", "Sources"], ["page", "Other pages"]];
const results = document.getElementById("search-results");
const statusLine = document.getElementById("heumezu-search-status");
const input = document.getElementById("heumezu-search-input");

// Pagefind's excerpt is escaped text with <mark>…</mark> around the matches: split on the marks,
// decode the entities of each piece as text (an inert parse: nothing runs, nothing loads).
function excerptNodes(excerpt) {
  const decode = (s) => new DOMParser().parseFromString(s, "text/html").documentElement.textContent;
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

function item(data) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const p = document.createElement("p");
  p.className = "heumezu-search-excerpt";
  p.append(...excerptNodes(data.excerpt || ""));
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
  const search = await pagefind.search(query);
  const found = await Promise.all(search.results.map((r) => r.data()));
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
    ul.append(...list.map(item));
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
