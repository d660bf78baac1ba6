import { bankNameSpans } from './banks';
import { PROVINCE_CITIES } from './dict/banks';
import { compareCodeUnits } from './read';
import { lazyWordBoundaries } from './segment';
import { foldText } from './simplify';
import type { BranchMention } from './types';

/** What {@link articleProvinces} reads of an article: the fields of `Article` it is computed from. */
export interface ProvinceInput {
  branches: readonly BranchMention[];
  source: string | null;
  title: string;
  text: string;
}

/**
 * The provinces an article is about (`['青海']`): short names as the keys of `PROVINCE_CITIES`
 * (北京, 内蒙古, 香港), sorted by code unit, unique; empty when none can be told. The first of
 * these that gives anything wins:
 *
 * 1. **Branches:** the province of every branch resolved in the article, so two branches in two
 *    provinces give both. 北京银行上海分行 gives 上海, not 北京.
 * 2. **Source:** the one province the outlet's name names: 青海日报 → 青海, 深圳特区报 → 广东
 *    (a city counts only if `PROVINCE_CITIES` lists it), 南方日报 → none. A source naming places
 *    of two provinces gives nothing and the text decides.
 * 3. **Text** (title and body): the province when the places named are all in one province
 *    (吉林省吉林市 → 吉林); places of two or more provinces, or none, give nothing. So a
 *    nationwide or central-bank article naming no place has no province.
 *
 * What is not read as a place, in the source and the text (both folded for width and traditional
 * characters first, as bank matching does):
 * - **Bank names**, those of the bank dictionary with their aliases (北京银行, 吉林亿联银行,
 *   深圳前海微众银行) and any place directly followed by 银行, 农商银行, 农商行, 农村商业银行,
 *   农村信用社, 农信社 or 村镇银行 (a bank the dictionary lacks, or 上海银行间). 北京银行 alone
 *   gives nothing; 北京银行在北京召开 gives 北京. A place written after the bank's name is read:
 *   人民银行西宁中心支行 gives 青海.
 * - **Companies named after their seat:** a place followed by at most 8 characters and 有限公司,
 *   集团, 控股 or 股份 (杭州阿里创业投资有限公司), or by at most 4 and a stock code or price move
 *   (贵州茅台(600519), 上海复旦涨近4%); every other mention of that name in the same text
 *   (贵州茅台股价) is skipped too. A place right after 子公司 or 旗下 starts a company's name
 *   (控股子公司常熟三爱富) and is skipped there. A place in brackets inside a name
 *   (利宏科技(上海)有限公司) says where the company is registered, and counts.
 * - **National markets and a national paper named after their seat:** 北京时间, an exchange
 *   (上海证券交易所, 广州期货交易所, 香港交易所), 香港上市 (a listing venue), 上海证券报; and a
 *   news agency's dateline (新华社北京12月8日电), which says where the reporter sat.
 * - **Places that are also ordinary words or other places** (白银 silver, 来宾 guests, 安康 well-being,
 *   开封 to unseal, 日照 sunshine, 大同 the ideal, 中卫 a football position, 德州 Texas, 朝阳
 *   Beijing's 朝阳区, 海西 Fujian's 海峡西岸) count only as a city or prefecture: 白银市, 海西州.
 * - **Names listed under two provinces** in `PROVINCE_CITIES` (none today) never count.
 * - **In the text only, not a word:** a place counts where nodejieba (accurate mode, as for banks)
 *   starts a word at it (or at 中国 right before it) and either ends a word after it or an
 *   administrative suffix follows (省, 市, 自治区, 特别行政区, 特区, 地区, 州, 县, 区), as in
 *   上海市政府. So 平台中 is not 台中 and 三明治, 大理石, 长治久安, 北海道 are no places. Outlet
 *   names are too short for that check to help and skip it.
 *
 * Single-character abbreviations (京, 沪, 粤, 港) are never read: they are too often something else.
 */
export function articleProvinces(article: ProvinceInput): string[] {
  const fromBranches = new Set<string>();
  for (const mention of article.branches) if (mention.province !== null) fromBranches.add(mention.province);
  if (fromBranches.size > 0) return [...fromBranches].sort(compareCodeUnits);
  if (article.source !== null) {
    const named = provincesNamed(article.source, false);
    if (named.size === 1) return [...named];
  }
  const named = provincesNamed(`${article.title}\n${article.text}`, true);
  return named.size === 1 ? [...named] : [];
}

// ---------------------------------------------------------------------------------------------

interface Places {
  /** Every name as alternatives, longest first: of the names starting at the leftmost match, 马鞍山 wins over 鞍山. */
  pattern: RegExp;
  /** The name's province; null when `PROVINCE_CITIES` lists it under two provinces, so it tells nothing. */
  province: Map<string, string | null>;
}

let places: Places | null = null;

function placeNames(): Places {
  if (places) return places;
  const provincesOf = new Map<string, Set<string>>();
  for (const [province, cities] of Object.entries(PROVINCE_CITIES)) {
    for (const name of [province, ...cities]) {
      const set = provincesOf.get(name) ?? new Set<string>();
      set.add(province);
      provincesOf.set(name, set);
    }
  }
  const province = new Map<string, string | null>();
  for (const [name, set] of provincesOf) province.set(name, set.size === 1 ? ([...set][0] ?? null) : null);
  const names = [...province.keys()].sort((a, b) => b.length - a.length);
  places = { pattern: new RegExp(names.join('|'), 'g'), province };
  return places;
}

