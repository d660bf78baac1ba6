import {
  canSuggest,
  decodeReadings,
  decodeSuggestShard,
  decodeWordFacets,
  facetTerm,
  foldText,
  IndexFormatError,
  isDeletedFileName,
  isGenerationName,
  isOrderFileName,
  RANK_FILE,
  readingsShardOf,
  suggestShardOf,
  termUnits,
  wordFacetsShardOf,
  type CharTable,
  type FacetCounts,
  type FragmentDoc,
  type Manifest,
  type Postings,
  type RankColumns,
  type SuggestEntry,
} from '../index-format';
import { countsOfNoMatch, facetCountsOf, filterAndCount, filteredFacets, NO_NARROWING, type ResultFacets } from './facets';
import { decodeHomeAnswer, isHomeRequest } from './home';
import { IndexLoader, type Fetcher, type LoaderOptions } from './loader';
import { alignTo, indexOf, intersect, subtract, union } from './postings';
import { normalizeTerm, parseQuery, type ParsedQuery, type QueryTerm } from './query';
import { pageOrder, relevanceBefore, score, topIndexes, withPhraseTier } from './rank';
import { checkRequest, PAGE_SIZE, type CheckedRequest, type SearchRequest } from './request';
import { SegmentedIndex } from './segments';
import { containsTerm, highlightRanges, makeSnippet, type Range, type Snippet } from './snippet';
import { completions, correctionsOf, mayBePinyin, nearestTerms, pinyinTarget, soundAlike, spellings, type Suggestion } from './suggest';

/** One result. */
export interface SearchHit {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  banks: string[];
  url: string | null;
  /** The article's own page on the site it comes from, when the index was built with `--link`: a path or an http(s) URL. */
  link: string | null;
  score: number;
  snippet: Snippet;
  titleHighlights: Range[];
  /** Id of the first member of the hit's near-duplicate cluster, or null. */
  cluster: string | null;
}

/** The answer: the JSON contract of `npm run search -- --json` and of the browser. */
export interface SearchResult {
  query: string;
  total: number;
  tookMs: number;
  hits: SearchHit[];
  /** Exact counts over every match: per facet value (see `FACETS`) and per month. */
  facets: ResultFacets;
  /**
   * True only in an answer of {@link SearchEngine.searchFirst} given before the facet values arrived: the
   * facet values' counts are still empty (the months' are not); {@link SearchEngine.search} of the same
   * request has them.
   */
  facetsPending: boolean;
  /** Bank aliases the query was widened with: 交行 → 交通银行. */
  expanded: { term: string; to: string }[];
  /**
   * False only when a term longer than the index's n-grams (or a phrase with spaces) had more candidate
   * documents than `verifyDocs` allows checking against their text: then `total` may count a few
   * documents that hold the term's pieces but not the term.
   */
  exact: boolean;
  /**
   * Set when the query, Latin letters that find nothing, is the pinyin of an offered term (jtyh → 交通银行) and
   * the answer is that term's: `from` the letters, `to` the term. A request with `literal` never does this.
   */
  pinyin: { from: string; to: string } | null;
  /** For a query that finds nothing: the offered terms that sound the same (浦汇 → 普惠), then those one character away (交通很行 → 交通银行), with their counts. */
  corrections: Suggestion[];
}

/** A document with the other members of its near-duplicate cluster, for the article page. */
export interface DocumentView {
  doc: FragmentDoc;
  related: { id: string; title: string; date: string | null; source: string | null }[];
  /** Where the query's terms (bank aliases included) stand in `doc.title` and in `doc.text`. */
  titleHighlights: Range[];
  textHighlights: Range[];
}

/** Options of {@link SearchEngine}. */
export interface SearchOptions {
  loader: Partial<LoaderOptions>;
  /** Page size when a request names none. */
  defaultLimit: number;
  /** Largest page a request may ask for. */
  maxLimit: number;
  /** BM25 parameters. */
  k1: number;
  b: number;
  /**
   * Most documents whose text is read to check candidates of terms the n-grams cannot decide alone. A
   * number of documents, not of files, so that the answer does not depend on how the index is laid out.
   */
  verifyDocs: number;
  /**
   * Answer the request without a query from the answer the build stored (the manifest's `home`), when there
   * is one: the same answer, without the columns of every document. Off, the engine works it out.
   */
  storedHome: boolean;
  /**
   * Count the facets of a query of one offered word without a filter or a date range from the counts the
   * build stored for it (the manifest's `wordFacets`), when it did: the same counts, without every
   * document's facet values. Off, the engine counts them.
   */
  storedFacets: boolean;
  /**
   * {@link SearchEngine.preload} reads the rank columns ahead of any query when the index holds at most this
   * many documents (deleted ones included): about 0.9 bytes each on the wire, so 250,000 documents cost a
   * page about 230 KB it downloads while the reader types. A larger index reads them with its first query.
   */
  preloadDocs: number;
}

/** What searching a word finds without a filter: {@link SearchEngine.tally}. */
export interface Tally {
  total: number;
  facets: FacetCounts;
}

/** The query's one term, when it is one clause of one term and excludes nothing (no operator, no alias that widens it); else null. */
function onlyTerm(parsed: ParsedQuery): QueryTerm | null {
  return parsed.clauses.length === 1 && parsed.clauses[0]!.length === 1 && parsed.excluded.length === 0 ? parsed.clauses[0]![0]! : null;
}

