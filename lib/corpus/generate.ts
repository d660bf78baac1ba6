/**
 * Deterministic generator of Chinese bank-news posts shaped like the Jekyll posts the product
 * indexes, so that the index, the search and the benchmarks can run on any number of documents
 * without shipping third-party text.
 *
 * Article i depends only on (seed, i): each article draws from its own PRNG streams, so the
 * output is streamable, and the first n articles of a larger corpus equal a corpus of n.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  APPOINTED_ROLES,
  BANK_CONTEXT,
  BANKS,
  BRANCH_ROLES,
  CENTRAL_BANK,
  CLOSINGS,
  CONNECTIVES,
  CUSTOMERS,
  ECNY_SERVICES,
  EDUCATION,
  EXPERT_INSTITUTIONS,
  EXPERT_ROLES,
  FIELDS,
  FOREIGN_BANK_CITIES,
  GIVEN_NAME_CHARS,
  HEAD_OFFICE_ROLES,
  KIND_DESCRIPTIONS,
  LEAD_PREFIXES,
  LPR_BY_YEAR,
  NEUTRAL_CONTEXT,
  OUTLETS,
  PRODUCT_PARTS,
  PROVINCES,
  QUOTES,
  SURNAMES,
  SYNONYM_GROUPS,
  TERMS,
  TOPICS,
  TRADITIONAL_SENTENCES,
  type BankEntry,
  type BankKind,
  type Outlet,
  type Province,
  type Topic,
} from './vocabulary';

/** How many articles to generate, from which seed. */
export interface GenerateOptions {
  /** Number of articles, 1 to {@link MAX_DOCS}. */
  docs: number;
  /** Any safe integer; the same seed always gives byte-identical output. */
  seed: number;
}

/** 2,000 articles from seed 1: the demo corpus size used by the docs and the benchmarks. */
export const DEFAULT_GENERATE_OPTIONS: Readonly<GenerateOptions> = Object.freeze({ docs: 2000, seed: 1 });

/** Upper bound on `docs`: file ids have ten scrambled digits, and beyond this the run takes hours anyway. */
export const MAX_DOCS = 10_000_000;

/** Shortest and longest article body, in characters of visible text (markup, source line and footer excluded). */
export const MIN_BODY_CHARS = 300;
export const MAX_BODY_CHARS = 3000;

/** Share of articles that retell an earlier story from another outlet. */
const NEAR_DUPLICATE_RATE = 0.03;

/** Tag every generated post carries, so generated data is never mistaken for real news. */
const GENERATED_TAG = '示例数据';

/** One generated post: its file name (`2023-06-14-202306140123456789.md`) and full text. */
export interface GeneratedArticle {
  fileName: string;
  content: string;
}

/** The options given to the generator are unusable; the message names the offending value. */
export class GenerateOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerateOptionsError';
  }
}

/** Writing the corpus to disk failed; the message names the path. */
class CorpusWriteError extends Error {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
    this.name = 'CorpusWriteError';
  }
}

/**
 * Checks generation options and returns them as plain numbers.
 * @throws {@link GenerateOptionsError} when `docs` is not an integer in 1..MAX_DOCS or `seed` is not a safe integer.
 */
export function validateGenerateOptions(opts: GenerateOptions): GenerateOptions {
  const { docs, seed } = opts;
  if (typeof docs !== 'number' || !Number.isInteger(docs) || docs < 1 || docs > MAX_DOCS) {
    throw new GenerateOptionsError(`docs must be an integer from 1 to ${MAX_DOCS}, got ${String(docs)}`);
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new GenerateOptionsError(`seed must be a safe integer, got ${String(seed)}`);
  }
  return { docs, seed };
}

/**
 * Generates `opts.docs` posts one at a time, so a corpus of any size never sits in memory.
 * Same options, same bytes; article i does not depend on `opts.docs`.
 * @throws {@link GenerateOptionsError} on invalid options (when iteration starts).
 */
export function* generateArticles(opts: GenerateOptions): Generator<GeneratedArticle> {
  const { docs, seed } = validateGenerateOptions(opts);
  for (let i = 0; i < docs; i++) yield generateArticle(seed, i);
}

/**
 * Writes the generated posts as `<outDir>/<fileName>`, creating `outDir` (and parents) when missing.
 * Existing files of the same name are overwritten; other files are left alone.
 * @returns the number of files written and their total size in bytes.
 * @throws {@link GenerateOptionsError} on invalid options, {@link CorpusWriteError} when the disk refuses.
 */
export async function writeCorpus(outDir: string, opts: GenerateOptions): Promise<{ files: number; bytes: number }> {
  const checked = validateGenerateOptions(opts);
  try {
    await mkdir(outDir, { recursive: true });
  } catch (err) {
    throw new CorpusWriteError(outDir, `cannot create the output directory (${errorMessage(err)})`, { cause: err });
  }
  // A bounded number of writes in flight: enough to keep the disk busy, few enough
  // that the generator (and memory) never runs far ahead of it.
  const maxInFlight = 32;
  const inFlight = new Set<Promise<void>>();
  let failure: CorpusWriteError | null = null;
  let files = 0;
  let bytes = 0;
  for (const article of generateArticles(checked)) {
    if (failure) break;
    const path = join(outDir, article.fileName);
    const data = Buffer.from(article.content, 'utf8');
    bytes += data.length;
    files++;
    const write: Promise<void> = writeFile(path, data)
      .catch((err: unknown) => {
        failure ??= new CorpusWriteError(path, `cannot write the file (${errorMessage(err)})`, { cause: err });
      })
      .finally(() => inFlight.delete(write));
    inFlight.add(write);
    if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { files, bytes };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---------------------------------------------------------------------------------------------
// Randomness

/** Derives an independent 32-bit seed per (corpus seed, article, purpose), so streams never interfere. */
function streamSeed(seed: number, index: number, stream: number): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9);
  h = mix32(h ^ (Math.floor(seed / 4294967296) >>> 0));
  h = mix32(h ^ (index >>> 0));
  h = mix32(h ^ Math.imul(stream + 1, 0x85ebca6b));
  return h;
}

/** murmur3's finaliser: cheap and spreads every input bit over the output. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const zipfTables = new WeakMap<readonly unknown[], Float64Array>();

/** Cumulative Zipf weights (1/rank) per list, computed once. */
function zipfTable(items: readonly unknown[]): Float64Array {
  let table = zipfTables.get(items);
  if (!table) {
    table = new Float64Array(items.length);
    let sum = 0;
    for (let k = 0; k < items.length; k++) {
      sum += 1 / (k + 1);
      table[k] = sum;
    }
    zipfTables.set(items, table);
  }
  return table;
}

