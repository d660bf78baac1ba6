import { BANKS, PROVINCE_CITIES } from './dict/banks';
import { lazyWordBoundaries } from './segment';
import { compareCodeUnits } from './read';
import { foldText, lowerAscii } from './simplify';
import type { BranchMention } from './types';

/** One bank of the dictionary. */
export interface BankEntry {
  /** Canonical short name, as used in `Article.banks` (`交通银行`, `北京农商银行`). */
  name: string;
  kind: 'central' | 'state' | 'joint-stock' | 'city' | 'rural' | 'private' | 'foreign' | 'policy';
  /** Other names for the same bank: full legal names, short forms (交行), English (BOCOM). */
  aliases: string[];
}

/**
 * The bank dictionary, for the indexer to ship to the browser for query alias expansion
 * (交行 → 交通银行, CCB → 建设银行). A fresh copy each call.
 */
export function bankDictionary(): BankEntry[] {
  return BANKS.map((b) => ({ name: b.name, kind: b.kind, aliases: [...b.aliases] }));
}

/** What {@link findBanks} found. */
export interface BankMentions {
  /** Canonical names of the commercial and policy banks mentioned, sorted, unique. */
  banks: string[];
  /** Branches mentioned, resolved to their bank, sorted by branch name, unique. */
  branches: BranchMention[];
  /**
   * The central bank when mentioned (`['中国人民银行']`). Kept out of `banks`: the regulator
   * acting on all banks does not make an article about a bank.
   */
  central: string[];
}

// ---------------------------------------------------------------------------------------------

interface Pattern {
  /** Folded (simplified, half-width), and lower-cased when Latin. */
  text: string;
  bank: BankEntry;
  latin: boolean;
  /** A two-character Chinese short name (中行, 工行): confirmed against word boundaries. */
  needsWordCheck: boolean;
}

/** Words that turn `<name>银行` into something else: 中国银行业协会, 上海银行间, 中国银行保险监督管理委员会. */
const NOT_A_BANK_AFTER = /^(?:业(?![务绩])|间|保险|家(?!园)|机构|体系|系统|同业|监管|管理局)/;
/** Foreign central banks written as 央行. */
const FOREIGN_BEFORE_CENTRAL =
  /(?:欧洲|日本|英国|美国|韩国|印度|俄罗斯|土耳其|澳洲|澳大利亚|加拿大|瑞士|瑞典|新西兰|巴西|阿根廷|德国|法国|意大利|泰国|越南|菲律宾|印尼|马来西亚|新加坡|以色列|南非|墨西哥|挪威|丹麦|冰岛|智利|秘鲁|埃及|沙特|香港|各国|全球|外国|海外|多国|他国|主要|[日美欧英德法韩俄])$/;
const ALIAS_NOT_FOLLOWED_BY: Record<string, RegExp> = {
  浦发: /^(?:集团|控股)/,
  // "Industrial Bank of Korea" is not 兴业银行; same shape for any "… Bank of …" we list.
  'industrial bank': /^ of\b/,
};
const LATIN_WORD = /[a-z0-9]/;

let patternIndex: Map<string, Pattern[]> | null = null;

function patterns(): Map<string, Pattern[]> {
  if (patternIndex) return patternIndex;
  const byFirst = new Map<string, Pattern[]>();
  const seen = new Set<string>();
  for (const bank of BANKS) {
    for (const written of [bank.name, ...bank.aliases]) {
      const latin = /^[\x20-\x7e]+$/.test(written);
      const text = latin ? written.toLowerCase() : foldText(written);
      if (seen.has(text)) continue;
      seen.add(text);
      const pattern: Pattern = { text, bank, latin, needsWordCheck: !latin && text.length <= 2 };
      const first = text.charAt(0);
      const list = byFirst.get(first) ?? [];
      list.push(pattern);
      byFirst.set(first, list);
    }
  }
  // Longest first, so 中国建设银行 wins over 建设银行 and 北京农商银行 over nothing shorter.
  for (const list of byFirst.values()) list.sort((a, b) => b.text.length - a.text.length);
  patternIndex = byFirst;
  return byFirst;
}

interface Place {
  name: string;
  province: string;
}

let placeIndex: Map<string, Place[]> | null = null;

function places(): Map<string, Place[]> {
  if (placeIndex) return placeIndex;
  const byFirst = new Map<string, Place[]>();
  const add = (name: string, province: string): void => {
    const list = byFirst.get(name.charAt(0)) ?? [];
    list.push({ name, province });
    byFirst.set(name.charAt(0), list);
  };
  for (const [province, cities] of Object.entries(PROVINCE_CITIES)) {
    add(province, province);
    for (const city of cities) add(city, province);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.name.length - a.name.length);
  placeIndex = byFirst;
  return byFirst;
}

const COMPANY_SUFFIX = /^(?:股份有限公司|有限责任公司|有限公司)/;
const ADMIN_SUFFIX = /^(?:特别行政区|自治区|省|市|地区|州)/;
const BRANCH_SUFFIX = /^(?:分行营业部|分行|营业部|支行|分理处)/;
const SUB_BRANCH = /^(\p{Script=Han}{1,8}?)(?:支行|营业部|分理处)/u;
/** Function words never found inside a place or sub-branch name. */
const STOP_CHARS = /[的在与和及将为向已各于对从把被让给等是也都还并多家个该其]/;