/**
 * The key the build stores a query's facet counts under (word-facets.ts): its one word, folded, when the
 * query is that word alone and not quoted; else null, and the query's counts are never stored.
 */
function storedFacetsKey(parsed: ParsedQuery): string | null {
  const only = onlyTerm(parsed);
  return only && !only.phrase ? only.folded : null;
}

/** What {@link SearchEngine.open} uses where its options name nothing. @public */
export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  loader: {},
  defaultLimit: PAGE_SIZE,
  maxLimit: 100,
  k1: 1.2,
  b: 0.75,
  verifyDocs: 60,
  storedHome: true,
  storedFacets: true,
  preloadDocs: 250_000,
};

/**
 * How far past the page a search reads the text of the whole-query phrase's candidates at a time, in pages:
 * about half of them hold the phrase, so one round of downloads usually fills the page, at a few more
 * documents' text than it shows.
 */
const PHRASE_LOOKAHEAD = 3;

/**
 * What reading one document's text costs beyond about a byte per folded character: the rest of its display
 * data (members of 1,376 bytes for documents of about 1,000 characters in the bench's indexes), a pack
 * header and the two requests' headers, weighed against the phrase's positions.
 */
const PHRASE_TEXT_BYTES = 600;

/**
 * A round trip weighed in bytes: what a phone link (150 ms, 1.6 Mbit/s; the bench's) moves meanwhile. The
 * positions take one (their pack headers are read with the shards); each round of reading text after the
 * first takes two (pack headers, then members), where the first shares them with the page's own display data.
 */
const PHRASE_ROUND_TRIP_BYTES = 30_000;

/** A phrase read from text: of Chinese characters only, whose 4-grams chain exactly where the folded text holds it. */
const PHRASE_TEXT_CHARS = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/;

/** Every term a plan looks up: each alternative of each clause, the exclusions and the whole-query phrase. */
function termsOf({ parsed, phrase }: QueryPlan): QueryTerm[] {
  return [...parsed.clauses.flat(), ...parsed.excluded, ...(phrase ? [phrase] : [])];
}

/** The units whose postings a plan needs, and the chain links whose positions it may need too. */
function unitsOf(plan: QueryPlan): { units: Set<string>; links: Set<string> } {
  const terms = termsOf(plan);
  return { units: new Set(terms.flatMap((t) => t.units)), links: new Set(terms.flatMap((t) => t.chain.map((c) => c.unit))) };
}

/**
 * The documents that hold every unit of `term` (a superset of the term's matches, which its chain then
 * settles); empty as soon as a unit has no postings or the units share no document.
 */
function unitDocs(term: QueryTerm, postings: ReadonlyMap<string, Postings | null>): Uint32Array {
  let docs: Uint32Array | null = null;
  for (const u of term.units) {
    const p = postings.get(u) ?? null;
    if (!p) return new Uint32Array(0);
    docs = docs ? intersect(docs, p.docs) : p.docs;
    if (docs.length === 0) break;
  }
  return docs ?? new Uint32Array(0);
}

/**
 * The most selected values a first answer filters by their own document lists: each costs a term shard a segment
 * and the value's list in it (a large bank's or source's list is most of its shard), and every document's facet
 * values (`facets.bin`, 51 KB at 20,000 articles) serve any number.
 */
const SELECTED_LISTS_MAX = 4;

/** How many values `req` selects, over every facet. */
function selectedValueCount(req: CheckedRequest): number {
  return filteredFacets(req).reduce((n, key) => n + req.filters[key].length, 0);
}

/** What the index is asked for a query: each unit's postings, and each chain link's postings with positions. */
export interface Lookups {
  postings: Map<string, Postings | null>;
  positioned: Map<string, Postings | null>;
}

/** A query parsed, widened by bank aliases, with the table that folded it and what it needs of the index. */
interface QueryPlan {
  parsed: ParsedQuery;
  table: CharTable | null;
  expanded: SearchResult['expanded'];
  /** The whole query as one term, ranked above scattered terms (see {@link wholeQueryPhrase}). */
  phrase: QueryTerm | null;
}

/**
 * The table to fold a document's text with: its own entries, then the query's (through the prototype,
 * so nothing is copied). The query's alone may lack characters only the document has.
 */
function documentTable(table: CharTable | null, doc: Pick<FragmentDoc, 'chars'>): CharTable | null {
  if (!doc.chars) return table;
  return Object.assign(Object.create(table) as Record<string, string>, doc.chars);
}

/** A document's title and text folded as the index folded them, for reading a term in them. */
function foldedFields(doc: FragmentDoc, table: CharTable | null): [string, string] {
  const t = documentTable(table, doc);
  return [foldText(doc.title, t), foldText(doc.text, t)];
}

/**
 * The whole query as one term (交通银行 普惠 → 交通银行普惠), when it has several plain clauses and the
 * index can decide that term without reading text; null otherwise.
 */
function wholeQueryPhrase(parsed: ParsedQuery, table: Record<string, string> | null): QueryTerm | null {
  if (parsed.clauses.length < 2 || parsed.clauses.some((c) => c.length !== 1)) return null;
  // Folding drops the space between two Chinese characters, so 交通银行 普惠 becomes one run; Latin words stay apart.
  const raw = parsed.clauses.map((c) => c[0]!.raw).join(' ');
  const folded = normalizeTerm(raw, table);
  const { units, chain, needsCheck } = termUnits(folded);
  return units.length && !needsCheck ? { raw, folded, units, chain, needsCheck, phrase: true } : null;
}

