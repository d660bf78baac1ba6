/**
 * The frame floor: a reference for our page's warm numbers in this harness. The page answers every query
 * from a Web Worker that echoes the request at once, changes one line of text, and sets the same two
 * marks as our search page, so it shows what the measure costs with no engine and no results to lay
 * out: the worker round trip and, above all, the wait for the next animation frame (a 60 Hz frame
 * clock is 16.7 ms). The benchmark drives it exactly as it drives our page (a URL change through
 * `history.pushState`); the page reacts in a task of its own, as a router does.
 */
export const FRAME_FLOOR_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>帧下限</title>
</head>
<body>
<p id="status">loading</p>
<p id="answer"></p>
<script>
const worker = new Worker(URL.createObjectURL(new Blob(['onmessage = (e) => postMessage(e.data)'], { type: 'text/javascript' })));
const answer = document.getElementById('answer');
worker.onmessage = (e) => {
  answer.textContent = e.data;
  requestAnimationFrame(() => performance.mark('bns:results-painted'));
};
const pushState = history.pushState.bind(history);
history.pushState = (state, unused, url) => {
  pushState(state, unused, url);
  setTimeout(() => {
    performance.mark('bns:search-start');
    worker.postMessage(String(url));
  });
};
window.benchReady = true;
document.getElementById('status').textContent = 'ready';
</script>
</body>
</html>
`;
