import { expose } from 'comlink';
import {
  httpFetcher,
  IndexCorruptError,
  IndexFetchError,
  paragraphsOf,
  SearchEngine,
  type Range,
  type SearchRequest,
  type SearchResult,
  type Suggestion,
} from '@/lib/search';

/** What the page needs to know about the index before any query: the empty state's examples and size. */
export interface IndexInfo {
  docCount: number;
  examples: string[];
  builtAt: string;
}

/** A text with the query's occurrences marked. */
export interface HighlightedText {
  text: string;
  highlights: Range[];
}

/** Everything the article page shows: the document cut into paragraphs, each with its own highlights. */
export interface ArticleData {
  id: string;
  title: HighlightedText;
  date: string | null;
  source: string | null;
  url: string | null;
  /** The article's page on the site it comes from (`SearchHit.link`), or null. */
  link: string | null;
  banks: string[];
  paragraphs: HighlightedText[];
  related: { id: string; title: string; date: string | null; source: string | null }[];
}

/**
 * Why a call failed, as a reader should hear it. Errors cross the worker boundary as plain
 * name + message, so the class is flattened into `name` here.
 */
export type SearchErrorKind = 'fetch' | 'corrupt' | 'other';

function rethrow(e: unknown): never {
  const kind: SearchErrorKind = e instanceof IndexFetchError ? 'fetch' : e instanceof IndexCorruptError ? 'corrupt' : 'other';
  const err = new Error(e instanceof Error ? e.message : String(e));
  err.name = kind;
  throw err;
}

/**
 * Next inlines this at build time (next.config.ts): the path the site is served under, '' at the root.
 * Declared here because the worker's type check has no Node types.
 */
declare const process: { env: { NEXT_PUBLIC_BASE_PATH?: string } };

/** The index folder: `public/search/` is exported as `search/` beside the pages, under the base path. */
const INDEX_PATH = `${process.env.NEXT_PUBLIC_BASE_PATH ?? ''}/search/`;

let engine: Promise<SearchEngine> | null = null;

function open(): Promise<SearchEngine> {
  if (!engine) {
    const opening = SearchEngine.open(httpFetcher(new URL(INDEX_PATH, self.location.href).href));
    engine = opening;
    // A failed manifest download must not stick: the next call (the reader's 重试) opens again.
    opening.catch(() => {
      if (engine === opening) engine = null;
    });
  }
  return engine;
}

let readAhead = false;

/**
 * Starts reading what every search needs (`SearchEngine.preload`) once the page has its first answer: the
 * newest articles it opens on, whose download the columns would otherwise share on a slow link, or a linked
 * query's, which has read them already. Only the search page searches; an article page opened alone reads none.
 */
function readAheadOnce(e: SearchEngine): void {
  if (readAhead) return;
  readAhead = true;
  void e.preload();
}

/** `ask`'s answer from the open engine, the reading ahead started once it is out. */
async function answer(ask: (e: SearchEngine) => Promise<SearchResult>): Promise<SearchResult> {
  const e = await open();
  try {
    return await ask(e);
  } finally {
    readAheadOnce(e);
  }
}

const api = {
  /** Opens the index (downloads the manifest) and describes it. */
  async info(): Promise<IndexInfo> {
    try {
      const m = (await open()).manifest;
      return { docCount: m.docCount, examples: m.examples.filter((x) => typeof x === 'string').slice(0, 12), builtAt: m.builtAt };
    } catch (e) {
      rethrow(e);
    }
  },

  async search(request: SearchRequest): Promise<SearchResult> {
    try {
      return await answer((e) => e.search(request));
    } catch (e) {
      rethrow(e);
    }
  },

  /**
   * The answer as soon as its hits can be shown, its facet counts possibly to come (`facetsPending`; then `search`
   * completes it); with `countsShown` false (the filters folded away), without reading even a word's stored counts.
   */
  async searchFirst(request: SearchRequest, countsShown: boolean): Promise<SearchResult> {
    try {
      return await answer((e) => e.searchFirst(request, countsShown));
    } catch (e) {
      rethrow(e);
    }
  },

  /** Reads the facet values a filter's counts need, the reader having turned to the filters; whether they are in memory. Never fails. */
  async readFacetsAhead(): Promise<boolean> {
    try {
      return await (await open()).preloadFacetValues();
    } catch {
      // The index could not be opened: the search that needs the values says so.
      return false;
    }
  },

  /** Completions of what is typed, each with what searching it finds; none when the index cannot be read (typing must never fail). */
  async suggest(typed: string): Promise<Suggestion[]> {
    try {
      return await (await open()).suggest(typed);
    } catch {
      return [];
    }
  },

  /** The article `id` with `query` marked, or null when the index has no such id. */
  async article(id: string, query: string): Promise<ArticleData | null> {
    try {
      const view = await (await open()).getDocument(id, query);
      if (!view) return null;
      const { doc } = view;
      return {
        id: doc.id,
        title: { text: doc.title, highlights: view.titleHighlights },
        date: doc.date,
        source: doc.source,
        url: doc.url,
        link: doc.link ?? null,
        banks: doc.banks,
        paragraphs: paragraphsOf(doc.text, view.textHighlights),
        related: view.related,
      };
    } catch (e) {
      rethrow(e);
    }
  },
};

/** The worker's interface, as the page sees it through comlink. */
export type SearchWorkerApi = typeof api;

expose(api);
