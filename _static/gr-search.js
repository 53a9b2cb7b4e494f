/* The book's search (see _ext/search_sections.py): a substring search over every section of every
   page, so that numbers (1310, 99.12), Chinese words inside longer words (专精特新) and English words
   are found; each result shows a snippet and leads to its section. Works from disk too. */
(function () {
  "use strict";
  const fold = (s) => s.normalize("NFKC").toLowerCase();
  const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  /* An English word of the query also matches its singular (tourists → tourist, cities → city,
     boxes → box), so that a plural finds the sections that use the word once; the search is a
     substring search, so the singular also finds the plural. */
  const forms = (t) => {
    const out = [t];
    if (/^[a-z]{4,}$/.test(t)) {
      if (t.endsWith("ies")) out.push(t.slice(0, -3) + "y");
      else if (/(ss|x|ch|sh|zz)es$/.test(t)) out.push(t.slice(0, -2));
      else if (t.endsWith("s") && !/(ss|us|is)$/.test(t)) out.push(t.slice(0, -1));
    }
    return out;
  };
  const root = () => (document.documentElement.dataset.content_root
                      || (window.DOCUMENTATION_OPTIONS && DOCUMENTATION_OPTIONS.URL_ROOT) || "./");

  function loadData(callback) {
    if (window.GR_SEARCH_DATA) return callback(window.GR_SEARCH_DATA);
    const script = document.createElement("script");
    script.src = root() + "_static/gr-search-data.js";
    script.onload = () => callback(window.GR_SEARCH_DATA || []);
    script.onerror = () => callback([]);
    document.body.appendChild(script);
  }

  function snippet(text, terms) {
    const folded = fold(text);
    let at = -1;
    for (const t of terms.flat()) { const i = folded.indexOf(t); if (i >= 0 && (at < 0 || i < at)) at = i; }
    const start = Math.max(0, at - 60);
    let part = text.slice(start, start + 200);
    let html = escapeHtml(part);
    for (const t of [...new Set(terms.flat())].sort((a, b) => b.length - a.length)) {
      const re = new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
      html = html.replace(re, (m) => `<span class="highlighted">${m}</span>`);
    }
    return (start > 0 ? "… " : "") + html + (start + 200 < text.length ? " …" : "");
  }

  function search(query) {
    const terms = fold(query).split(/\s+/).filter(Boolean).map(forms);
    const out = document.getElementById("search-results");
    if (!out) return;
    out.innerHTML = "";
    const heading = document.createElement("h2");
    heading.textContent = "Search Results";
    const summary = document.createElement("p");
    summary.className = "search-summary";
    summary.textContent = "Searching …";
    out.append(heading, summary);
    loadData((data) => {
      const hits = [];
      for (const s of data) {
        const found = terms.map((alts) => alts.find((t) => s.norm.includes(t)));
        if (found.some((t) => t === undefined)) continue;
        const title = fold(s.title);
        const score = found.reduce((n, t) => n + (title.includes(t) ? 100 : 0) + s.norm.split(t).length - 1, 0);
        hits.push({s, score});
      }
      hits.sort((a, b) => b.score - a.score);
      const list = document.createElement("ul");
      list.className = "search";
      for (const {s} of hits) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = (root() === "./" ? "" : root()) + s.page + (s.anchor ? "#" + s.anchor : "");
        link.textContent = s.title === s.pagetitle ? s.pagetitle : `${s.pagetitle} › ${s.title}`;
        const context = document.createElement("p");
        context.className = "context";
        context.innerHTML = snippet(s.text, terms);
        item.append(link, context);
        list.append(item);
      }
      summary.textContent = hits.length
        ? `Found ${hits.length} section${hits.length === 1 ? "" : "s"} matching “${query}”.`
        : `Nothing found for “${query}”. Check the spelling, or search for fewer words.`;
      out.append(list);
    });
  }

  if (typeof Search !== "undefined") {
    Search.performSearch = search;
  }
})();
