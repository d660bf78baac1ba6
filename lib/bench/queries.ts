/**
 * The benchmark's fixed query list: 50 queries picked by rank from the generator's own word lists
 * (lib/corpus), which are ordered by how often the generator uses them, so the head of a list gives
 * common terms and the tail rare ones. The list is written out below so that a reader (and a diff) sees
 * exactly what was measured; `selectBenchQueries` is the rule that produced it, and a unit test checks
 * that the two still agree, so the list cannot drift from the vocabulary unnoticed.
 *
 * Only syntax both engines share is used: terms separated by spaces (AND). No bank aliases (交行, CCB):
 * our engine widens them and Pagefind does not, which would measure the alias feature, not retrieval.
 */
import { BANKS, CENTRAL_BANK, FIELDS, OUTLETS, PROVINCES, TERMS } from '../corpus';
import type { FacetKey } from '../index-format';

/**
 * Filters a query may carry; at most one of each, so both engines read them the same way: a bank as the
 * ingest reports it in `Article.banks`, an outlet as in `Article.source`, and the calendar year of the
 * article's date as written (Beijing time). Only the facets both engines and the judge filter by.
 */
export type BenchFilters = { [K in Extract<FacetKey, 'bank' | 'source'>]?: string } & { year?: number };

/** One benchmark query. */
export interface BenchQuery {
  /** What the reader types: one to three terms separated by a space. */
  query: string;
  filters: BenchFilters;
  /** Why it is on the list (which rank of which word list). */
  kind: 'common' | 'substring' | 'short' | 'long' | 'rare' | 'two terms' | 'three terms' | 'filtered';
}

/** The word lists the queries are drawn from, each ordered from most to least used. */
export interface BenchVocabulary {
  terms: readonly string[];
  fields: readonly string[];
  banks: readonly { name: string; aliases: readonly string[]; latin?: string }[];
  provinces: readonly { name: string }[];
  outlets: readonly { name: string; tag: string }[];
  /** Aliases the engine widens besides the banks' own (the central bank's 央行, 人民银行). */
  extraAliases: readonly string[];
}

/** The generator's vocabulary, as lib/corpus exports it. */
export const CORPUS_VOCABULARY: BenchVocabulary = {
  terms: TERMS,
  fields: FIELDS,
  banks: BANKS,
  provinces: PROVINCES,
  outlets: OUTLETS,
  extraAliases: CENTRAL_BANK.aliases,
};

/** The rule could not fill its list: the vocabulary is too short or too odd; the message names the list. */
export class BenchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchQueryError';
  }
}

/** Plain words only: a term with quotes or punctuation (共建“一带一路”) would test query syntax, not retrieval. */
const PLAIN = /^[\p{Script=Han}A-Za-z0-9]+$/u;

/**
 * The rule behind {@link BENCH_QUERIES}, deterministic for a given vocabulary:
 * - 22 single terms: the 3 most used TERMS, FIELDS[0], BANKS[0], PROVINCES[0] (common); the first two
 *   characters of TERMS 0, 1, 4, 5 (substrings of longer words, which is how readers type); the first two
 *   two-character FIELDS (short); the first three TERMS of five or more characters (long); the last three
 *   TERMS, the last two FIELDS and the last two BANKS (rare);
 * - 9 pairs: BANKS[i] + TERMS[i] for i < 5; PROVINCES[i] + FIELDS[i] for i < 2; TERMS[10 + i] + BANKS[5 + i]
 *   for i < 2 (less common on both sides);
 * - 4 triples: BANKS[i] + TERMS[i] + FIELDS[i] for i < 4;
 * - 15 filtered: TERMS[i] in bank BANKS[i] for i < 3, FIELDS[0] in BANKS[3], PROVINCES[0] + TERMS[3] in
 *   BANKS[4]; TERMS[i] from the i-th outlet whose tag is its name + 新闻 (so the ingest reports the name as
 *   the source) for i < 4, FIELDS[1] + TERMS[1] from the first; TERMS[i] in year 2019 + i for i < 4 and
 *   BANKS[0] + TERMS[2] in 2024.
 * @throws {@link BenchQueryError} when a list is too short, a term is not a plain word or is a bank
 *   alias, or the queries are not 50 distinct ones.
 */
