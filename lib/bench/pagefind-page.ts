/**
 * The minimal page the benchmark serves beside a Pagefind bundle: `lang="zh-CN"` (Pagefind segments
 * Chinese queries only on such a page), Pagefind's own JavaScript API, and the same two marks as our
 * search page, so both are timed from the query reaching the engine to the first frame with results.
 *
 * `window.benchSearch(query, filters, wantIds)` runs one search with no debounce, loads the display
 * data of the top 10 results, renders them, and resolves after the next animation frame with the time
 * between the marks and, when asked, every result id (for recall).
 */
export const PAGEFIND_BENCH_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pagefind 基准页</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}li{margin:1rem 0}mark{background:#fde68a}</style>
</head>
<body>
<main>
<p id="status">loading</p>
<ol id="results"></ol>
</main>
<script type="module">
import * as pagefind from '/pagefind/pagefind.js';
await pagefind.options({ excerptLength: 60 });
await pagefind.init();
const list = document.getElementById('results');
const status = document.getElementById('status');
window.benchSearch = async (query, filters, wantIds) => {
  performance.mark('bns:search-start');
  const r = await pagefind.search(query, { filters });
  const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  list.replaceChildren(
    ...top.map((d) => {
      const li = document.createElement('li');
      const h = document.createElement('h3');
      h.textContent = d.meta.title;
      const meta = document.createElement('p');
      meta.textContent = d.meta.date;
      const p = document.createElement('p');
      // Pagefind's excerpt is its own escaped HTML with <mark> around the hits: what its UI renders.
      p.innerHTML = d.excerpt;
      li.append(h, meta, p);
      return li;
    }),
  );
  status.textContent = r.results.length + ' results';
  await new Promise((resolve) => requestAnimationFrame(() => resolve(performance.mark('bns:results-painted'))));
  const [start] = performance.getEntriesByName('bns:search-start').slice(-1);
  const [painted] = performance.getEntriesByName('bns:results-painted').slice(-1);
  return { ms: painted.startTime - start.startTime, total: r.results.length, ids: wantIds ? r.results.map((x) => x.id) : null };
};
window.benchReady = true;
status.textContent = 'ready';
</script>
</body>
</html>
`;