/** Every folded term a reader should see marked: each alternative of each clause, never an excluded one. */
function termsToHighlight(parsed: ParsedQuery): string[] {
  return [...new Set(parsed.clauses.flat().map((t) => t.folded))];
}

/**
 * The documents of `docs` (ascending) where each n-gram of `chain` occurs at its offset from one start: the
 * whole long term is there. One walk: each link's documents are passed once, as `docs` ascend, where a
 * search per document cost most of a warm query of 数字人民币 at 100,000 articles.
 */
function chainDocs(docs: Uint32Array, chain: { postings: Postings; offset: number }[]): Uint32Array {
  const links = chain.map(({ postings, offset }) => ({ docs: postings.docs, posStart: postings.posStart, positions: postings.positions, offset }));
  if (links.some((l) => !l.posStart || !l.positions)) return new Uint32Array(0);
  const at = new Uint32Array(links.length);
  const out = new Uint32Array(docs.length);
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    let everyLink = true;
    for (let k = 0; k < links.length; k++) {
      const link = links[k]!;
      let j = at[k]!;
      while (j < link.docs.length && link.docs[j]! < d) j++;
      at[k] = j;
      if (link.docs[j] !== d) everyLink = false;
    }
    if (!everyLink) continue;
    const first = links[0]!;
    // Lists hold a term's few occurrences in one document: a scan beats building sets.
    let found = false;
    for (let x = first.posStart![at[0]!]!; x < first.posStart![at[0]! + 1]! && !found; x++) {
      const start = first.positions![x]!;
      found = true;
      for (let k = 1; k < links.length && found; k++) {
        const link = links[k]!;
        const want = start + link.offset;
        found = false;
        for (let y = link.posStart![at[k]!]!; y < link.posStart![at[k]! + 1]!; y++) {
          if (link.positions![y] === want) {
            found = true;
            break;
          }
        }
      }
    }
    if (found) out[n++] = d;
  }
  return out.slice(0, n);
}

/**
 * Whether `path` (relative to the index folder, `/`-separated) names a file {@link SearchEngine.preload} may
 * read: a segment's rank columns, or a deletions or order file, which renumbering several segments reads.
 */
export function isPreloadPath(path: string): boolean {
  const parts = path.split('/');
  if (parts.length === 2) return isGenerationName(parts[0]!) && parts[1] === RANK_FILE;
  return parts.length === 1 && (isDeletedFileName(parts[0]!) || isOrderFileName(parts[0]!));
}

/**
 * Searches an index through any {@link Fetcher}. The same code runs in the browser's worker, in the CLI
 * and in tests. A search is a plan in six steps: parse (and widen by bank aliases), fetch the shards of
 * the query's own units, match, filter and count (facets.ts), rank and pick the page (rank.ts), and build
 * the page's snippets from the fragments of its hits.
 */
export class SearchEngine {
  private readonly index: SegmentedIndex;

  private constructor(
    private readonly loader: IndexLoader,
    private readonly opts: SearchOptions,
  ) {
    this.index = new SegmentedIndex(loader);
  }

  static async open(fetcher: Fetcher, options: Partial<SearchOptions> = {}): Promise<SearchEngine> {
    const opts = { ...DEFAULT_SEARCH_OPTIONS, ...options };
    return new SearchEngine(await IndexLoader.open(fetcher, opts.loader), opts);
  }

  get manifest(): Manifest {
    return this.loader.manifest;
  }

  /**
   * Reads ahead what every search reads whatever its terms, when the index is small enough
   * ({@link SearchOptions.preloadDocs}): each document's day and length, which ranking and a date range need,
   * and the slot sizes that let the results' display data be read in the same round trip as each other. The
   * first query then waits only for its own postings and display data, as Pagefind's waits only for its index
   * chunks after its metadata (word counts) loaded with the engine. A search that needs them meanwhile shares
   * the one download. Resolves when they are in memory, or at once when the index is too large; never rejects:
   * a failure is forgotten, and the first search reads again. What it reads: {@link isPreloadPath}.
   */
  async preload(): Promise<void> {
    const held = this.manifest.segments.reduce((n, s) => n + s.docCount, 0);
    if (held > this.opts.preloadDocs) return;
    await this.index.rank().catch(() => {});
  }

  /**
   * Reads ahead every document's facet values, which the counts of a filtered answer need: a page calls it when the reader
   * turns to the filters, since a first query of an offered word has its counts without them
   * ({@link SearchOptions.storedFacets}). Resolves to whether they are in memory; never rejects: a failure is
   * forgotten, and the search that needs them reads again.
   */
  async preloadFacetValues(): Promise<boolean> {
    return this.index.facetValues().then(
      () => true,
      () => false,
    );
  }

  /**
   * Parses `query`, widens each clause and the exclusions by the bank aliases they name, and forms the
   * whole-query phrase when `ranked`: only ranking by relevance reads it, and it costs the postings of the
   * units that cross the terms' boundaries and often the positions of the terms themselves.
   */
  private async plan(query: string, ranked = true): Promise<QueryPlan> {
    return this.planWith(query, await this.loader.charTable(query), ranked);
  }

