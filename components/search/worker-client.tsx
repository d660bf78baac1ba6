import { wrap, type Remote } from 'comlink';
import type { SearchErrorKind, SearchWorkerApi } from './search.worker';

let remote: Remote<SearchWorkerApi> | null = null;

/**
 * The one search worker of this tab, started on first use. It outlives client-side navigation, so the
 * shards a query downloaded on the results page are still there for the article page and back again.
 * Call only in the browser (effects and event handlers).
 */
export function searchWorker(): Remote<SearchWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
    remote = wrap<SearchWorkerApi>(worker);
  }
  return remote;
}

/** A reader-facing sentence for an error thrown by the worker (its `name` carries a {@link SearchErrorKind}). */
export function describeSearchError(e: unknown): string {
  const kind = (e instanceof Error ? e.name : '') as SearchErrorKind | string;
  if (kind === 'fetch') return '索引文件下载失败，请检查网络后重试。';
  if (kind === 'corrupt') return '索引文件已损坏或已更新，请刷新页面或重试。';
  return '搜索出错了，请重试。';
}