/** See "Places that are also ordinary words" in {@link articleProvinces}. */
const ONLY_AS_CITY = new Set(['白银', '来宾', '安康', '开封', '日照', '大同', '中卫', '德州', '朝阳', '海西']);
/** The suffix those need: 白银市 but not 白银市场 or 白银市价. */
const CITY_SUFFIX = /^(?:市(?![场值价面况])|州|(?:\p{Script=Han}{0,6}?族)?自治州)/u;
const ADMIN_SUFFIX = /^(?:省|市|特别行政区|特区|地区|(?:\p{Script=Han}{0,6}?族|维吾尔)?自治[区州]|州|县|区)/u;
/** What turns a place right before it into something else; see {@link articleProvinces}. */
const NOT_A_PLACE_AFTER = new RegExp(
  `^(?:${[
    // National markets, a time zone, a national paper.
    '时间',
    '(?:证券|期货|商品|黄金|联合|股票|国际能源)?交易所',
    '上市(?!公司)',
    '证券报',
    // A dateline: 新华社北京12月8日电.
    '\\d{1,2}月\\d{1,2}日[电讯]',
    // Banks, whether the dictionary knows them or not, and 上海银行间.
    '农村商业银行|农商银行|农商行|农村信用社|农信社|村镇银行|银行',
  ].join('|')})`,
);
/** A company named after its seat: 杭州阿里创业投资有限公司, 上海电气集团, 北京控股. */
const COMPANY_AFTER = /^(\p{Script=Han}{0,8}?)(?:股份有限公司|有限责任公司|有限公司|集团|控股|股份)/u;
/** What a company's name does not hold, so 在北京召开集团年会 is no company. */
const NOT_IN_A_COMPANY_NAME = /[的在与和及将为向已各于对从把被让给等是也都还并了个该其]|成立|设立|注册|召开|举办/;
/** A listed company's short name with its code or its price move: 贵州茅台(600519), 上海复旦涨近4%. */
const STOCK_AFTER = /^(\p{Script=Han}{1,4}?)(?:\(\d{4,6}(?:\.[A-Za-z]{2})?\)|[涨跌](?:近|超|逾|约|幅)?\d+(?:\.\d+)?%)/u;
/** Words that introduce a company's name: 控股子公司常熟三爱富, 旗下上海…. */
const COMPANY_BEFORE = /(?:子公司|旗下)$/;

interface Occurrence {
  at: number;
  name: string;
  province: string | null;
}

/** Places in `folded`, leftmost-longest, not overlapping, none touching a masked unit. */
function* placeOccurrences(folded: string, masked: Uint8Array): Generator<Occurrence> {
  const { pattern, province } = placeNames();
  const re = new RegExp(pattern);
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const at = m.index;
    const name = m[0];
    // A masked unit where a name starts may be the end of a bank's name: look again one unit on.
    if (masked[at]) re.lastIndex = at + 1;
    else if (!masked.subarray(at, at + name.length).includes(1)) yield { at, name, province: province.get(name) ?? null };
  }
}

/** Whether the place at `at` is a mention of that place; see {@link articleProvinces}. */
function isPlaceMention(folded: string, at: number, name: string, isBoundary: ((offset: number) => boolean) | null): boolean {
  const end = at + name.length;
  const rest = folded.slice(end, end + 16);
  if (NOT_A_PLACE_AFTER.test(rest)) return false;
  if (ONLY_AS_CITY.has(name) && !CITY_SUFFIX.test(rest)) return false;
  if (!isBoundary) return true;
  const startsWord = isBoundary(at) || (at >= 2 && folded.startsWith('中国', at - 2) && isBoundary(at - 2));
  return startsWord && (ADMIN_SUFFIX.test(rest) || isBoundary(end));
}

/** The provinces whose places `written` names, after the masks described at {@link articleProvinces}; at most two. */
function provincesNamed(written: string, checkWords: boolean): Set<string> {
  const folded = foldText(written);
  const masked = new Uint8Array(folded.length);
  for (const [from, to] of bankNameSpans(written)) masked.fill(1, from, to);

  const companies = new Set<string>();
  for (const { at, name } of placeOccurrences(folded, masked)) {
    const end = at + name.length;
    const rest = folded.slice(end, end + 24);
    const company = COMPANY_AFTER.exec(rest);
    const named = STOCK_AFTER.exec(rest) ?? (company && !NOT_IN_A_COMPANY_NAME.test(company[1] ?? '') ? company : null);
    if (!named) {
      if (COMPANY_BEFORE.test(folded.slice(Math.max(0, at - 3), at))) masked.fill(1, at, end);
      continue;
    }
    masked.fill(1, at, end);
    // 北京控股: the name is the place itself, so its other mentions still count as the place.
    if (named[1]) companies.add(name + named[1]);
  }
  for (const name of companies) {
    for (let k = folded.indexOf(name); k >= 0; k = folded.indexOf(name, k + name.length)) masked.fill(1, k, k + name.length);
  }

  const isBoundary = checkWords ? lazyWordBoundaries(folded) : null;
  const found = new Set<string>();
  for (const { at, name, province } of placeOccurrences(folded, masked)) {
    if (province === null || found.has(province) || !isPlaceMention(folded, at, name, isBoundary)) continue;
    found.add(province);
    // Two provinces already mean "none": the rest of a long text need not be read.
    if (found.size > 1) break;
  }
  return found;
}