  private planWith(query: string, table: CharTable | null, ranked: boolean): QueryPlan {
    const parsed = parseQuery(query, table);
    const expanded: SearchResult['expanded'] = [];
    const aliasOf = this.aliases();
    // An alternative is searched (or excluded) where its alias is: 交行 finds 交通银行 too, -交行 excludes it too.
    for (const terms of [...parsed.clauses, parsed.excluded]) {
      const negated = terms === parsed.excluded;
      for (const term of [...terms]) {
        const to = aliasOf.get(term.folded);
        if (!to || term.phrase) continue;
        const alt = parseQuery(to, table).clauses[0]?.[0];
        if (alt && !terms.some((t) => t.folded === alt.folded)) {
          terms.push(alt);
          expanded.push(negated ? { term: `-${term.raw}`, to: `-${to}` } : { term: term.raw, to });
        }
      }
    }
    return { parsed, table, expanded, phrase: ranked ? wholeQueryPhrase(parsed, table) : null };
  }

  /** Folded alias → bank name, built once per engine. */
  private aliasMap: Map<string, string> | null = null;

  private aliases(): Map<string, string> {
    if (!this.aliasMap) {
      this.aliasMap = new Map();
      // The build folds aliases with the whole character table, so no table is needed here.
      // Whole aliases only: a multi-word alias (Bank of China) is never keyed by one of its words.
      for (const b of this.manifest.banks) for (const a of b.aliases) this.aliasMap.set(normalizeTerm(a, null), b.name);
    }
    return this.aliasMap;
  }

  /**
   * Fetches the postings of every unit of the plan in parallel, and for each term with a chain, once its
   * own units' postings are in, the positions of its links, unless those units share no document: then
   * the term matches nothing whatever the positions say. That spares a wave and the largest files of a
   * first query (a common 4-gram's positions cover every document holding it) whenever a long term, or the
   * whole query read as one phrase for ranking, does not occur. The phrase's positions only when
   * `phrasePositions`: a search decides where they are worth reading ({@link placePhrase}).
   */
  private async fetchLookups(plan: QueryPlan, phrasePositions: boolean): Promise<Lookups> {
    const terms = termsOf(plan);
    const lookups = new Map<string, Promise<Postings | null>>();
    const lookup = (u: string) => {
      let p = lookups.get(u);
      if (!p) lookups.set(u, (p = this.index.postings(u)));
      return p;
    };
    const out: Lookups = { postings: new Map(), positioned: new Map() };
    const positions = new Map<string, Promise<void>>();
    const position = (u: string) => {
      let p = positions.get(u);
      if (!p) {
        p = lookup(u).then(async (post) => void out.positioned.set(u, post ? await this.index.withPositions(u, post) : null));
        positions.set(u, p);
      }
      return p;
    };
    await Promise.all([
      ...[...unitsOf(plan).units].map(async (u) => out.postings.set(u, await lookup(u))),
      ...terms
        .filter((t) => t.chain.length > 0 && (phrasePositions || t !== plan.phrase))
        .map(async (t) => {
          const own = new Map(await Promise.all(t.units.map(async (u) => [u, await lookup(u)] as const)));
          if (unitDocs(t, own).length > 0) await Promise.all(t.chain.map((c) => position(c.unit)));
        }),
    ]);
    return out;
  }

  /**
   * Starts downloading the term shards `query` needs as if the character table changed none of its
   * characters, while the table's parts for them load: for a query in simplified characters (the usual)
   * the shards then arrive with the table instead of a round trip after it. A traditional character costs
   * a shard that may go unused.
   */
  private prefetch(query: string, ranked: boolean): void {
    const { units, links } = unitsOf(this.planWith(query, null, ranked));
    this.index.prefetch(units, links);
  }

  /** What a search for `query` fetches from the term and position shards, for measuring it (lib/bench). */
  async lookups(query: string): Promise<Lookups> {
    return this.fetchLookups(await this.plan(typeof query === 'string' ? query : ''), true);
  }

  private termDocs(term: QueryTerm, { postings, positioned }: Lookups): Uint32Array {
    const docs = unitDocs(term, postings);
    // Units that share no document need no positions, and fetchLookups fetched none for them.
    if (docs.length === 0 || term.chain.length === 0) return docs;
    const chain: { postings: Postings; offset: number }[] = [];
    for (const c of term.chain) {
      const p = positioned.get(c.unit);
      if (!p) throw new IndexFormatError('a position shard', `has no positions for "${c.unit}", which has postings`);
      chain.push({ postings: p, offset: c.offset });
    }
    return chainDocs(docs, chain);
  }

  /** Runs a search. Never throws for anything a reader can type; throws only if the index cannot be loaded. */
  search(request: SearchRequest): Promise<SearchResult> {
    return this.run(request, true);
  }

  /**
   * The answer as soon as its hits can be shown: that of {@link search}, except that while the facet values
   * are not in memory a request is answered without waiting for them, its facet counts left to come
   * (`facetsPending`). Ranking, sorting, dates and the month counts need only each document's day and length,
   * and a facet filter only the documents of each selected value (stored as a unit's postings), so a reader's
   * first query is painted without every document's facet values; {@link search} of the same request then
   * gives the exact counts. Once the facet values are in memory (after one such search) this is {@link search}.
   *
   * `countsShown` false says the caller shows no facet counts yet (a phone's folded filters): then the answer
   * does not read a word's stored counts either ({@link SearchOptions.storedFacets}); the caller asks
   * {@link search} when it shows them.
   */
  searchFirst(request: SearchRequest, countsShown = true): Promise<SearchResult> {
    return this.run(request, false, countsShown);
  }