/** mulberry32: tiny, fast and good enough for text; never Math.random, so output is reproducible. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  /** Picks by rank with weight 1/rank: the head of the list is common, the tail rare. */
  zipf<T>(items: readonly T[]): T {
    const table = zipfTable(items);
    const target = this.next() * (table[table.length - 1] ?? 0);
    let lo = 0;
    let hi = table.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((table[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return at(items, lo);
  }

  /** Picks with explicit weights, given as [item, weight] pairs. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let r = this.next() * total;
    for (const [item, w] of choices) {
      r -= w;
      if (r < 0) return item;
    }
    return at(choices, choices.length - 1)[0];
  }

  /** Standard normal (Box-Muller), for log-normal lengths. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** Indexing that fails loudly: an undefined here is a bug in this file, not bad input. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`corpus generator: index ${index} outside a list of ${items.length}`);
  return item;
}

// ---------------------------------------------------------------------------------------------
// Per-article metadata: date, outlet, file id, near-duplicate link

const STREAM_META = 1;
const STREAM_STORY = 2;
const STREAM_DUP = 3;
const STREAM_EDIT = 4;
const STREAM_RENDER = 5;

const FIRST_YEAR = 2019;
const LAST_YEAR = 2024;
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(FIRST_YEAR, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(LAST_YEAR, 11, 31) / DAY_MS;
/** Later years weigh more, as news sites grow; every year keeps a solid share. */
const YEAR_WEIGHTS: readonly (readonly [number, number])[] = [
  [2019, 1],
  [2020, 1.1],
  [2021, 1.2],
  [2022, 1.3],
  [2023, 1.4],
  [2024, 1.5],
];
/** Posting hours of a news desk: mornings and afternoons busiest, some at night. */
const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [0, 0.3],
  [1, 0.1],
  [2, 0.1],
  [3, 0.1],
  [4, 0.1],
  [5, 0.3],
  [6, 0.6],
  [7, 1.2],
  [8, 2.2],
  [9, 3],
  [10, 3],
  [11, 2.6],
  [12, 1.5],
  [13, 2],
  [14, 2.6],
  [15, 2.8],
  [16, 2.6],
  [17, 2.2],
  [18, 1.6],
  [19, 1.6],
  [20, 1.8],
  [21, 1.5],
  [22, 1],
  [23, 0.6],
];
/** How far back a near-duplicate may reach: same story, days apart at most. */
const DUP_WINDOW = 300;

interface PostDate {
  /** Days since 1970-01-01 (UTC calendar, no time zone involved). */
  day: number;
  year: number;
  month: number;
  dayOfMonth: number;
  hour: number;
  minute: number;
  second: number;
}

interface BaseMeta {
  date: PostDate;
  outlet: Outlet;
}

function makeDate(day: number, rng: Rng): PostDate {
  const d = new Date(day * DAY_MS);
  return {
    day,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    dayOfMonth: d.getUTCDate(),
    hour: rng.weighted(HOUR_WEIGHTS),
    minute: rng.int(0, 59),
    second: rng.int(0, 59),
  };
}

function baseMeta(seed: number, index: number): BaseMeta {
  const rng = new Rng(streamSeed(seed, index, STREAM_META));
  const year = rng.weighted(YEAR_WEIGHTS);
  const start = Date.UTC(year, 0, 1) / DAY_MS;
  const end = Date.UTC(year + 1, 0, 1) / DAY_MS - 1;
  const date = makeDate(rng.int(start, end), rng);
  return { date, outlet: rng.zipf(OUTLETS) };
}

/** The article this one retells, or null for an original story. */
function duplicateTarget(seed: number, index: number): number | null {
  if (index === 0) return null;
  const rng = new Rng(streamSeed(seed, index, STREAM_DUP));
  if (!rng.chance(NEAR_DUPLICATE_RATE)) return null;
  return index - rng.int(1, Math.min(index, DUP_WINDOW));
}

/** Follows duplicate links back to the original story; links always point to earlier articles, so this ends. */
function originalOf(seed: number, index: number): number {
  let current = index;
  for (;;) {
    const target = duplicateTarget(seed, current);
    if (target === null) return current;
    current = target;
  }
}

/**
 * File ids look like the real sites' (date digits + ten digits) and are unique: the ten digits are the
 * article index times a multiplier coprime with 10^10, a bijection on 0..10^10-1.
 */
function fileId(date: PostDate, index: number): string {
  const scrambled = (index * 7_368_787 + 1_234_567_891) % 10_000_000_000;
  return `${date.year}${pad2(date.month)}${pad2(date.dayOfMonth)}${String(scrambled).padStart(10, '0')}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// ---------------------------------------------------------------------------------------------
// Stories: title and paragraphs, independent of how they are rendered

interface Paragraph {
  text: string;
  heading: boolean;
}

interface Story {
  topic: Topic;
  bank: BankEntry | null;
  title: string;
  paragraphs: Paragraph[];
}

interface Person {
  name: string;
  designation: string;
}

interface Branch {
  name: string;
  /** Same name with the bank's formal name, for a first mention. */
  formalName: string;
}

const TOPICS_BY_ID = new Map(TOPICS.map((t) => [t.id, t]));
const COMMERCIAL_BANKS = BANKS.filter((b) => b.kind !== 'foreign');
const FOREIGN_BANKS = BANKS.filter((b) => b.kind === 'foreign');
const TRADITIONAL_NAMES = BANKS.flatMap((b) => (b.traditional ? [b.traditional] : []));
const PROVINCE_BY_NAME = new Map(PROVINCES.map((p) => [p.name, p]));
const PROVINCE_BY_CITY = new Map(PROVINCES.flatMap((p) => p.cities.map((c) => [c, p] as const)));
const MUNICIPALITIES = new Set(['北京', '上海', '天津', '重庆']);
const FOREIGN_ROLES = ['大中华区首席经济学家', '中国区行长', '中国区首席执行官', '相关负责人'];
const OMO_RATES: Readonly<Record<number, readonly string[]>> = {
  2019: ['2.55%', '2.50%'],
  2020: ['2.40%', '2.20%'],
  2021: ['2.20%'],
  2022: ['2.10%', '2.00%'],
  2023: ['2.00%', '1.90%', '1.80%'],
  2024: ['1.80%', '1.70%', '1.50%'],
};
/** USD/CNY range per year, so a 2021 article does not quote 7.3. */
const FX_RANGE: Readonly<Record<number, readonly [number, number]>> = {
  2019: [6.7, 7.15],
  2020: [6.5, 7.1],
  2021: [6.35, 6.55],
  2022: [6.3, 7.25],
  2023: [6.7, 7.3],
  2024: [7.0, 7.3],
};

/** Everything an article keeps consistent while its templates are filled. */
class StoryContext {
  readonly rng: Rng;
  readonly topic: Topic;
  readonly bank: BankEntry | null;
  readonly branch: Branch | null;
  readonly province: Province;
  readonly city: string;
  readonly person: Person | null;
  readonly expert: Person;
  readonly lpr: readonly [string, string];
  readonly ecny: string;
  readonly appointedRole: string;
  /** Range of {AMT} in 亿元: a county branch does not lend 8000亿. */
  readonly amountRange: readonly [number, number];
  private readonly products = new Map<string, string>();
  private bankMentioned = false;
  private personIntroduced = false;
  private expertIntroduced = false;
  private lastOtherBank: BankEntry | null = null;
  private accounts: Books | null = null;
  /** Theme of the section being written: {PROD} follows it. */
  theme: Topic;

  constructor(
    rng: Rng,
    topic: Topic,
    readonly date: PostDate,
  ) {
    this.rng = rng;
    this.topic = topic;
    this.theme = topic;
    this.bank = this.chooseBank();
    const place = this.choosePlace();
    this.province = place.province;
    this.city = place.city;
    this.branch = place.branch;
    this.appointedRole = rng.zipf(APPOINTED_ROLES);
    this.person = this.choosePerson();
    this.expert = {
      name: randomName(rng),
      designation: `${rng.zipf(EXPERT_INSTITUTIONS)}${rng.zipf(EXPERT_ROLES)}`,
    };
    this.lpr = rng.pick(LPR_BY_YEAR[date.year] ?? LPR_BY_YEAR[LAST_YEAR] ?? [['3.45%', '4.20%']]);
    this.ecny = rng.zipf(ECNY_SERVICES);
    this.amountRange = this.branch ? [0.5, 600] : AMOUNT_RANGES[this.bank?.kind ?? 'none'];
  }

  private chooseBank(): BankEntry | null {
    switch (this.topic.subject) {
      case 'none':
        return null;
      case 'central':
        return CENTRAL_BANK;
      case 'foreign':
        return this.rng.zipf(FOREIGN_BANKS);
      case 'commercial':
        return this.rng.zipf(COMMERCIAL_BANKS);
    }
  }

  private choosePlace(): { province: Province; city: string; branch: Branch | null } {
    const rng = this.rng;
    const bank = this.bank;
    const home = bank?.home ? PROVINCE_BY_NAME.get(bank.home) : undefined;
    let province = home ?? rng.zipf(PROVINCES);
    let city = rng.pick(province.cities);
    // Foreign-bank news is mostly about a branch opening, so those stories always have one.
    if (!bank || !this.topic.branches || (bank.kind !== 'foreign' && !rng.chance(0.55))) return { province, city, branch: null };
    const named = (suffix: string): Branch => ({ name: `${bank.name}${suffix}`, formalName: `${bank.full}${suffix}` });
    switch (bank.kind) {
      case 'foreign': {
        city = rng.zipf(FOREIGN_BANK_CITIES);
        province = PROVINCE_BY_CITY.get(city) ?? province;
        return { province, city, branch: named(`${city}分行`) };
      }
      case 'city': {
        // A city bank's branches sit in its home province or in the big cities; never in its own city's name.
        if (rng.chance(0.3)) {
          city = rng.pick(['北京', '上海', '深圳', '杭州', '广州']);
          province = PROVINCE_BY_CITY.get(city) ?? province;
        }
        if (bank.name.startsWith(city) || (MUNICIPALITIES.has(city) && bank.name.startsWith(province.name))) {
          return { province, city, branch: null };
        }
        return { province, city, branch: named(`${city}分行`) };
      }
      case 'rural':
      case 'private':
        return { province, city, branch: null };
      default:
        if (MUNICIPALITIES.has(province.name) || rng.chance(0.6)) {
          return { province, city, branch: named(`${province.full}分行`) };
        }
        return { province, city, branch: named(`${city}分行`) };
    }
  }

  private choosePerson(): Person | null {
    const bank = this.bank;
    if (!bank || bank.kind === 'central') return null;
    const name = randomName(this.rng);
    if (this.topic.id === 'personnel') return { name, designation: `${bank.name}${this.appointedRole}` };
    if (bank.kind === 'foreign') return { name, designation: `${bank.name}${this.rng.pick(FOREIGN_ROLES)}` };
    if (this.branch) return { name, designation: `${this.branch.name}${this.rng.zipf(BRANCH_ROLES)}` };
    return { name, designation: `${bank.name}${this.rng.zipf(HEAD_OFFICE_ROLES)}` };
  }

  hasPerson(): boolean {
    return this.person !== null;
  }

  /**
   * Fills a template; titles name banks by short name or alias, bodies by formal name first.
   * Synonyms are swapped first, except in traditional-character templates they would corrupt.
   */
  fill(raw: string, inTitle = false, traditional = false): string {
    let lastField = '';
    let lastTerm = '';
    let out = '';
    for (const part of compileTemplate(raw, !traditional)) {
      switch (part.kind) {
        case 'text':
          out += part.text;
          break;
        case 'synonym':
          out += this.rng.pick(part.words);
          break;
        case 'slot':
          if (part.slot === 'F') {
            let field = this.rng.zipf(FIELDS);
            if (field === lastField) field = this.rng.pick(FIELDS);
            lastField = field;
            out += field;
          } else if (part.slot === 'T') {
            let term = this.rng.zipf(TERMS);
            if (term === lastTerm) term = this.rng.pick(TERMS);
            lastTerm = term;
            out += term;
          } else if (part.slot === 'MD') {
            out += this.recentDate(part.afterAsOf);
          } else {
            out += this.slot(part.slot, inTitle, part.inList);
          }
          break;
      }
    }
    return out;
  }

  private slot(slot: string, inTitle: boolean, inList: boolean): string {
    const rng = this.rng;
    const { year } = this.date;
    switch (slot) {
      case 'B':
        return this.bankMention(inTitle, inList);
      case 'BR':
        return this.branchMention(inTitle, inList);
      case 'ALIAS':
        return this.bank ? (this.bank.aliases[0] ?? this.bank.name) : '';
      case 'KIND':
        return this.bank ? KIND_DESCRIPTIONS[this.bank.kind] : '';
      case 'OB':
      case 'OB2':
        return this.otherBank();
      case 'P':
        return this.province.name;
      case 'C':
        return this.city;
      case 'PROD':
        return this.product(this.theme);
      case 'CUST':
        return rng.zipf(CUSTOMERS);
      case 'ECNY':
        return this.ecny;
      case 'PER':
        return this.personMention();
      case 'PERN':
        return this.person?.name ?? this.expert.name;
      case 'PERN2':
        return randomName(rng);
      case 'CO':
        return companyName(rng, this.city);
      case 'EXP':
        if (this.expertIntroduced) return this.expert.name;
        this.expertIntroduced = true;
        return `${this.expert.designation}${this.expert.name}`;
      case 'ROLE':
        return this.appointedRole;
      case 'AGE':
        return String(rng.int(45, 59));
      case 'EDU':
        return rng.zipf(EDUCATION);
      case 'Y':
        return String(year);
      case 'MON':
        return String(this.date.month);
      case 'DMON':
        return String(this.date.month === 1 ? 12 : this.date.month - 1);
      case 'PERIOD':
        return this.period(true);
      case 'PERIODY':
        return this.period(false);
      case 'AMT':
        return amount(rng, this.amountRange);
      case 'RRRAMT':
        return amount(rng, [5000, 12000]);
      case 'BIG':
        return `${rng.float(0.3, 45).toFixed(2)}万亿元`;
      case 'ASSETS':
        return formatYi(this.books().assets);
      case 'ASSETSFLOOR':
        return formatYiFloor(this.books().assets);
      case 'LOANS':
        return formatYi(this.books().assets * rng.float(0.5, 0.62));
      case 'DEPOSITS':
        return formatYi(this.books().assets * rng.float(0.66, 0.8));
      case 'REV':
        return formatYi(this.books().revenue);
      case 'REVPART':
        return formatYi(this.books().revenue * rng.float(0.3, 0.5));
      case 'FEE':
        return formatYi(this.books().revenue * rng.float(0.08, 0.22));
      case 'PROFIT':
        return formatYi(this.books().profit);
      case 'SMALL':
        return `${roundish(rng, Math.round(Math.exp(rng.float(Math.log(5), Math.log(3000)))))}万元`;
      case 'AMTT':
        return `${rng.int(20, 900)}億元`;
      case 'HH':
        return rng.chance(0.4) ? `${rng.float(1, 30).toFixed(1)}万户` : `${roundish(rng, rng.int(120, 9800))}余户`;
      case 'NUM':
        return String(rng.zipf(SMALL_NUMBERS));
      case 'PCT':
        return `${rng.float(1, 40).toFixed(1)}%`;
      case 'SMALLPCT':
        return `${rng.float(0.1, 9.9).toFixed(2)}%`;
      case 'LOWPCT':
        return `${rng.float(1.2, 4.5).toFixed(2)}%`;
      case 'NPL':
        return `${rng.float(0.65, 2.5).toFixed(2)}%`;
      case 'NIM':
        return `${rng.float(1.35, 2.35).toFixed(2)}%`;
      case 'COVER':
        return `${rng.float(150, 480).toFixed(2)}%`;
      case 'CET1':
        return `${rng.float(8.5, 14.5).toFixed(2)}%`;
      case 'DEP1':
        return `${rng.float(1.1, 1.75).toFixed(2)}%`;
      case 'DIV':
        return rng.float(0.8, 4.5).toFixed(2);
      case 'BP':
        return String(rng.int(1, 30));
      case 'RATE1':
        return this.lpr[0];
      case 'RATE5':
        return this.lpr[1];
      case 'RRR':
        return rng.chance(0.6) ? '0.25' : '0.5';
      case 'RRRLEVEL':
        return `${rng.float(6.6, 9.5).toFixed(1)}%`;
      case 'OMORATE':
        return rng.pick(OMO_RATES[year] ?? ['1.80%']);
      case 'SHIBOR':
        return `${rng.float(0.8, 2.6).toFixed(3)}%`;
      case 'FX': {
        const [lo, hi] = FX_RANGE[year] ?? [6.3, 7.3];
        return rng.float(lo, hi).toFixed(4);
      }
      case 'BOND':
        return `${rng.float(1.6, 3.4).toFixed(2)}%`;
      case 'CPI':
        return `${rng.float(0, 3).toFixed(1)}%`;
      case 'PMI':
        return rng.float(48, 52.5).toFixed(1);
      case 'PMIDELTA':
        return rng.float(0.1, 1.2).toFixed(1);
      case 'PIPS':
        return String(rng.int(10, 400));
      case 'UPDOWN':
        return rng.chance(0.5) ? '上涨' : '下跌';
      case 'PRICE':
        return rng.float(3, 45).toFixed(2);
      case 'TENOR':
        return rng.pick(['3', '5', '10']);
      case 'MULT':
        return rng.float(1.5, 4.5).toFixed(1);
      case 'GDP':
        return `${rng.float(4.5, 6).toFixed(1)}%`;
      case 'VER':
        return `${rng.int(5, 12)}.0`;
      case 'ORD':
        return rng.pick(['二', '三']);
      case 'TB':
        return this.bank?.traditional ?? rng.zipf(TRADITIONAL_NAMES);
      default:
        throw new RangeError(`corpus generator: unknown template slot {${slot}}`);
    }
  }

  /**
   * One set of accounts per story, so that profit stays below revenue and loans below assets:
   * assets by kind of bank, revenue about 2.4% of assets a year (pro rata for the period), profit a third of it.
   */
  private books(): Books {
    if (!this.accounts) {
      const rng = this.rng;
      const [lo, hi] = ASSET_RANGES[this.bank?.kind ?? 'city'];
      const assets = Math.exp(rng.float(Math.log(lo), Math.log(hi)));
      const { month } = this.date;
      const share = month <= 3 ? 1 : month <= 5 ? 0.25 : month <= 8 ? 0.5 : 0.75;
      const revenue = assets * rng.float(0.02, 0.028) * share;
      this.accounts = { assets, revenue, profit: revenue * rng.float(0.25, 0.45) };
    }
    return this.accounts;
  }

  private bankMention(inTitle: boolean, inList: boolean): string {
    const bank = this.bank;
    if (!bank) return '';
    const rng = this.rng;
    if (inTitle) {
      if (bank.kind === 'central') return rng.chance(0.5) ? '央行' : bank.full;
      const alias = bank.aliases[0];
      return alias && rng.chance(0.3) ? alias : bank.name;
    }
    if (!this.bankMentioned) {
      this.bankMentioned = true;
      if (bank.latin && rng.chance(0.03)) return `${bank.full}（${bank.latin}）`;
      return rng.chance(0.55) ? bank.full : bank.name;
    }
    const r = rng.next();
    if (bank.kind === 'central') return r < 0.4 ? '央行' : r < 0.6 ? '人民银行' : bank.full;
    // "该行" reads wrong inside a list of banks ("该行、招商银行…").
    if (r < 0.06 && !inList) return '该行';
    const alias = bank.aliases[0];
    if (alias && r < 0.2) return alias;
    return bank.name;
  }

  private branchMention(inTitle: boolean, inList: boolean): string {
    const branch = this.branch;
    if (!branch) return this.bankMention(inTitle, inList);
    if (!inTitle && !this.bankMentioned) {
      this.bankMentioned = true;
      return this.rng.chance(0.2) ? branch.formalName : branch.name;
    }
    return branch.name;
  }

  private otherBank(): string {
    let other = this.rng.zipf(COMMERCIAL_BANKS);
    for (let tries = 0; tries < 8 && (other === this.bank || other === this.lastOtherBank); tries++) {
      other = this.rng.zipf(COMMERCIAL_BANKS);
    }
    this.lastOtherBank = other;
    return other.name;
  }

  private personMention(): string {
    const person = this.person ?? this.expert;
    if (this.personIntroduced) return person.name;
    this.personIntroduced = true;
    return `${person.designation}${person.name}`;
  }

  /** A product name per theme, invented from parts: "交银" + "兴农" + "e贷". */
  private product(theme: Topic): string {
    const known = this.products.get(theme.products);
    if (known) return known;
    const rng = this.rng;
    const parts = PRODUCT_PARTS[theme.products] ?? PRODUCT_PARTS.general;
    if (!parts) throw new RangeError(`corpus generator: no product parts for ${theme.products}`);
    const brand = this.bank?.brand && rng.chance(0.4) ? this.bank.brand : '';
    const name = `${brand}${rng.zipf(parts.cores)}${rng.zipf(parts.suffixes)}`;
    this.products.set(theme.products, name);
    return name;
  }

  /** A day shortly before publication; after 截至 often a month end ("截至6月末"). */
  private recentDate(afterAsOf: boolean): string {
    const rng = this.rng;
    if (afterAsOf && rng.chance(0.5)) {
      const month = this.date.month === 1 ? 12 : this.date.month - 1;
      return `${month}月末`;
    }
    const d = new Date((this.date.day - rng.int(0, 6)) * DAY_MS);
    return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  }

  /** The reporting period a bank would publish around this date. */
  private period(forReport: boolean): string {
    const { year, month } = this.date;
    if (month <= 3) return forReport ? `${year - 1}年度` : `${year - 1}年`;
    if (month <= 5) return `${year}年一季度`;
    if (month <= 8) return `${year}年上半年`;
    return `${year}年前三季度`;
  }
}

type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'synonym'; readonly words: readonly string[] }
  | { readonly kind: 'slot'; readonly slot: string; readonly afterAsOf: boolean; readonly inList: boolean };

const SYNONYM_OF = new Map(SYNONYM_GROUPS.flatMap((group) => group.map((word) => [word, group] as const)));
// Longest first, so 较上年末 wins over a shorter member that is part of it.
const SYNONYM_PATTERN = new RegExp([...SYNONYM_OF.keys()].sort((a, b) => b.length - a.length).join('|'), 'g');
const compiledWithSynonyms = new Map<string, readonly TemplatePart[]>();
const compiledPlain = new Map<string, readonly TemplatePart[]>();

/**
 * Splits a template once into text, synonym and slot parts; filling then costs no regex work,
 * which matters at 100,000 articles. Traditional templates skip synonyms (which are simplified).
 */
function compileTemplate(template: string, synonyms: boolean): readonly TemplatePart[] {
  const cache = synonyms ? compiledWithSynonyms : compiledPlain;
  const known = cache.get(template);
  if (known) return known;
  const parts: TemplatePart[] = [];
  const pushText = (text: string): void => {
    if (!synonyms) {
      if (text) parts.push({ kind: 'text', text });
      return;
    }
    let last = 0;
    for (const m of text.matchAll(SYNONYM_PATTERN)) {
      if (m.index > last) parts.push({ kind: 'text', text: text.slice(last, m.index) });
      parts.push({ kind: 'synonym', words: SYNONYM_OF.get(m[0]) ?? [m[0]] });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  };
  let last = 0;
  for (const m of template.matchAll(/\{([A-Z0-9]+)\}/g)) {
    const slot = m[1] ?? '';
    pushText(template.slice(last, m.index));
    parts.push({
      kind: 'slot',
      slot,
      afterAsOf: template.slice(Math.max(0, m.index - 2), m.index) === '截至',
      inList: template.charAt(m.index - 1) === '、' || template.charAt(m.index + m[0].length) === '、',
    });
    last = m.index + m[0].length;
  }
  pushText(template.slice(last));
  cache.set(template, parts);
  return parts;
}

/** Small counts: 3 and 5 far more often than 47. */
const SMALL_NUMBERS: readonly number[] = [
  3, 5, 2, 10, 6, 4, 8, 12, 20, 15, 7, 30, 9, 11, 18, 25, 16, 40, 14, 13, 50, 22, 17, 35, 28, 19, 24, 45, 60, 33, 27, 36, 21, 48, 26,
];

interface Books {
  /** All in 亿元. */
  assets: number;
  revenue: number;
  profit: number;
}

/** Total assets in 亿元 by kind of bank. */
const ASSET_RANGES: Readonly<Record<BankKind, readonly [number, number]>> = {
  state: [130_000, 480_000],
  'joint-stock': [25_000, 130_000],
  city: [2_500, 40_000],
  rural: [1_500, 16_000],
  foreign: [500, 7_000],
  policy: [20_000, 180_000],
  private: [500, 7_000],
  central: [300_000, 450_000],
};

function formatYi(v: number): string {
  if (v >= 10000) return `${(v / 10000).toFixed(2)}万亿元`;
  if (v >= 100) return `${Math.round(v)}亿元`;
  return `${v.toFixed(1)}亿元`;
}

/** A round threshold just below v, for "总资产突破…" titles. */
function formatYiFloor(v: number): string {
  if (v >= 10000) return `${Math.floor(v / 10000)}万亿元`;
  return `${Math.floor(v / 1000) * 1000}亿元`;
}

/** {AMT} ranges in 亿元 by who is speaking. */
const AMOUNT_RANGES: Readonly<Record<BankKind | 'none', readonly [number, number]>> = {
  state: [30, 12000],
  'joint-stock': [10, 8000],
  city: [3, 2500],
  rural: [1, 1200],
  foreign: [0.5, 400],
  policy: [20, 15000],
  private: [1, 800],
  central: [500, 15000],
  none: [200, 20000],
};

/** Log-uniform in [lo, hi] 亿元: as many 12亿 as 1200亿, like real reporting; 万亿 from 10000亿 on. */
function amount(rng: Rng, [lo, hi]: readonly [number, number]): string {
  const v = Math.exp(rng.float(Math.log(lo), Math.log(hi)));
  if (v >= 10000) return `${(v / 10000).toFixed(2)}万亿元`;
  if (v >= 100) return `${Math.round(v)}亿元`;
  return `${v.toFixed(v < 10 ? 2 : 1)}亿元`;
}

/** Reporters round: 3000 and 1200 are more common than 3017. */
function roundish(rng: Rng, n: number): number {
  if (n >= 100 && rng.chance(0.6)) return Math.round(n / 100) * 100;
  if (n >= 10 && rng.chance(0.5)) return Math.round(n / 10) * 10;
  return n;
}

/** Invented firm names: city + two characters + trade + legal form (`佛山恒瑞新材料有限公司`). */
function companyName(rng: Rng, city: string): string {
  const form = rng.chance(0.8) ? '有限公司' : '股份有限公司';
  return `${city}${rng.pick(FIRM_CHARS)}${rng.pick(FIRM_CHARS)}${rng.zipf(FIRM_TRADES)}${form}`;
}

const FIRM_CHARS: readonly string[] = [...'恒瑞华泰鑫达宏盛嘉禾丰远创新源通安康润泽德明锦立信和永宇腾飞祥隆星辰智联众诚旭'];
const FIRM_TRADES: readonly string[] = [
  '科技',
  '新材料',
  '食品',
  '农业',
  '物流',
  '机械',
  '电子',
  '生物',
  '纺织',
  '能源',
  '智能装备',
  '贸易',
  '医疗器械',
  '环保',
  '建材',
];

function randomName(rng: Rng): string {
  const given = rng.chance(0.75) ? rng.pick(GIVEN_NAME_CHARS) + rng.pick(GIVEN_NAME_CHARS) : rng.pick(GIVEN_NAME_CHARS);
  return rng.zipf(SURNAMES) + given;
}

/** Log-normal body length, clamped: most articles a few hundred characters, a long tail up to the maximum. */
function targetLength(rng: Rng, short: boolean): number {
  const median = short ? 420 : 900;
  const sigma = short ? 0.45 : 0.65;
  const v = Math.round(median * Math.exp(sigma * rng.normal()));
  return Math.min(MAX_BODY_CHARS, Math.max(MIN_BODY_CHARS, v));
}

const STARTS_WITH_CONNECTIVE = /^(?:据|记者|此外|同时|与此同时|另|从|具体|值得|不仅|在此|近日|日前|近期)/;

const namingCache = new Map<Topic, readonly string[]>();

/** A topic's sentences that name the bank ({B} or {BR}). */
function namingSentences(topic: Topic): readonly string[] {
  let list = namingCache.get(topic);
  if (!list) {
    list = topic.sentences.filter((t) => t.includes('{B}') || t.includes('{BR}'));
    if (list.length === 0) throw new RangeError(`corpus generator: topic ${topic.id} has no sentence naming the bank`);
    namingCache.set(topic, list);
  }
  return list;
}

/** Picks sentences without repeating one inside an article until its pools run dry. */
class SentencePicker {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** Marks a template chosen elsewhere as used, and returns it. */
  use(template: string): string {
    this.used.add(template);
    return template;
  }

  /** An unused template from `pool`, or null when every template of it was used. */
  take(pool: readonly string[]): string | null {
    const start = this.rng.int(0, pool.length - 1);
    for (let k = 0; k < pool.length; k++) {
      const template = at(pool, (start + k) % pool.length);
      if (!this.used.has(template)) {
        this.used.add(template);
        return template;
      }
    }
    return null;
  }
}

function buildStory(seed: number, index: number, date: PostDate): Story {
  const rng = new Rng(streamSeed(seed, index, STREAM_STORY));
  const topic = rng.zipf(TOPICS);
  const ctx = new StoryContext(rng, topic, date);
  const title = ctx.fill(rng.pick(topic.titles), true);
  // Central-bank and foreign-bank stories stay shorter: their template pools are small (and so are real ones).
  const cap = topic.subject === 'central' ? 1200 : topic.subject === 'foreign' ? 1500 : MAX_BODY_CHARS;
  const target = Math.min(targetLength(rng, topic.short), cap);
  const picker = new SentencePicker(rng);
  const paragraphs: Paragraph[] = [];
  let total = 0;

  const nextTemplate = (theme: Topic, allowRepeat: boolean): string | null => {
    const generic = theme.subject === 'none' || theme.subject === 'central' ? NEUTRAL_CONTEXT : BANK_CONTEXT;
    const r = rng.next();
    const pools: (readonly string[])[] =
      r < 0.12 && ctx.hasPerson() && theme.subject !== 'none'
        ? [QUOTES, theme.sentences, generic]
        : r < 0.3
          ? [generic, theme.sentences]
          : [theme.sentences, generic];
    for (const pool of pools) {
      const template = picker.take(pool);
      if (template) return template;
    }
    return allowRepeat ? rng.pick(theme.sentences) : null;
  };

  // The story's sections: the main topic first, then related themes, each with a few paragraphs.
  const useHeadings = target >= 1100 && rng.chance(0.7);
  const usedHeadings = new Set<string>();
  let exhausted = false;
  for (let section = 0; total < target && !exhausted; section++) {
    const theme = section === 0 ? topic : (TOPICS_BY_ID.get(rng.pick(topic.related)) ?? topic);
    ctx.theme = theme;
    if (useHeadings && section > 0) {
      const heading = rng.pick(theme.headings);
      if (!usedHeadings.has(heading) && total + heading.length <= MAX_BODY_CHARS) {
        usedHeadings.add(heading);
        paragraphs.push({ text: heading, heading: true });
        total += heading.length;
      }
    }
    const paragraphCount = rng.int(1, 3);
    for (let p = 0; p < paragraphCount && total < target && !exhausted; p++) {
      const sentenceCount = topic.short ? rng.int(1, 3) : rng.int(2, 4);
      let text = '';
      for (let s = 0; s < sentenceCount && total + text.length < target; s++) {
        // The opening sentence names the story's bank, so no article about a bank forgets to say which.
        const opening = paragraphs.length === 0 && text === '' && ctx.bank !== null;
        const template = opening ? picker.use(rng.pick(namingSentences(theme))) : nextTemplate(theme, total + text.length < MIN_BODY_CHARS);
        if (!template) {
          exhausted = true;
          break;
        }
        const prefix =
          paragraphs.length === 0 && text === '' && theme.subject !== 'none' && theme.subject !== 'central' ? ctx.fill(rng.pick(LEAD_PREFIXES)) : '';
        const filled = ctx.fill(template);
        // A connective before 据悉 or 此外 would stack two of them.
        const connective = text !== '' && !STARTS_WITH_CONNECTIVE.test(filled) && rng.chance(0.25) ? rng.pick(CONNECTIVES) : '';
        const sentence = prefix + connective + filled;
        if (total + text.length + sentence.length > MAX_BODY_CHARS) {
          exhausted = true;
          break;
        }
        text += sentence;
      }
      if (text) {
        paragraphs.push({ text, heading: false });
        total += text.length;
      }
    }
  }
  ctx.theme = topic;

  if ((topic.subject === 'commercial' || topic.subject === 'foreign') && rng.chance(0.6)) {
    const closing = ctx.fill(rng.pick(CLOSINGS));
    if (total + closing.length <= MAX_BODY_CHARS) {
      paragraphs.push({ text: closing, heading: false });
      total += closing.length;
    }
  }

  // Rare on purpose: a Hong Kong style paragraph in traditional characters.
  if (topic.subject !== 'none' && rng.chance(0.012)) {
    const first = rng.int(0, TRADITIONAL_SENTENCES.length - 1);
    const second = (first + rng.int(1, TRADITIONAL_SENTENCES.length - 1)) % TRADITIONAL_SENTENCES.length;
    const text = ctx.fill(at(TRADITIONAL_SENTENCES, first), false, true) + ctx.fill(at(TRADITIONAL_SENTENCES, second), false, true);
    if (total + text.length <= MAX_BODY_CHARS) {
      paragraphs.splice(rng.int(1, paragraphs.length), 0, { text, heading: false });
      total += text.length;
    }
  }

  // Rare on purpose: one paragraph (sometimes the title too) typed with full-width digits and letters.
  let finalTitle = title;
  if (rng.chance(0.01)) {
    const candidates = paragraphs.filter((p) => !p.heading && /[0-9A-Za-z]/.test(p.text));
    if (candidates.length > 0) {
      const chosen = rng.pick(candidates);
      chosen.text = toFullWidth(chosen.text);
    }
    if (rng.chance(0.3)) finalTitle = toFullWidth(finalTitle);
  }

  return { topic, bank: ctx.bank, title: finalTitle, paragraphs };
}

/** ASCII letters, digits and % to their full-width forms; a dot between digits becomes ．. */
function toFullWidth(text: string): string {
  return text.replace(/(?<=\d)\.(?=\d)/g, '．').replace(/[0-9A-Za-z%]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** The same story told by another outlet: abridged, or with a one-character change to the title. */
function retell(story: Story, rng: Rng): Story {
  let title = story.title;
  const edit = rng.weighted([
    ['same', 0.4],
    ['colon', 0.3],
    ['append', 0.3],
  ] as const);
  if (edit === 'colon' && title.includes('：')) title = title.replace('：', ' ');
  else if (edit === 'colon' && title.includes(' ')) title = title.replace(' ', '：');
  else if (edit !== 'same') title = `${title}！`;

  let paragraphs = story.paragraphs;
  if (rng.chance(0.65) && paragraphs.length > 1) {
    const total = paragraphs.reduce((n, p) => n + p.text.length, 0);
    const keep = Math.max(MIN_BODY_CHARS, Math.ceil(total * rng.float(0.7, 0.9)));
    const kept: Paragraph[] = [];
    let length = 0;
    for (const p of paragraphs) {
      if (length >= keep) break;
      kept.push(p);
      length += p.text.length;
    }
    // An abridged story does not end on a subheading.
    while (kept.length > 1 && kept[kept.length - 1]?.heading) kept.pop();
    if (kept.reduce((n, p) => n + p.text.length, 0) >= MIN_BODY_CHARS) paragraphs = kept;
  }
  return { ...story, title, paragraphs };
}

// ---------------------------------------------------------------------------------------------
// Rendering: Jekyll front matter and an HTML or Markdown body with the real sites' trimmings

type FooterStyle = 'share' | 'section' | 'relative' | 'empty' | 'none';

const NON_FEED_OUTLETS = OUTLETS.filter((o) => o.slug !== 'emnews');

function render(story: Story, date: PostDate, outlet: Outlet, digits: string, rng: Rng): string {
  const markdown = outlet.slug === 'emnews' ? rng.chance(0.55) : rng.chance(0.08);
  const quoteTitle = rng.chance(0.85) || !isPlainYamlSafe(story.title);
  const dateStyle = rng.weighted([
    ['offset', 0.88],
    ['plain', 0.1],
    ['quoted', 0.02],
  ] as const);
  const footer = rng.weighted<FooterStyle>(
    markdown
      ? [
          ['relative', 0.55],
          ['section', 0.3],
          ['share', 0.1],
          ['empty', 0.03],
          ['none', 0.02],
        ]
      : [
          ['share', 0.7],
          ['section', 0.15],
          ['relative', 0.1],
          ['empty', 0.03],
          ['none', 0.02],
        ],
  );
  // The rolling feed republishes other outlets: its source line names the original one.
  const source = outlet.slug === 'emnews' && rng.chance(0.7) ? rng.zipf(NON_FEED_OUTLETS).name : outlet.name;

  let dateText = `${date.year}-${pad2(date.month)}-${pad2(date.dayOfMonth)} ${pad2(date.hour)}:${pad2(date.minute)}:${pad2(date.second)}`;
  if (dateStyle === 'offset') dateText += ' +0800';
  else if (dateStyle === 'quoted') dateText = `"${dateText} +0800"`;

  const front =
    '---\n' +
    'layout: post\n' +
    `title: ${quoteTitle ? yamlQuote(story.title) : story.title}\n` +
    `date: ${dateText}\n` +
    `categories: ${outlet.slug}\n` +
    `tags: ${outlet.tag} ${GENERATED_TAG}\n` +
    '---\n';

  const body = markdown ? renderMarkdown(story, source, rng) : renderHtml(story, source, rng);
  return front + body + renderFooter(footer, outlet, digits);
}

function renderHtml(story: Story, source: string, rng: Rng): string {
  const join = rng.weighted([
    ['\n ', 0.5],
    ['', 0.35],
    ['\n', 0.15],
  ] as const);
  const strongHeadings = rng.chance(0.6);
  const stock = story.bank?.stock;
  const widget = stock !== undefined && rng.chance(0.15);
  const keytip = stock !== undefined && rng.chance(0.06);
  const breakFirst = rng.chance(0.2);
  let keytipDone = false;
  const parts = story.paragraphs.map((p, k) => {
    let text = escapeHtml(p.text);
    if (p.heading) return strongHeadings ? `<p><strong>${text}</strong></p>` : `<p>${text}</p>`;
    if (keytip && !keytipDone && stock && story.bank && text.includes(story.bank.name)) {
      // Quote sites wrap a listed company's name in a link; the index must see through it.
      const id = `${stock.market}.${stock.code}`;
      text = text.replace(
        story.bank.name,
        `<span id="stock_${id}"><a href="http://example.com/quote/${id}" class="keytip" data-code="${stock.market},${stock.code}">${story.bank.name}</a></span><span id="quote_${id}"></span>`,
      );
      keytipDone = true;
    }
    return k === 0 && breakFirst ? `<p>${text}<br /></p>` : `<p>${text}</p>`;
  });
  const head = widget && stock ? stockWidget(stock.code, stock.market) : '';
  return `${head}${parts.join(join)}<p class="em_media">（文章来源：${source}）</p>`;
}

function renderMarkdown(story: Story, source: string, rng: Rng): string {
  const quoteFirst = rng.chance(0.15);
  const parts = story.paragraphs.map((p, k) => {
    if (p.heading) return `**${p.text}**`;
    return k === 0 && quoteFirst ? `> ${p.text}` : p.text;
  });
  return `\n${parts.join('\n\n')}\n\n（文章来源：${source}）`;
}

function renderFooter(style: FooterStyle, outlet: Outlet, digits: string): string {
  const { slug, tag } = outlet;
  switch (style) {
    case 'share':
      return `\n\n<http://example.com/html_News/NewsShare.html?infoCode=NW${digits}>\n\n[返回${tag}](//example.com/category/${slug}.html)｜[返回首页](//example.com/)\n`;
    case 'section':
      return `\n\n<http://example.com/news/11059,${digits}.html>\n\n[返回${tag}](//example.com/${slug}/)｜[返回首页](//example.com/)\n`;
    case 'relative':
      return `\n\n<http://example.com/news/1344,${digits}.html>\n\n[返回${tag}](../${slug}/)\n[返回首页](../)\n`;
    case 'empty':
      return `\n\n<>\n\n[返回${tag}](//example.com/${slug}/)｜[返回首页](//example.com/)\n`;
    case 'none':
      return '\n';
  }
}

/** The quote sites' K-line chart block, pointing at example.com. */
function stockWidget(code: string, market: 0 | 1): string {
  const id = `${market}.${code}`;
  return (
    '<p style="display:none;height:1px;overflow:hidden;"><br /></p><!-- EM_StockImg_Start -->' +
    `<p style="text-align:center;"><a href="http://example.com/quote/${id}" data-code="${code}|${market}|1" data-code2="${code}|${market}|2|" class="EmImageRemark" target="_blank">` +
    `<img src="https://example.com/kline/GetPic.aspx?nid=${id}&imageType=k" border="0" alt="K图 ${code}_0" data-code="K ${code}|${market}|1" data-code2="K ${code}|${market}|2|" style="border:#d1d1d1 1px solid;" width="578" height="276" />` +
    '</a></p><!-- EM_StockImg_End -->'
  );
}

function escapeHtml(text: string): string {
  return /[<>&]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

function yamlQuote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Whether a title may go unquoted in YAML and still read back as the same string:
 * no indicator character first, no ": " or " #", nothing YAML would read as a number or a date.
 */
function isPlainYamlSafe(text: string): boolean {
  if (text === '' || text !== text.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`0-9]/.test(text)) return false;
  return !/: |:$| #|\t/.test(text);
}

// ---------------------------------------------------------------------------------------------

function generateArticle(seed: number, index: number): GeneratedArticle {
  const original = originalOf(seed, index);
  const own = baseMeta(seed, index);
  let date = own.date;
  let outlet = own.outlet;
  let story: Story;
  if (original === index) {
    story = buildStory(seed, index, date);
  } else {
    // Same story, another outlet, the same day or the next.
    const source = baseMeta(seed, original);
    const rng = new Rng(streamSeed(seed, index, STREAM_EDIT));
    const day = Math.min(LAST_DAY, source.date.day + rng.int(0, 1));
    date = makeDate(day, rng);
    while (outlet === source.outlet) outlet = rng.zipf(OUTLETS);
    story = retell(buildStory(seed, original, source.date), rng);
  }
  if (date.day < FIRST_DAY || date.day > LAST_DAY) {
    throw new RangeError(`corpus generator: article ${index} dated outside ${FIRST_YEAR}..${LAST_YEAR}`);
  }
  const digits = fileId(date, index);
  const content = render(story, date, outlet, digits, new Rng(streamSeed(seed, index, STREAM_RENDER)));
  const fileName = `${date.year}-${pad2(date.month)}-${pad2(date.dayOfMonth)}-${digits}.md`;
  return { fileName, content };
}
