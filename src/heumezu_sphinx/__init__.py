"""heumezu_sphinx: the build plumbing of the edition (a Sphinx extension).

The edition itself (:mod:`heumezu`) imports nothing from here, nor from Sphinx; this package
turns its plain data into document nodes and shapes the site. One module, one job:

- ``directives`` and ``nodes``: the evidence as tables, glossary and witness texts, built as nodes;
- ``document_pages``: the documents of the agreement and the American reports, and the ``{passage}`` role;
- ``tei_download``: writes the TEI export and offers it for download;
- ``manifest``: what a build reads, declared once (every stamp and cache follows it);
- ``page_data``: the evidence, loaded once per build; each table a page reads is a dependency of it;
- ``cache``: pages re-read and notebooks re-executed when what they read changed (the manifest);
  no execution that wrote to stderr is kept;
- ``metadata``: page metadata (description, citation, Dublin Core, OpenGraph) from CITATION.cff;
- ``theme``: every fix to the themes' and Sphinx's output, one version guard (the small icon font too);
- ``site_files``: the root redirect page (robots.txt is a static file, book/_extra);
- ``launch``: Binder and Colab launch buttons exactly when the repository's address is set;
- ``runnable``: each chapter's runnable download (notebook, data, package, requirements);
- ``student_setup``: the ``{student-setup}`` directive, how a student runs a download on each machine;
- ``citation_directive``: the ``{heumezu-citation}`` directive, from CITATION.cff;
- ``index_terms``: index entries where the chapters discuss the registers' names;
- ``citation_notes``: the ``{cite:p}`` role as numbered notes (sidenotes on screen, footnotes in the PDF),
  the ``{heumezu-bibliography}`` directive and the registers' short citations (heumezu.notes' forms);
- ``further_reading_directive``: the ``{further-reading}`` lists, from the .bib records;
- ``teaching``: the teaching sections (sphinx-exercise): unique ids; solutions only in HTML and the
  instructor's PDF;
- ``paragraphs``: stable anchors on the chapters' paragraphs, with a ¶ link in HTML;
- ``figure_links``: each figure's image links to its full-size file (HTML only);
- ``tables``: tables too wide for a phone marked at build time, their cells labelled (HTML only);
- ``printing``: what the PDF does differently (colophon, metadata, tables, bibliography, no code);
- ``print_parts``: the web edition's parts (the toc's captions) as the PDF's parts; contents "Contents";
- ``search_index``: titles and index entries escaped in the search index (its page inserts them as HTML);
- ``pagefind_search``: the site's search (Pagefind's extended build, each Chinese or Japanese
  character a word of the index), indexed after every HTML build; pages marked with their kind;
- ``languages``: text in its language (``lang`` in HTML, the language's CJK font in LaTeX), and the
  roles ``{zh-Hant}``, ``{zh-Hans}``, ``{ja}``, ``{ru}`` for runs in the prose;
- ``prose_languages``: the prose's Chinese and Japanese runs tagged as the data tags them (or by kana);
- ``index_links``: the web index names the section of each of its links, not "[1]" ... "[31]".
"""
from __future__ import annotations

from sphinx.application import Sphinx

from . import (
    cache,
    citation_directive,
    citation_notes,
    directives,
    document_pages,
    figure_links,
    further_reading_directive,
    index_links,
    index_terms,
    languages,
    launch,
    metadata,
    page_data,
    pagefind_search,
    paragraphs,
    print_parts,
    printing,
    prose_languages,
    runnable,
    search_index,
    site_files,
    student_setup,
    tables,
    teaching,
    tei_download,
    theme,
)

# Every part of the edition's build is registered here, and only here (_config.yml names this
# package once); teaching sets up sphinx-exercise itself, before its own handlers.
MODULES = (page_data, languages, citation_notes, further_reading_directive, cache, directives, document_pages,
           tei_download, metadata,
           theme, site_files, launch, runnable, citation_directive, index_links, index_terms, paragraphs, tables,
           figure_links, prose_languages, printing, print_parts, search_index, pagefind_search, teaching,
           student_setup)


def setup(app: Sphinx) -> dict:
    for module in MODULES:
        module.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