  private async run(request: SearchRequest, countFacets: boolean, storedCounts = true): Promise<SearchResult> {
    const started = performance.now();
    const req = checkRequest(request, this.opts);
    const result = await this.answer(req, started, countFacets, storedCounts);
    if (result.total > 0 || this.manifest.suggest.length === 0) return result;
    // Nothing found: letters that spell an offered term's pinyin search that term; else nearby terms are offered.
    const letters = req.query.trim().toLowerCase();
    if (!req.literal && mayBePinyin(letters)) {
      const target = pinyinTarget(await this.suggestEntries(letters), letters);
      if (target) {
        const instead = await this.answer({ ...req, query: target.term }, started, countFacets, storedCounts);
        if (instead.total > 0) return { ...instead, query: req.query, pinyin: { from: letters, to: target.term } };
      }
    }
    const table = await this.loader.charTable(req.query);
    const folded = normalizeTerm(req.query.trim(), table);
    if (!/^[\u3400-\u4dbf\u4e00-\u9fff]{2,12}$/.test(folded)) return result;
    // A character substituted or missing keeps the first or the second; one too many at the start keeps the second.
    const heads = [...new Set([folded, [...folded].slice(1).join('')])];
    const spelt = spellings(await Promise.all([...folded].map((c) => this.readingsOf(c))));
    const [entries, sounding] = await Promise.all([
      Promise.all(heads.map((h) => this.suggestEntries(h))).then((all) => all.flat()),
      Promise.all(spelt.map((key) => this.suggestEntries(key))).then((all) => soundAlike(all.flat(), spelt, folded)),
    ]);
    return { ...result, corrections: correctionsOf(sounding, nearestTerms(entries, folded)) };
  }

  /** The readings of Chinese character `char`, from its readings file; undefined when the index has none for it. */
  private async readingsOf(char: string): Promise<string[] | undefined> {
    const files = this.manifest.readings;
    if (files.length === 0) return undefined;
    return (await this.loader.rootFile(files[readingsShardOf(char, files.length)]!, decodeReadings)).get(char);
  }

  /** The entries of the suggestion file that holds the keys beginning as `key` does; none when the index has no suggestions. */
  private async suggestEntries(key: string): Promise<SuggestEntry[]> {
    const files = this.manifest.suggest;
    if (files.length === 0 || !canSuggest(key)) return [];
    return this.loader.rootFile(files[suggestShardOf(key, files.length)]!, decodeSuggestShard);
  }