export function selectBenchQueries(v: BenchVocabulary): BenchQuery[] {
  const pick = <T>(list: readonly T[], i: number, what: string): T => {
    const item = list[i < 0 ? list.length + i : i];
    if (item === undefined) throw new BenchQueryError(`${what} has no entry ${i} (it has ${list.length})`);
    return item;
  };
  const aliases = new Set([...v.extraAliases, ...v.banks.flatMap((b) => [...b.aliases, ...(b.latin ? [b.latin] : [])])].map((a) => a.toLowerCase()));
  const plainTerms = v.terms.filter((t) => PLAIN.test(t));
  const term = (i: number) => pick(plainTerms, i, 'TERMS');
  const field = (i: number) => pick(v.fields, i, 'FIELDS');
  const bank = (i: number) => pick(v.banks, i, 'BANKS').name;
  const province = (i: number) => pick(v.provinces, i, 'PROVINCES').name;
  const outlets = v.outlets.filter((o) => o.tag === `${o.name}新闻`).map((o) => o.name);
  const outlet = (i: number) => pick(outlets, i, 'OUTLETS (with tag = name + 新闻)');
  const twoCharFields = v.fields.filter((f) => [...f].length === 2);
  const longTerms = plainTerms.filter((t) => [...t].length >= 5);

  const out: BenchQuery[] = [];
  const add = (kind: BenchQuery['kind'], words: string[], filters: BenchFilters = {}) => out.push({ query: words.join(' '), filters, kind });

  for (const t of [term(0), term(1), term(2), field(0), bank(0), province(0)]) add('common', [t]);
  for (const i of [0, 1, 4, 5]) add('substring', [[...term(i)].slice(0, 2).join('')]);
  for (const i of [0, 1]) add('short', [pick(twoCharFields, i, 'two-character FIELDS')]);
  for (const i of [0, 1, 2]) add('long', [pick(longTerms, i, 'TERMS of five or more characters')]);
  for (const t of [term(-1), term(-2), term(-3), field(-1), field(-2), bank(-1), bank(-2)]) add('rare', [t]);

  for (let i = 0; i < 5; i++) add('two terms', [bank(i), term(i)]);
  for (let i = 0; i < 2; i++) add('two terms', [province(i), field(i)]);
  for (let i = 0; i < 2; i++) add('two terms', [term(10 + i), bank(5 + i)]);
  for (let i = 0; i < 4; i++) add('three terms', [bank(i), term(i), field(i)]);

  for (let i = 0; i < 3; i++) add('filtered', [term(i)], { bank: bank(i) });
  add('filtered', [field(0)], { bank: bank(3) });
  add('filtered', [province(0), term(3)], { bank: bank(4) });
  for (let i = 0; i < 4; i++) add('filtered', [term(i)], { source: outlet(i) });
  add('filtered', [field(1), term(1)], { source: outlet(0) });
  for (let i = 0; i < 4; i++) add('filtered', [term(i)], { year: 2019 + i });
  add('filtered', [bank(0), term(2)], { year: 2024 });

  for (const q of out) {
    for (const w of q.query.split(' ')) {
      if (!PLAIN.test(w)) throw new BenchQueryError(`query term ${JSON.stringify(w)} is not a plain word`);
      if (aliases.has(w.toLowerCase())) throw new BenchQueryError(`query term ${JSON.stringify(w)} is a bank alias`);
    }
  }
  const keys = new Set(out.map((q) => JSON.stringify([q.query, q.filters])));
  if (out.length !== 50 || keys.size !== 50) throw new BenchQueryError(`the rule gave ${out.length} queries, ${keys.size} distinct; it must give 50 distinct`);
  return out;
}