/**
 * The branch right after a bank name (`青海省分行` after 交通银行), resolved against known
 * provinces and cities. Unknown places are not guessed at: 交通银行引导各区域分行 is no branch.
 */
function matchBranch(folded: string, at: number): { branch: string; province: string; end: number } | null {
  let i = at;
  const company = COMPANY_SUFFIX.exec(folded.slice(i, i + 8));
  if (company) i += company[0].length;
  const candidates = places().get(folded.charAt(i)) ?? [];
  const place = candidates.find((p) => folded.startsWith(p.name, i));
  if (!place) return null;
  let j = i + place.name.length;
  const admin = ADMIN_SUFFIX.exec(folded.slice(j, j + 5));
  if (admin) j += admin[0].length;
  const rest = folded.slice(j, j + 12);
  const suffix = BRANCH_SUFFIX.exec(rest);
  if (suffix) {
    return { branch: folded.slice(i, j + suffix[0].length), province: place.province, end: j + suffix[0].length };
  }
  const sub = SUB_BRANCH.exec(rest);
  if (sub && !STOP_CHARS.test(sub[1] ?? '')) {
    return { branch: folded.slice(i, j + sub[0].length), province: place.province, end: j + sub[0].length };
  }
  return null;
}

/** One bank name found by {@link bankMatches}, with the branch written right after it. */
interface BankMatch {
  bank: BankEntry;
  /** Offsets of the name as written (UTF-16 units; the same in the folded and the original text). */
  start: number;
  nameEnd: number;
  branch: { branch: string; province: string; end: number } | null;
}

/**
 * Every bank name in `folded` (text through `lowerAscii(foldText(…))`), leftmost-longest, with
 * the traps of {@link findBanks} applied. The central bank is included.
 */
function* bankMatches(folded: string): Generator<BankMatch> {
  const index = patterns();
  let isBoundary: ((offset: number) => boolean) | null = null;
  let i = 0;
  while (i < folded.length) {
    const candidates = index.get(folded.charAt(i));
    let matched: { pattern: Pattern; end: number } | null = null;
    if (candidates) {
      for (const pattern of candidates) {
        if (!folded.startsWith(pattern.text, i)) continue;
        const end = i + pattern.text.length;
        if (pattern.latin) {
          if (LATIN_WORD.test(folded.charAt(i - 1)) || LATIN_WORD.test(folded.charAt(end))) continue;
        }
        const after = folded.slice(end, end + 4);
        if (!pattern.latin && pattern.text.endsWith('银行') && NOT_A_BANK_AFTER.test(after)) continue;
        if (ALIAS_NOT_FOLLOWED_BY[pattern.text]?.test(folded.slice(end, end + 6))) continue;
        if (pattern.bank.kind === 'central' && pattern.text === '央行') {
          if (FOREIGN_BEFORE_CENTRAL.test(folded.slice(Math.max(0, i - 5), i))) continue;
        }
        if (pattern.needsWordCheck) {
          isBoundary ??= lazyWordBoundaries(folded);
          if (!isBoundary(i) || !isBoundary(end)) continue;
        }
        matched = { pattern, end };
        break;
      }
    }
    if (!matched) {
      i++;
      continue;
    }
    const branch = matchBranch(folded, matched.end);
    yield { bank: matched.pattern.bank, start: i, nameEnd: matched.end, branch };
    i = branch ? branch.end : matched.end;
  }
}

/**
 * Where bank names stand in `text` (the central bank's too), as `[start, end)` offsets in UTF-16
 * units, valid in `text` as written since folding keeps offsets. Only the name: a branch written
 * after it (`青海省分行`) is left out, so a place in it is still seen. For `articleProvinces`,
 * which must not read 北京银行 as a mention of 北京.
 */
export function bankNameSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of bankMatches(lowerAscii(foldText(text)))) spans.push([match.start, match.nameEnd]);
  return spans;
}

/**
 * Finds the banks an article mentions: canonical names (full and short forms, English
 * abbreviations as whole words, case-insensitively; full-width and traditional text folded
 * first), branches resolved to their bank with the province, and the central bank apart.
 * Traps such as 中国银行业协会, 中国银行保险监督管理委员会, 中国银行间市场交易商协会 and
 * 其中行业 do not yield 中国银行.
 */
export function findBanks(text: string): BankMentions {
  const banks = new Set<string>();
  const central = new Set<string>();
  const branches = new Map<string, BranchMention>();
  for (const { bank, branch } of bankMatches(lowerAscii(foldText(text)))) {
    if (bank.kind === 'central') {
      central.add(bank.name);
    } else {
      banks.add(bank.name);
      if (branch) {
        const name = `${bank.name}${branch.branch}`;
        branches.set(name, { bank: bank.name, branch: name, province: branch.province });
      }
    }
  }
  return {
    banks: [...banks].sort(compareCodeUnits),
    branches: [...branches.values()].sort((a, b) => compareCodeUnits(a.branch, b.branch)),
    central: [...central].sort(compareCodeUnits),
  };
}