  /**
   * Completions of what a reader has typed so far (one word: no space, no operator), each with what
   * searching it finds. Fetches at most one small file; the same beginning is read from memory after.
   */
  async suggest(typed: string): Promise<Suggestion[]> {
    const text = typeof typed === 'string' ? typed.trim() : '';
    if (text === '' || /[\s"]/.test(text) || text.startsWith('-')) return [];
    const prefix = normalizeTerm(text, await this.loader.charTable(text));
    if (prefix === '' || /\s/.test(prefix)) return [];
    return completions(await this.suggestEntries(prefix), prefix);
  }

  private async answer(req: CheckedRequest, started: number, countFacets: boolean, storedCounts: boolean): Promise<SearchResult> {
    const home = this.manifest.home;
    if (home !== null && this.opts.storedHome && isHomeRequest(req)) {
      const stored = await this.loader.rootFile(home, decodeHomeAnswer);
      return { ...stored, facetsPending: false, query: req.query, tookMs: Math.round((performance.now() - started) * 100) / 100 };
    }
    const ranked = req.sort === 'relevance';
    this.prefetch(req.query, ranked);
    // Counts the build stored serve a query of one offered word that nothing narrows, until the facet values are
    // in memory anyway. Whether the query is one word does not wait for the character table: any other starts
    // on the facet values at once, as before.
    const filtered = filteredFacets(req).length > 0;
    // A first answer filters by the selected values' own document lists: every document's values are for counting.
    const selected = filtered && !countFacets && !this.index.facetValuesLoaded && selectedValueCount(req) <= SELECTED_LISTS_MAX ? this.selectedDocs(req) : null;
    // Awaited below, unless an earlier step fails: then its own failure is not left unhandled.
    selected?.catch(() => {});
    const mayBeStored =
      storedCounts &&
      this.opts.storedFacets &&
      this.manifest.wordFacets.length > 0 &&
      !this.index.facetValuesLoaded &&
      !filtered &&
      req.fromDay === null &&
      req.toDay === null &&
      this.prefetchStoredFacets(req.query);
    const needValues = !mayBeStored && selected === null && (countFacets || this.index.facetValuesLoaded || filtered);
    const [plan, columns, early] = await Promise.all([this.plan(req.query, ranked), this.index.rank(), needValues ? this.index.facetValues() : null]);
    const { parsed, table, phrase } = plan;
    const [lookups, { stored, values }, selectedDocs] = await Promise.all([
      this.fetchLookups(plan, false),
      mayBeStored
        ? this.storedFacets(plan).then(async (s) => ({ stored: s, values: s === null && countFacets ? await this.index.facetValues() : null }))
        : { stored: null, values: early },
      selected,
    ]);
    const checked = await this.matching(plan, lookups, columns.docCount);

    // Filtered by the values' lists already, the matches are narrowed by the dates alone; the months count as the
    // facet filters leave them, which is what they count when the values filter.
    const counted = selectedDocs
      ? filterAndCount(intersect(checked.docs, selectedDocs), columns, null, { ...req, filters: NO_NARROWING.filters })
      : filterAndCount(checked.docs, columns, values, req);
    const { final } = counted;
    // Nothing matched before the facet filters: their counts are known without any value (each selected one at 0).
    const noneToCount = selectedDocs !== null && checked.docs.length === 0;
    // The stored counts in place of the empty ones, in the answer's order of facets.
    const facets: ResultFacets = stored || noneToCount ? { ...counted.facets, ...(stored ?? countsOfNoMatch(req)) } : counted.facets;
    const rankContext = { k1: this.opts.k1, b: this.opts.b, docCount: columns.docCount, avgLength: this.manifest.avgLength, columns };
    const scores = req.sort === 'relevance' ? score(final, parsed, lookups.postings, rankContext) : null;
    if (scores && phrase) await this.placePhrase(phrase, lookups, final, scores, columns, req.offset + req.limit);
    const pageAt = pageOrder(final, req.sort, scores, columns, req.offset, req.limit);
    const highlightTerms = termsToHighlight(parsed);
    const docs = await Promise.all(pageAt.map((i) => this.fragmentDoc(final[i]!)));
    const hits: SearchHit[] = docs.map((doc, i) => {
      const docChars = documentTable(table, doc);
      return {
        id: doc.id,
        title: doc.title,
        date: doc.date,
        source: doc.source,
        banks: doc.banks,
        url: doc.url,
        link: doc.link ?? null,
        score: scores ? Math.round(scores[pageAt[i]!]! * 1000) / 1000 : 0,
        snippet: makeSnippet(doc.text, highlightTerms, docChars),
        titleHighlights: highlightRanges(doc.title, highlightTerms, docChars),
        cluster: doc.cluster,
      };
    });
    return {
      query: req.query,
      total: final.length,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      hits,
      facets,
      // No match leaves every count empty, as the values would: nothing is to come. Filtered, a facet's counts
      // ignore its own selection, so any match before the filters leaves them to come.
      facetsPending: values === null && stored === null && (selectedDocs ? checked.docs : final).length > 0,
      expanded: plan.expanded,
      exact: checked.exact,
      pinyin: null,
      corrections: [],
    };
  }

  /**
   * Adds the phrase tier to `scores` (of `final`, by relevance without it) wherever the first `need` places
   * of the order depend on it, so that the page is the one the tier for every document would give. The
   * documents holding all the phrase's units may hold it; the phrase's positions settle them all at once,
   * but those are a common 4-gram's (every article with 工商银行, for 工商银行 普惠金融), often the largest
   * files of a query. So the best candidates are read as text instead, as long as that costs less (bytes and
   * round trips, {@link PHRASE_ROUND_TRIP_BYTES}): in falling order of their score with the tier, a few pages'
   * worth at a time, until the first `need` places hold no candidate still unread. A candidate left unread scores below every place of the page whatever it
   * holds, so its score does not matter there.
   */
  private async placePhrase(phrase: QueryTerm, lookups: Lookups, final: Uint32Array, scores: Float64Array, columns: RankColumns, need: number): Promise<void> {
    const holders = unitDocs(phrase, lookups.postings);
    if (holders.length === 0) return;
    // Per place: 0 not a candidate, 1 a candidate not read yet, 2 holds the phrase, 3 does not.
    const state = alignTo({ docs: holders, values: new Uint8Array(holders.length).fill(1) }, final);
    // No 4-gram chains from the title into the body, and the text is read title and body apart.
    const positionBytes = PHRASE_TEXT_CHARS.test(phrase.folded) ? await this.index.positionBytes(phrase.chain.map((c) => c.unit)) : 0;
    // Positions in memory already (or none needed: a phrase of one 4-gram) cost nothing to read; and where
    // the host sends whole packs for ranges, each document read would cost a pack of 64 (the header read
    // with the shards has told).
    let budget = positionBytes > 0 && !this.loader.wholeFilesForRanges ? positionBytes + PHRASE_ROUND_TRIP_BYTES : 0;
    for (let round = 0; ; round++) {
      const optimistic = Float64Array.from(scores, (s, i) => (state[i] === 1 || state[i] === 2 ? withPhraseTier(s) : s));
      const ahead = topIndexes(final.length, need * PHRASE_LOOKAHEAD, relevanceBefore(optimistic));
      if (!ahead.slice(0, need).some((i) => state[i] === 1)) break;
      const unread = ahead.filter((i) => state[i] === 1);
      budget -= unread.reduce((sum, i) => sum + PHRASE_TEXT_BYTES + columns.length[final[i]!]!, round > 0 ? 2 * PHRASE_ROUND_TRIP_BYTES : 0);
      if (budget < 0) {
        const found = await this.phraseDocs(phrase, lookups);
        const holds = alignTo({ docs: found, values: new Uint8Array(found.length).fill(1) }, final);
        for (let i = 0; i < final.length; i++) if (state[i] === 1) state[i] = holds[i] ? 2 : 3;
        break;
      }
      // Folded afresh, not kept as countInText keeps it: a reader's searches would hold every text read so twice.
      const texts = await Promise.all(unread.map(async (i) => foldedFields(await this.fragmentDoc(final[i]!), null)));
      unread.forEach((i, k) => (state[i] = texts[k]!.some((f) => containsTerm(f, phrase.folded)) ? 2 : 3));
    }
    for (let i = 0; i < final.length; i++) if (state[i] === 2) scores[i] = withPhraseTier(scores[i]!);
  }

  /**
   * The documents that hold the whole-query phrase, from its positions (read now if the search has not read
   * them). Its links are among its units, whose postings the search holds.
   */
  private async phraseDocs(phrase: QueryTerm, lookups: Lookups): Promise<Uint32Array> {
    await Promise.all(
      phrase.chain.map(async ({ unit }) => {
        if (lookups.positioned.has(unit)) return;
        const post = lookups.postings.get(unit) ?? null;
        lookups.positioned.set(unit, post ? await this.index.withPositions(unit, post) : null);
      }),
    );
    return this.termDocs(phrase, lookups);
  }

  /** The documents the query's clauses and exclusions select, settled against their text where the n-grams cannot decide. */
  private async matching(plan: QueryPlan, lookups: Lookups, docCount: number): Promise<{ docs: Uint32Array; exact: boolean }> {
    const { parsed, table } = plan;
    const termDocs = new Map<QueryTerm, Uint32Array>();
    for (const t of [...parsed.clauses.flat(), ...parsed.excluded]) termDocs.set(t, this.termDocs(t, lookups));
    let matched: Uint32Array;
    if (parsed.clauses.length === 0) {
      matched = Uint32Array.from({ length: docCount }, (_, i) => i);
    } else {
      matched = new Uint32Array(0);
      for (const [k, clause] of parsed.clauses.entries()) {
        const docs = union(clause.map((t) => termDocs.get(t)!));
        matched = k === 0 ? docs : intersect(matched, docs);
        if (matched.length === 0) break;
      }
    }
    const sureExcluded = parsed.excluded.filter((t) => !t.needsCheck);
    if (sureExcluded.length && matched.length) matched = subtract(matched, union(sureExcluded.map((t) => termDocs.get(t)!)));
    return this.checkAgainstText(matched, parsed, termDocs, table);
  }

  /**
   * What `search({ query })` finds and counts without a filter (its `total` and facet counts, months aside),
   * by the same matching and counting, without ranking or snippets: the build stores the counts of its
   * offered words so.
   */
  async tally(query: string): Promise<Tally> {
    const text = typeof query === 'string' ? query : '';
    this.prefetch(text, false);
    const [plan, columns, values] = await Promise.all([this.plan(text, false), this.index.rank(), this.index.facetValues()]);
    const { docs } = await this.matching(plan, await this.fetchLookups(plan, false), columns.docCount);
    return { total: docs.length, facets: facetCountsOf(filterAndCount(docs, columns, values, NO_NARROWING).facets) };
  }

  /**
   * {@link tally} over documents `docs` (numbers of this index) alone, read from their text as
   * {@link countInText} reads it; null where that is.
   */
  async tallyInText(term: string, docs: readonly number[]): Promise<Tally | null> {
    const held = await this.heldInText(term, docs);
    if (held === null) return null;
    const [columns, values] = await Promise.all([this.index.rank(), this.index.facetValues()]);
    const sorted = Uint32Array.from(held).sort();
    return { total: held.length, facets: facetCountsOf(filterAndCount(sorted, columns, values, NO_NARROWING).facets) };
  }

  /**
   * The live documents holding a selected value of every facet `req` filters by (OR within a facet, AND across
   * facets, as `filterAndCount` filters), from each value's postings (`facetTerm`) rather than every document's values.
   */
  private async selectedDocs(req: CheckedRequest): Promise<Uint32Array> {
    const perFacet = await Promise.all(
      filteredFacets(req).map(async (key) => {
        const lists = await Promise.all(req.filters[key].map((v) => this.index.postings(facetTerm(key, v))));
        return union(lists.map((p) => p?.docs ?? new Uint32Array(0)));
      }),
    );
    return perFacet.reduce((a, b) => intersect(a, b));
  }

  /** The key the build stores the facet counts of `query` under (see word-facets.ts), or null when a search of it never reads stored counts. */
  async storedFacetsKey(query: string): Promise<string | null> {
    return storedFacetsKey((await this.plan(typeof query === 'string' ? query : '')).parsed);
  }

  /**
   * The facet counts the build stored for the query of `plan`, or null when it stored none for it or they
   * could not be read: the engine then counts them itself, and the loader tries the file again next time.
   */
  private async storedFacets(plan: QueryPlan): Promise<FacetCounts | null> {
    const key = storedFacetsKey(plan.parsed);
    const files = this.manifest.wordFacets;
    if (key === null || files.length === 0) return null;
    try {
      return (await this.loader.rootFile(files[wordFacetsShardOf(key, files.length)]!, decodeWordFacets)).get(key) ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Starts downloading the stored counts file a query's word would be in (folded without the table: the usual
   * case), with the shards; false, fetching nothing, when the query is not one word.
   */
  private prefetchStoredFacets(query: string): boolean {
    const plan = this.planWith(query, null, false);
    if (storedFacetsKey(plan.parsed) === null) return false;
    void this.storedFacets(plan);
    return true;
  }

  /**
   * How many of documents `docs` (numbers of this index) searching `term` finds, read from their text
   * (as {@link checkAgainstText} reads it); null when `term` is not a single word that the index decides
   * without text (an operator, several words, a bank alias that widens it), which only {@link tally} answers.
   * For such a word a document is found exactly when its text holds it, so a build can count the word
   * over a few documents (a segment's deleted ones) without the postings of the whole segment.
   */
  async countInText(term: string, docs: readonly number[]): Promise<number | null> {
    return (await this.heldInText(term, docs))?.length ?? null;
  }

  /** Those of documents `docs` whose text holds `term`, for {@link countInText}. */
  private async heldInText(term: string, docs: readonly number[]): Promise<number[] | null> {
    const { parsed, phrase } = await this.plan(typeof term === 'string' ? term : '');
    const only = phrase ? null : onlyTerm(parsed);
    if (!only || only.needsCheck) return null;
    const held: number[] = [];
    for (const d of docs) if ((await this.textOf(d)).some((f) => containsTerm(f, only.folded))) held.push(d);
    return held;
  }

  /** Folded title and text of the documents {@link countInText} has read: a build asks of the same few for thousands of words. */
  private readonly texts = new Map<number, Promise<[string, string]>>();

  private textOf(d: number): Promise<[string, string]> {
    let t = this.texts.get(d);
    // A document's own entries fold every character of its text, so no query's table is needed.
    if (!t) this.texts.set(d, (t = this.fragmentDoc(d).then((doc) => foldedFields(doc, null))));
    return t;
  }

  /**
   * Settles the candidates that n-grams alone cannot decide (terms longer than the n-grams, phrases with
   * spaces, terms with punctuation inside) by reading the documents' text, as long as that takes at
   * most `verifyDocs` documents.
   */
  private async checkAgainstText(
    candidates: Uint32Array,
    parsed: ParsedQuery,
    termDocs: Map<QueryTerm, Uint32Array>,
    table: CharTable | null,
  ): Promise<{ docs: Uint32Array; exact: boolean }> {
    const uncertainClauses = parsed.clauses.filter((c) => c.some((t) => t.needsCheck));
    const uncertainExcluded = parsed.excluded.filter((t) => t.needsCheck);
    if (candidates.length === 0 || (uncertainClauses.length === 0 && uncertainExcluded.length === 0)) return { docs: candidates, exact: true };
    const has = (t: QueryTerm, d: number) => indexOf(termDocs.get(t)!, d) >= 0;
    const sure = (clause: QueryTerm[], d: number) => clause.some((t) => !t.needsCheck && has(t, d));
    const toCheck = Array.from(candidates).filter((d) => uncertainClauses.some((c) => !sure(c, d)) || uncertainExcluded.some((t) => has(t, d)));
    if (toCheck.length === 0) return { docs: candidates, exact: true };
    if (toCheck.length > this.opts.verifyDocs) return { docs: candidates, exact: false };
    const texts = await Promise.all(toCheck.map(async (d) => foldedFields(await this.fragmentDoc(d), table)));
    const reject = new Set<number>();
    toCheck.forEach((d, i) => {
      const fields = texts[i]!;
      const contains = (t: QueryTerm) => has(t, d) && (!t.needsCheck || fields.some((f) => containsTerm(f, t.folded)));
      const ok = uncertainClauses.every((c) => c.some(contains)) && !uncertainExcluded.some(contains);
      if (!ok) reject.add(d);
    });
    return { docs: reject.size ? candidates.filter((d) => !reject.has(d)) : candidates, exact: true };
  }

  private async fragmentDoc(d: number): Promise<FragmentDoc> {
    return (await this.index.document(d)).doc;
  }

  /** The number of the document with id `id`, or null when there is none. */
  private documentNumber(id: string): Promise<number | null> {
    return this.index.documentNumber(id);
  }

  /** The display data of the document with id `id`, or null when there is none. */
  async documentById(id: string): Promise<FragmentDoc | null> {
    const d = await this.documentNumber(id);
    return d === null ? null : this.fragmentDoc(d);
  }

  /**
   * The document with id `id`, the other members of its cluster, and where `query`'s terms stand in it
   * (marked as the result list marks them, bank aliases included); null when there is no such document.
   */
  async getDocument(id: string, query = ''): Promise<DocumentView | null> {
    const d = await this.documentNumber(id);
    if (d === null) return null;
    const [{ doc, related: others }, plan] = await Promise.all([this.index.document(d), this.plan(typeof query === 'string' ? query : '')]);
    const related: DocumentView['related'] = (await Promise.all(others.map((k) => this.fragmentDoc(k)))).map((o) => ({
      id: o.id,
      title: o.title,
      date: o.date,
      source: o.source,
    }));
    const terms = termsToHighlight(plan.parsed);
    const table = documentTable(plan.table, doc);
    const mark = (text: string) => (terms.length ? highlightRanges(text, terms, table) : []);
    return { doc, related, titleHighlights: mark(doc.title), textHighlights: mark(doc.text) };
  }
}