/** The 50 queries measured, as {@link selectBenchQueries} picks them from the generator's vocabulary. */
export const BENCH_QUERIES: readonly BenchQuery[] = [
  { query: '普惠金融', filters: {}, kind: 'common' },
  { query: '小微企业', filters: {}, kind: 'common' },
  { query: '乡村振兴', filters: {}, kind: 'common' },
  { query: '先进制造', filters: {}, kind: 'common' },
  { query: '工商银行', filters: {}, kind: 'common' },
  { query: '广东', filters: {}, kind: 'common' },
  { query: '普惠', filters: {}, kind: 'substring' },
  { query: '小微', filters: {}, kind: 'substring' },
  { query: '绿色', filters: {}, kind: 'substring' },
  { query: '科技', filters: {}, kind: 'substring' },
  { query: '光伏', filters: {}, kind: 'short' },
  { query: '储能', filters: {}, kind: 'short' },
  { query: '数字人民币', filters: {}, kind: 'long' },
  { query: '数字化转型', filters: {}, kind: 'long' },
  { query: '供应链金融', filters: {}, kind: 'long' },
  { query: '海洋经济', filters: {}, kind: 'rare' },
  { query: '林权抵押', filters: {}, kind: 'rare' },
  { query: '农村集体经济', filters: {}, kind: 'rare' },
  { query: '智能家电', filters: {}, kind: 'rare' },
  { query: '精细化工', filters: {}, kind: 'rare' },
  { query: '大华银行', filters: {}, kind: 'rare' },
  { query: '紫金农商银行', filters: {}, kind: 'rare' },
  { query: '工商银行 普惠金融', filters: {}, kind: 'two terms' },
  { query: '建设银行 小微企业', filters: {}, kind: 'two terms' },
  { query: '农业银行 乡村振兴', filters: {}, kind: 'two terms' },
  { query: '中国银行 实体经济', filters: {}, kind: 'two terms' },
  { query: '交通银行 绿色信贷', filters: {}, kind: 'two terms' },
  { query: '广东 先进制造', filters: {}, kind: 'two terms' },
  { query: '江苏 新能源汽车', filters: {}, kind: 'two terms' },
  { query: '供应链金融 招商银行', filters: {}, kind: 'two terms' },
  { query: '制造业中长期贷款 邮储银行', filters: {}, kind: 'two terms' },
  { query: '工商银行 普惠金融 先进制造', filters: {}, kind: 'three terms' },
  { query: '建设银行 小微企业 新能源汽车', filters: {}, kind: 'three terms' },
  { query: '农业银行 乡村振兴 集成电路', filters: {}, kind: 'three terms' },
  { query: '中国银行 实体经济 现代农业', filters: {}, kind: 'three terms' },
  { query: '普惠金融', filters: { bank: '工商银行' }, kind: 'filtered' },
  { query: '小微企业', filters: { bank: '建设银行' }, kind: 'filtered' },
  { query: '乡村振兴', filters: { bank: '农业银行' }, kind: 'filtered' },
  { query: '先进制造', filters: { bank: '中国银行' }, kind: 'filtered' },
  { query: '广东 实体经济', filters: { bank: '交通银行' }, kind: 'filtered' },
  { query: '普惠金融', filters: { source: '新华网' }, kind: 'filtered' },
  { query: '小微企业', filters: { source: '人民日报客户端' }, kind: 'filtered' },
  { query: '乡村振兴', filters: { source: '中国证券报' }, kind: 'filtered' },
  { query: '实体经济', filters: { source: '证券时报网' }, kind: 'filtered' },
  { query: '新能源汽车 小微企业', filters: { source: '新华网' }, kind: 'filtered' },
  { query: '普惠金融', filters: { year: 2019 }, kind: 'filtered' },
  { query: '小微企业', filters: { year: 2020 }, kind: 'filtered' },
  { query: '乡村振兴', filters: { year: 2021 }, kind: 'filtered' },
  { query: '实体经济', filters: { year: 2022 }, kind: 'filtered' },
  { query: '工商银行 乡村振兴', filters: { year: 2024 }, kind: 'filtered' },
];
