import { dayOf, dayToMonth, fold, fragmentFile, IndexFormatError, NONE, positionsFile, termUnits, NO_DAY, shardOf, weightInTitle, weightIsWord, weightTf, type CharTable, type Columns, type FragmentDoc, type Manifest, type Postings } from '../index-format';
import { IndexLoader, type Fetcher, type LoaderOptions } from './loader';
import { normalizeTerm, parseQuery, type ParsedQuery, type QueryTerm } from './query';
import { containsTerm, highlightRanges, makeSnippet, type Range, type Snippet } from './snippet';

/** How results are ordered. */
export type SortOrder = 'relevance' | 'newest' | 'oldest';

/** What a reader asks: the query text plus filters and a page. Every field is optional. */
export interface SearchRequest {
  query?: string;
  banks?: string[];
  sources?: string[];
  /** `YYYY-MM-DD`, inclusive. */
  from?: string | null;
  /** `YYYY-MM-DD`, inclusive. */
  to?: string | null;
  sort?: SortOrder;
  limit?: number;
  offset?: number;
}

/** One result. */
export interface SearchHit {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  banks: string[];
  url: string | null;
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
  facets: { bank: Record<string, number>; source: Record<string, number>; month: Record<string, number> };
  /** Bank aliases the query was widened with: 交行 → 交通银行. */
  expanded: { term: string; to: string }[];
  /**
   * False only when a term longer than the index's n-grams (or a phrase with spaces) had more candidate
   * documents than `verifyFiles` allows checking against their text: then `total` may count a few
   * documents that hold the term's pieces but not the term.
   */
  exact: boolean;
}

/** A document with the other members of its near-duplicate cluster, for the article page. */
export interface DocumentView {
  doc: FragmentDoc;
  related: { id: string; title: string; date: string | null; source: string | null }[];
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
  /** Most fragment files fetched to check candidates of terms the n-grams cannot decide alone. */
  verifyFiles: number;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { loader: {}, defaultLimit: 10, maxLimit: 100, k1: 1.2, b: 0.75, verifyFiles: 60 };

function has(sorted: Uint32Array, v: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid]!;
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const out = new Uint32Array(small.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < small.length; i++) {
    const v = small[i]!;
    while (j < large.length && large[j]! < v) j++;
    if (j === large.length) break;
    if (large[j] === v) out[n++] = v;
  }
  return out.slice(0, n);
}

function union(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 0) return new Uint32Array(0);
  // Pairwise merges of sorted lists: a bank with its alias (工行 OR 工商银行) is thousands of documents each.
  let out = lists[0]!;
  for (let k = 1; k < lists.length; k++) out = merge(out, lists[k]!);
  return out;
}

function merge(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x <= y) i++;
    if (y <= x) j++;
    out[n++] = x <= y ? x : y;
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.slice(0, n);
}

/**
 * The `k` best of `0..n-1` by `before` (a strict order), best first. A bounded heap whose root is the
 * worst kept: most of 20,000 matches cost one comparison with it, where sorting them all cost a few
 * milliseconds per query.
 */
export function topIndexes(n: number, k: number, before: (a: number, b: number) => boolean): number[] {
  const cmp = (a: number, b: number) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  if (k >= n) return Array.from({ length: n }, (_, i) => i).sort(cmp);
  if (k <= 0) return [];
  const heap: number[] = [];
  const down = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      if (l >= heap.length) return;
      const r = l + 1;
      const worse = r < heap.length && before(heap[l]!, heap[r]!) ? r : l;
      if (!before(heap[at]!, heap[worse]!)) return;
      [heap[at], heap[worse]] = [heap[worse]!, heap[at]!];
      at = worse;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let at = heap.length - 1; at > 0; ) {
        const up = (at - 1) >> 1;
        if (!before(heap[up]!, heap[at]!)) break;
        [heap[at], heap[up]] = [heap[up]!, heap[at]!];
        at = up;
      }
    } else if (before(i, heap[0]!)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(cmp);
}

function subtract(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (b.length === 0) return a;
  const drop = new Set(b);
  return a.filter((v) => !drop.has(v));
}

