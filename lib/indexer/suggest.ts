import pMap from 'p-map';
import { pinyin } from 'pinyin-pro';
import {
  encodeReadings,
  encodeSuggestShard,
  encodeWordFacets,
  readingsFile,
  readingsShardOf,
  suggestFile,
  suggestHead,
  suggestShardOf,
  wordFacetsFile,
  wordFacetsShardOf,
  type BankInfo,
  type FacetCounts,
  type SuggestEntry,
} from '../index-format';
import { MAX_SUGGESTIONS, type Tally } from '../search';
import { packedSize, type IndexWriter } from './writer';

/** The most frequent words offered (by the number of documents the segmenter cut them in), whatever the corpus size. */
const MAX_WORDS = 3000;
/** A word must be cut in this many documents to be offered. */
const MIN_DF = 2;
/** …and in one document of this many at least, so that a name cut twice in 100,000 articles is no suggestion. */
const MIN_DF_SHARE = 1 / 2000;
/** Entries kept per head (first character, or first two letters), the most documents first: bounds a file whatever the corpus. */
const MAX_PER_HEAD = 48;
/** Largest suggestion file, gzipped as the writer stores it: one keystroke's download. */
const MAX_FILE_BYTES = 4000;
/**
 * Largest word facet counts file, gzipped: read by a first query in place of every document's facet values
 * (51 KB at 20,000 articles, 236 KB at 100,000), and twice a suggestion file's, which keeps the demo index
 * under the README's file count (a word's counts are about 300 bytes: 4 KB would take 256 files at 2,000).
 */
const MAX_WORD_FACETS_BYTES = 8000;
/** Raw bytes of entries per file to start from, aiming at files of about 3 KB once gzipped. */
const RAW_BYTES_PER_FILE = 5000;
/** Most suggestion files: the manifest names each. */
const MAX_FILES = 1024;
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/;
/** Suggestions counted at once. */
const COUNTS_AT_ONCE = 16;

/**
 * Pinyin of a Chinese word, without tones, in full and by initials. 行 in a bank's name or alias is always
 * hang (交行: pinyin-pro reads it xing out of context).
 */
function pinyinKeys(word: string, bank: boolean): string[] {
  if (!HAN.test(word)) return [];
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true }).map((s, i) => (bank && word[i] === '行' ? 'hang' : s));
  if (syllables.length !== word.length || syllables.some((s) => !/^[a-z]+$/.test(s))) return [];
  return [...new Set([syllables.join(''), syllables.map((s) => s[0]).join('')])];
}

interface Candidate extends Omit<SuggestEntry, 'count'> {
  /** Ranks the candidates of one prefix: documents cut with the word, or tagged with the bank. */
  score: number;
}

/** Every key of the words and banks worth offering. */
function candidates(
  wordDf: ReadonlyMap<string, number>,
  docCount: number,
  banks: readonly BankInfo[],
  bankCounts: Readonly<Record<string, number>>,
): Candidate[] {
  const out: Candidate[] = [];
  const minDf = Math.max(MIN_DF, Math.ceil(docCount * MIN_DF_SHARE));
  // A bank's name or alias is offered as the bank (交行 → 交通银行), never as a word of its own as well.
  const bankWords = new Set(banks.flatMap((b) => [b.name, ...b.aliases]));
  const words = [...wordDf]
    .filter(([w, df]) => df >= minDf && w.length >= 2 && w.length <= 8 && HAN.test(w) && !bankWords.has(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, MAX_WORDS);
  for (const [word, df] of words) {
    out.push({ key: word, term: word, via: '', score: df });
    for (const key of pinyinKeys(word, false)) out.push({ key, term: word, via: '', score: df });
  }
  for (const bank of banks) {
    const score = bankCounts[bank.name] ?? 0;
    if (score === 0) continue;
    out.push({ key: bank.name, term: bank.name, via: '', score });
    for (const key of pinyinKeys(bank.name, true)) out.push({ key, term: bank.name, via: '', score });
    for (const alias of bank.aliases) {
      if (alias === bank.name) continue;
      out.push({ key: alias, term: bank.name, via: alias, score });
      for (const key of pinyinKeys(alias, true)) out.push({ key, term: bank.name, via: alias, score });
    }
  }
  return out;
}

/** The candidates that are among the first {@link MAX_SUGGESTIONS} terms of some prefix of their key, by score: each prefix keeps as many as a list shows. */
function topOfEachPrefix(all: Candidate[]): Candidate[] {
  const sorted = [...all].sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0) || (a.key < b.key ? -1 : 1));
  const termsOf = new Map<string, Set<string>>();
  const kept: Candidate[] = [];
  for (const c of sorted) {
    let keep = false;
    for (let n = 1; n <= c.key.length; n++) {
      const prefix = c.key.slice(0, n);
      let terms = termsOf.get(prefix);
      if (!terms) termsOf.set(prefix, (terms = new Set()));
      if (terms.has(c.term) || terms.size < MAX_SUGGESTIONS) {
        terms.add(c.term);
        keep = true;
      }
    }
    if (keep) kept.push(c);
  }
  // Sorted by score, so each head keeps its most found, the first keystroke's list among them.
  const perHead = new Map<string, number>();
  return kept.filter((c) => {
    const head = suggestHead(c.key);
    const n = perHead.get(head) ?? 0;
    perHead.set(head, n + 1);
    return n < MAX_PER_HEAD;
  });
}

/**
 * `items` in as few files as keeps each within `maxBytes` gzipped, each file's payload in shard
 * order: a power of two files, starting from `rawBytes` (their encoded size, about) over
 * {@link RAW_BYTES_PER_FILE}, doubled while one is over (items fall into files by hash, unevenly).
 */
function shardsThatFit<T>(
  items: readonly T[],
  rawBytes: number,
  shardOf: (item: T, files: number) => number,
  encode: (shard: T[]) => Uint8Array,
  maxBytes = MAX_FILE_BYTES,
): Uint8Array[] {
  let files = 1;
  while (files * RAW_BYTES_PER_FILE < rawBytes) files *= 2;
  for (;;) {
    const shards: T[][] = Array.from({ length: files }, () => []);
    for (const item of items) shards[shardOf(item, files)]!.push(item);
    const payloads = shards.map(encode);
    if (files >= MAX_FILES || payloads.every((p) => packedSize(p) <= maxBytes)) return payloads;
    files *= 2;
  }
}

/** Every reading of each Chinese character of `words`, toneless (ü as v), by character in code point order. */
function readingsOf(words: Iterable<string>): [string, string[]][] {
  const chars = new Set<string>();
  for (const w of words) for (const c of w) if (HAN.test(c)) chars.add(c);
  const out: [string, string[]][] = [];
  for (const c of [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)) {
    const syllables = [...new Set(pinyin(c, { toneType: 'none', type: 'array', v: true, multiple: true }))].filter((s) => /^[a-z]+$/.test(s));
    if (syllables.length > 0) out.push([c, syllables]);
  }
  return out;
}

/** The root files of the suggestions (`sug-`) and of the characters' readings (`py-`), each list in shard order; and what each offered term finds. */
export interface SuggestionFiles {
  suggest: string[];
  readings: string[];
  /** Each term offered (found by searching it), with what searching it finds and counts. */
  offered: Map<string, Tally>;
}

/**
 * Works out the suggestions of an index and writes their files, with the readings of the characters of
 * every word cut and every bank name. Each count is the `total` of `tally(term)`: what searching the term
 * finds in the index about to be published (answers.ts), so a suggestion's count is what searching it finds.
 */
export async function writeSuggestions(
  writer: IndexWriter,
  tally: (term: string) => Promise<Tally>,
  wordDf: ReadonlyMap<string, number>,
  docCount: number,
  banks: readonly BankInfo[],
  bankCounts: Readonly<Record<string, number>>,
): Promise<SuggestionFiles> {
  const kept = topOfEachPrefix(candidates(wordDf, docCount, banks, bankCounts));
  const terms = [...new Set(kept.map((c) => c.term))];
  // Several at once, so that one term's shard reads overlap another's decoding (5.1 s against 7.2 s for 3,131 terms at 100,000).
  const found = await pMap(terms, tally, { concurrency: COUNTS_AT_ONCE });
  const offered = new Map(terms.flatMap((term, i) => (found[i]!.total > 0 ? [[term, found[i]!] as const] : [])));
  const entries: SuggestEntry[] = kept
    .map(({ key, term, via }) => ({ key, term, via, count: offered.get(term)?.total ?? 0 }))
    .filter((e) => e.count > 0)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  if (entries.length === 0) return { suggest: [], readings: [], offered };
  let raw = 0;
  for (const e of entries) raw += 3 * (e.key.length + e.term.length + e.via.length) + 4;
  const suggest: string[] = [];
  for (const payload of shardsThatFit(entries, raw, (e, files) => suggestShardOf(e.key, files), encodeSuggestShard)) {
    suggest.push(await writer.rootFile(suggestFile, payload));
  }
  const readings = readingsOf([...wordDf.keys(), ...banks.flatMap((b) => [b.name, ...b.aliases])]);
  const readingsRaw = readings.reduce((n, [, s]) => n + 5 + s.join(' ').length, 0);
  const readingFiles: string[] = [];
  for (const payload of shardsThatFit(
    readings,
    readingsRaw,
    ([c], files) => readingsShardOf(c, files),
    (shard) => encodeReadings(new Map(shard)),
  )) {
    readingFiles.push(await writer.rootFile(readingsFile, payload));
  }
  return { suggest, readings: readingFiles, offered };
}

/**
 * Writes the facet counts of the offered terms (word-facets.ts), each under its key (`keyOf`: the engine's
 * `storedFacetsKey`; a term without one is left out), in as few files as keep each within
 * {@link MAX_WORD_FACETS_BYTES} gzipped: a first query of one of them reads one such file instead of every
 * document's facet values. Returns the files in shard order.
 */
export async function writeWordFacets(
  writer: IndexWriter,
  offered: ReadonlyMap<string, Tally>,
  keyOf: (term: string) => Promise<string | null>,
): Promise<string[]> {
  const byKey = new Map<string, FacetCounts>();
  for (const [term, { facets }] of offered) {
    const key = await keyOf(term);
    // Two terms of one key are one search: the same counts.
    if (key !== null && !byKey.has(key)) byKey.set(key, facets);
  }
  if (byKey.size === 0) return [];
  const items = [...byKey].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const files: string[] = [];
  // From one file: the same few hundred values repeat from word to word, so gzip takes most of their raw size
  // off, and a start from it (as the suggestions start) would make four times the files needed.
  const payloads = shardsThatFit(
    items,
    0,
    ([key], n) => wordFacetsShardOf(key, n),
    (shard) => encodeWordFacets(new Map(shard)),
    MAX_WORD_FACETS_BYTES,
  );
  for (const payload of payloads) {
    files.push(await writer.rootFile(wordFacetsFile, payload));
  }
  return files;
}