/** `p`'s weights at the positions of `docs` (both ascending), 0 where `p` lacks the document. */
function alignWeights(p: Pick<Postings, 'docs' | 'weights'>, docs: Uint32Array): Uint32Array {
  const out = new Uint32Array(docs.length);
  let j = 0;
  for (let i = 0; i < docs.length && j < p.docs.length; i++) {
    const d = docs[i]!;
    while (j < p.docs.length && p.docs[j]! < d) j++;
    if (p.docs[j] === d) out[i] = p.weights[j]!;
  }
  return out;
}

function indexOfDoc(p: Postings, doc: number): number {
  let lo = 0;
  let hi = p.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = p.docs[mid]!;
    if (v === doc) return mid;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Score steps of the relevance tiers; BM25 sums stay well below {@link TIER_WORD}. */
const TIER_TITLE = 10_000;
const TIER_PHRASE = 1_000;
const TIER_WORD = 100;

/**
 * The table to fold a document's text with: its own entries, then the query's (through the prototype,
 * so nothing is copied). The query's alone may lack characters only the document has.
 */
export function documentTable(table: CharTable | null, doc: Pick<FragmentDoc, 'chars'>): CharTable | null {
  if (!doc.chars) return table;
  return Object.assign(Object.create(table) as Record<string, string>, doc.chars);
}

/** Per columns object: each document's month as an index into the sorted month names (-1 without a date). */
const monthCache = new WeakMap<Columns, { of: Int32Array; names: string[] }>();

function monthsOf(c: Columns): { of: Int32Array; names: string[] } {
  let m = monthCache.get(c);
  if (m) return m;
  const byName = new Map<string, number>();
  const raw = new Int32Array(c.docCount).fill(-1);
  let lastDay = NaN;
  let lastName = '';
  for (let d = 0; d < c.docCount; d++) {
    const day = c.day[d]!;
    if (day === NO_DAY) continue;
    // Days ascend with document numbers, so the month string changes rarely: format it only then.
    if (day !== lastDay) {
      lastDay = day;
      lastName = dayToMonth(day);
    }
    let i = byName.get(lastName);
    if (i === undefined) byName.set(lastName, (i = byName.size));
    raw[d] = i;
  }
  const names = [...byName.keys()].sort();
  const rank = new Int32Array(names.length);
  names.forEach((n, k) => (rank[byName.get(n)!] = k));
  for (let d = 0; d < c.docCount; d++) if (raw[d]! >= 0) raw[d] = rank[raw[d]!]!;
  m = { of: raw, names };
  monthCache.set(c, m);
  return m;
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

function positionsOf(p: Postings, d: number): Uint32Array | null {
  const i = indexOfDoc(p, d);
  if (i < 0 || !p.posStart || !p.positions) return null;
  return p.positions.subarray(p.posStart[i], p.posStart[i + 1]);
}

/** Whether each n-gram of `chain` occurs in document `d` at its offset from one start: the whole long term is there. */
function chainsAt(chain: { postings: Postings; offset: number }[], d: number): boolean {
  const lists = chain.map((c) => positionsOf(c.postings, d));
  if (lists.some((l) => l === null)) return false;
  // Lists hold a term's few occurrences in one document: a scan beats building sets.
  return lists[0]!.some((start) => chain.every((c, k) => k === 0 || lists[k]!.includes(start + c.offset)));
}

function validDate(s: string | null | undefined): string | null {
  if (!s || !DATE_RE.test(s)) return null;
  return dayOf(s) === NO_DAY ? null : s;
}

/**
 * Searches an index through any {@link Fetcher}. The same code runs in the browser's worker, in the CLI
 * and in tests: it fetches the manifest, then only the shards of the query's own units, the facet
 * columns, and the fragments of the hits on the page.
 */
export class SearchEngine {
  private constructor(
    readonly loader: IndexLoader,
    private readonly opts: SearchOptions,
  ) {}

  static async open(fetcher: Fetcher, options: Partial<SearchOptions> = {}): Promise<SearchEngine> {
    const opts = { ...DEFAULT_SEARCH_OPTIONS, ...options };
    return new SearchEngine(await IndexLoader.open(fetcher, opts.loader), opts);
  }

  get manifest(): Manifest {
    return this.loader.manifest;
  }

  private async postings(unit: string): Promise<Postings | null> {
    return (await this.loader.shard(shardOf(unit, this.manifest.shards.count))).get(unit);
  }

  /** The unit's postings with positions, fetched from its position shard: only chains need them. */
  private async withPositions(unit: string, postings: Postings): Promise<Postings | null> {
    return (await this.loader.positionShard(shardOf(unit, this.manifest.shards.count))).get(unit, postings);
  }

  private expand(parsed: ParsedQuery, table: Record<string, string> | null, expanded: SearchResult['expanded']): void {
    const aliasOf = this.aliases();
    for (const clause of parsed.clauses) {
      for (const term of [...clause]) {
        const to = aliasOf.get(term.folded);
        if (!to || term.phrase) continue;
        const alt = parseQuery(to, table).clauses[0]?.[0];
        if (alt && !clause.some((t) => t.folded === alt.folded)) {
          clause.push({ ...alt, expandedFrom: term.raw });
          expanded.push({ term: term.raw, to });
        }
      }
    }
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
   * Fetches the postings of `units` into `cache`, and the positions of every chain link of `chained`
   * into `positioned`, in parallel: a link's position shard is requested as soon as its postings are in.
   */
  private async fetchPostings(units: Iterable<string>, chained: Iterable<QueryTerm>, cache: Map<string, Postings | null>, positioned: Map<string, Postings | null>): Promise<void> {
    const lookups = new Map<string, Promise<Postings | null>>();
    const lookup = (u: string) => {
      let p = lookups.get(u);
      if (!p) lookups.set(u, (p = this.postings(u)));
      return p;
    };
    const links = new Set<string>();
    for (const t of chained) for (const c of t.chain) links.add(c.unit);
    await Promise.all([
      ...[...new Set(units)].map(async (u) => cache.set(u, await lookup(u))),
      ...[...links].map(async (u) => {
        const p = await lookup(u);
        positioned.set(u, p ? await this.withPositions(u, p) : null);
      }),
    ]);
  }

  private termDocs(term: QueryTerm, cache: Map<string, Postings | null>, positioned: Map<string, Postings | null>): Uint32Array {
    let docs: Uint32Array | null = null;
    for (const u of term.units) {
      const p = cache.get(u) ?? null;
      if (!p) return new Uint32Array(0);
      docs = docs ? intersect(docs, p.docs) : p.docs;
      if (docs.length === 0) break;
    }
    if (!docs || term.chain.length === 0) return docs ?? new Uint32Array(0);
    const chain: { postings: Postings; offset: number }[] = [];
    for (const c of term.chain) {
      const p = positioned.get(c.unit);
      if (!p) throw new IndexFormatError(positionsFile(shardOf(c.unit, this.manifest.shards.count)), `has no positions for "${c.unit}", which has postings`);
      chain.push({ postings: p, offset: c.offset });
    }
    return docs.filter((d) => chainsAt(chain, d));
  }

  /**
   * The folded terms a query highlights, bank aliases included (交行 also marks 交通银行): what the
   * result list marks, for pages that show a whole document.
   */
  async highlightTerms(query: string): Promise<string[]> {
    const text = typeof query === 'string' ? query : '';
    const table = await this.loader.charTable(text);
    const parsed = parseQuery(text, table);
    this.expand(parsed, table, []);
    return termsToHighlight(parsed);
  }

  /** Runs a search. Never throws for anything a reader can type; throws only if the index cannot be loaded. */
  async search(request: SearchRequest): Promise<SearchResult> {
    const started = performance.now();
    const query = typeof request.query === 'string' ? request.query : '';
    const [table, columns] = await Promise.all([this.loader.charTable(query), this.loader.columns()]);
    const parsed = parseQuery(query, table);
    const expanded: SearchResult['expanded'] = [];
    this.expand(parsed, table, expanded);

    const allTerms = [...parsed.clauses.flat(), ...parsed.excluded];
    const needed = new Set<string>();
    for (const t of allTerms) for (const u of t.units) needed.add(u);
    const phrase = wholeQueryPhrase(parsed, table);
    if (phrase) for (const u of phrase.units) needed.add(u);
    const cache = new Map<string, Postings | null>();
    const positioned = new Map<string, Postings | null>();
    await this.fetchPostings(needed, phrase ? [...allTerms, phrase] : allTerms, cache, positioned);

    const termDocs = new Map<QueryTerm, Uint32Array>();
    for (const t of allTerms) termDocs.set(t, this.termDocs(t, cache, positioned));
    let matched: Uint32Array;
    if (parsed.clauses.length === 0) {
      matched = Uint32Array.from({ length: columns.docCount }, (_, i) => i);
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
    const checked = await this.checkAgainstText(matched, parsed, termDocs, table);
    matched = checked.docs;

    const { final, facets } = this.filterAndCount(matched, columns, request);
    const sort: SortOrder = request.sort === 'newest' || request.sort === 'oldest' ? request.sort : 'relevance';
    const phraseDocs = phrase ? this.termDocs(phrase, cache, positioned) : null;
    const scores = sort === 'relevance' ? this.score(final, parsed, cache, columns, phraseDocs) : null;
    const limit = Math.min(this.opts.maxLimit, Math.max(0, Math.floor(Number.isFinite(request.limit) ? request.limit! : this.opts.defaultLimit)));
    const offset = Math.max(0, Math.floor(Number.isFinite(request.offset) ? request.offset! : 0));
    // Indexes into `final` (and `scores`) of the page's documents, in order.
    let pageAt: number[];
    if (scores) {
      // Equal scores: the newer document (the higher number) first.
      const best = topIndexes(final.length, offset + limit, (x, y) => scores[x]! > scores[y]! || (scores[x] === scores[y] && x > y));
      pageAt = best.slice(offset);
    } else if (sort === 'newest') {
      // Documents are numbered in date order, the undated first (see the indexer): a reverse scan.
      pageAt = [];
      for (let r = offset; r < Math.min(final.length, offset + limit); r++) pageAt.push(final.length - 1 - r);
    } else {
      const dated: number[] = [];
      const undated: number[] = [];
      for (let i = 0; i < final.length; i++) (columns.day[final[i]!] === NO_DAY ? undated : dated).push(i);
      pageAt = dated.concat(undated).slice(offset, offset + limit);
    }
    const page = pageAt.map((i) => final[i]!);
    const highlightTerms = termsToHighlight(parsed);
    const docs = await Promise.all(page.map((d) => this.fragmentDoc(d)));
    const hits: SearchHit[] = docs.map((doc, i) => {
      const docChars = documentTable(table, doc);
      return {
        id: doc.id,
        title: doc.title,
        date: doc.date,
        source: doc.source,
        banks: doc.banks,
        url: doc.url,
        score: scores ? Math.round(scores[pageAt[i]!]! * 1000) / 1000 : 0,
        snippet: makeSnippet(doc.text, highlightTerms, docChars),
        titleHighlights: highlightRanges(doc.title, highlightTerms, docChars),
        cluster: doc.cluster,
      };
    });
    return { query, total: final.length, tookMs: Math.round((performance.now() - started) * 100) / 100, hits, facets, expanded, exact: checked.exact };
  }

  /**
   * Settles the candidates that n-grams alone cannot decide (terms longer than the n-grams, phrases with
   * spaces, terms with punctuation inside) by reading the documents' text, as long as that takes at
   * most `verifyFiles` fragment files.
   */
  private async checkAgainstText(
    candidates: Uint32Array,
    parsed: ParsedQuery,
    termDocs: Map<QueryTerm, Uint32Array>,
    table: Record<string, string> | null,
  ): Promise<{ docs: Uint32Array; exact: boolean }> {
    const uncertainClauses = parsed.clauses.filter((c) => c.some((t) => t.needsCheck));
    const uncertainExcluded = parsed.excluded.filter((t) => t.needsCheck);
    if (candidates.length === 0 || (uncertainClauses.length === 0 && uncertainExcluded.length === 0)) return { docs: candidates, exact: true };
    const sure = (clause: QueryTerm[], d: number) => clause.some((t) => !t.needsCheck && has(termDocs.get(t)!, d));
    const toCheck = Array.from(candidates).filter(
      (d) => uncertainClauses.some((c) => !sure(c, d)) || uncertainExcluded.some((t) => has(termDocs.get(t)!, d)),
    );
    if (toCheck.length === 0) return { docs: candidates, exact: true };
    const groupSize = this.manifest.fragments.groupSize;
    if (new Set(toCheck.map((d) => Math.floor(d / groupSize))).size > this.opts.verifyFiles) return { docs: candidates, exact: false };
    const texts = await Promise.all(
      toCheck.map(async (d) => {
        const doc = await this.fragmentDoc(d);
        const t = documentTable(table, doc);
        return [fold(doc.title, t).text, fold(doc.text, t).text] as const;
      }),
    );
    const reject = new Set<number>();
    toCheck.forEach((d, i) => {
      const fields = texts[i]!;
      const contains = (t: QueryTerm) => has(termDocs.get(t)!, d) && (!t.needsCheck || fields.some((f) => containsTerm(f, t.folded)));
      const ok = uncertainClauses.every((c) => c.some(contains)) && !uncertainExcluded.some(contains);
      if (!ok) reject.add(d);
    });
    return { docs: reject.size ? candidates.filter((d) => !reject.has(d)) : candidates, exact: true };
  }

  private filterAndCount(matched: Uint32Array, c: Columns, req: SearchRequest): { final: Uint32Array; facets: SearchResult['facets'] } {
    const bankSel = new Set((Array.isArray(req.banks) ? req.banks : []).filter((b) => typeof b === 'string'));
    const sourceSel = new Set((Array.isArray(req.sources) ? req.sources : []).filter((s) => typeof s === 'string'));
    const bankIds = new Set(c.banks.flatMap((b, i) => (bankSel.has(b) ? [i] : [])));
    const sourceIds = new Set(c.sources.flatMap((s, i) => (sourceSel.has(s) ? [i] : [])));
    const from = validDate(req.from);
    const to = validDate(req.to);
    const fromDay = from ? dayOf(from) : null;
    const toDay = to ? dayOf(to) : null;
    const bankCount = new Uint32Array(c.banks.length);
    const sourceCount = new Uint32Array(c.sources.length);
    const months = monthsOf(c);
    const monthCount = new Uint32Array(months.names.length);
    const final = new Uint32Array(matched.length);
    let kept = 0;
    for (const d of matched) {
      let passBank = bankSel.size === 0;
      if (!passBank) for (let k = c.bankStart[d]!; k < c.bankStart[d + 1]!; k++) if (bankIds.has(c.bankIds[k]!)) passBank = true;
      const s = c.source[d]!;
      const passSource = sourceSel.size === 0 || sourceIds.has(s);
      const day = c.day[d]!;
      const passDate = (fromDay === null || (day !== NO_DAY && day >= fromDay)) && (toDay === null || (day !== NO_DAY && day <= toDay));
      if (passSource && passDate) for (let k = c.bankStart[d]!; k < c.bankStart[d + 1]!; k++) bankCount[c.bankIds[k]!]!++;
      if (passBank && passDate && s !== NONE) sourceCount[s]!++;
      const m = months.of[d]!;
      if (passBank && passSource && m >= 0) monthCount[m]!++;
      if (passBank && passSource && passDate) final[kept++] = d;
    }
    const ranked = (counts: Uint32Array) => [...counts.keys()].filter((i) => counts[i]! > 0).sort((x, y) => counts[y]! - counts[x]! || x - y);
    const bank: Record<string, number> = {};
    for (const i of ranked(bankCount)) bank[c.banks[i]!] = bankCount[i]!;
    for (const b of bankSel) bank[b] ??= 0;
    const source: Record<string, number> = {};
    for (const i of ranked(sourceCount)) source[c.sources[i]!] = sourceCount[i]!;
    for (const s of sourceSel) source[s] ??= 0;
    const month: Record<string, number> = {};
    months.names.forEach((name, i) => {
      if (monthCount[i]! > 0) month[name] = monthCount[i]!;
    });
    return { final: final.slice(0, kept), facets: { bank, source, month } };
  }

  /**
   * Relevance in strict tiers, as readers rank: terms in the title (each such clause adds
   * {@link TIER_TITLE}) above terms only in the body; the whole query as one phrase ({@link TIER_PHRASE})
   * above scattered terms; terms standing as whole words, by the segmenter's accurate mode
   * ({@link TIER_WORD} each), above the same characters inside longer words; then BM25 over each term's
   * units (averaged, so a long term does not outweigh a short one), which stays far below a tier step.
   * Alternatives of a clause count by their best. Ties go to the newer document (the caller's sort).
   */
  private score(docs: Uint32Array, parsed: ParsedQuery, cache: Map<string, Postings | null>, c: Columns, phraseDocs: Uint32Array | null): Float64Array {
    const n = c.docCount;
    const avg = this.manifest.avgLength || 1;
    const { k1, b } = this.opts;
    // Each unit's weights lined up with `docs` (0 where absent) by one merge walk, instead of a search per document.
    const aligned = new Map<string, { weights: Uint32Array; idf: number }>();
    for (const term of parsed.clauses.flat()) {
      for (const u of term.units) {
        const p = cache.get(u);
        if (!p || aligned.has(u)) continue;
        aligned.set(u, { weights: alignWeights(p, docs), idf: Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5)) });
      }
    }
    const inPhrase = phraseDocs ? alignWeights({ docs: phraseDocs, weights: new Uint32Array(phraseDocs.length).fill(1) }, docs) : null;
    const scores = new Float64Array(docs.length);
    for (let i = 0; i < docs.length; i++) {
      const norm = k1 * (1 - b + (b * c.length[docs[i]!]!) / avg);
      let total = 0;
      for (const clause of parsed.clauses) {
        let best = 0;
        for (const term of clause) {
          let s = 0;
          let allInTitle = true;
          let asWord = false;
          const wholeUnit = term.units.length === 1 && term.units[0] === term.folded;
          for (const u of term.units) {
            const a = aligned.get(u);
            const w = a ? a.weights[i]! : 0;
            if (w === 0) {
              allInTitle = false;
              continue;
            }
            const tf = weightTf(w);
            s += (a!.idf * tf * (k1 + 1)) / (tf + norm);
            if (!weightInTitle(w)) allInTitle = false;
            if (wholeUnit && weightIsWord(w)) asWord = true;
          }
          s /= Math.max(1, term.units.length);
          if (s > 0 && allInTitle) s += TIER_TITLE;
          if (s > 0 && asWord) s += TIER_WORD;
          best = Math.max(best, s);
        }
        total += best;
      }
      if (inPhrase && inPhrase[i]) total += TIER_PHRASE;
      scores[i] = total;
    }
    return scores;
  }

  private async fragmentDoc(d: number): Promise<FragmentDoc> {
    const m = this.manifest;
    const g = Math.floor(d / m.fragments.groupSize);
    if (d < 0 || d >= m.docCount) throw new RangeError(`document ${d} is not in this index of ${m.docCount}`);
    const f = await this.loader.fragment(g);
    const doc = f.docs[d - f.first];
    if (!doc) throw new IndexFormatError(fragmentFile(g), `document ${d} is missing`);
    return doc;
  }

  /** The document with id `id` and the other members of its cluster, or null when there is none. */
  async getDocument(id: string): Promise<DocumentView | null> {
    if (typeof id !== 'string' || id === '') return null;
    const table = await this.loader.ids(shardOf(id, this.manifest.ids.count));
    const d = Object.hasOwn(table, id) ? table[id] : undefined;
    if (d === undefined) return null;
    const doc = await this.fragmentDoc(d);
    const others = (doc.related ?? []).filter((k) => k !== d && k < this.manifest.docCount);
    const related: DocumentView['related'] = (await Promise.all(others.map((k) => this.fragmentDoc(k)))).map((o) => ({ id: o.id, title: o.title, date: o.date, source: o.source }));
    return { doc, related };
  }
}
