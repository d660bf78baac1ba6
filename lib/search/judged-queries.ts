/**
 * Judged queries: what a reader types, and which corpus the query was picked for. The expected answer is
 * not written here: `oracle.test.ts` computes it for every query by plain string search over each
 * document's normalized title and text (Ctrl-F semantics), and checks that the engine returns exactly
 * that set. Only short query terms appear here, never article text.
 *
 * Corpora:
 * - `shared`: `../shared` (the five seed articles and `corpus/finews`); skipped when absent.
 * - `fixtures`: the small articles in `lib/search/fixtures/`, written for these tests.
 * - `generated`: `writeCorpus(dir, { docs: 400, seed: 11 })`.
 *
 * Every query is run against every corpus; `corpus` names the one it was chosen for (where it has
 * matches, or where its trap is laid).
 */
export interface JudgedQuery {
  query: string;
  note: string;
  corpus: 'shared' | 'fixtures' | 'generated';
}

export const JUDGED_QUERIES: readonly JudgedQuery[] = [
  // Bank names: full, short, long (5+ characters).
  { query: '交通银行', note: 'bank short name', corpus: 'shared' },
  { query: '建设银行', note: 'bank short name', corpus: 'generated' },
  { query: '工商银行', note: 'bank short name, also inside 中国工商银行', corpus: 'generated' },
  { query: '盛京银行', note: 'city bank name, in an article written with full-width digits', corpus: 'generated' },
  { query: '中信银行', note: 'joint-stock bank name', corpus: 'shared' },
  { query: '中国建设银行', note: 'long term (6 chars) and an alias of 建设银行: expands', corpus: 'generated' },
  { query: '中国工商银行', note: 'long term and alias of 工商银行: expands', corpus: 'generated' },
  { query: '中国邮政储蓄银行', note: 'long term (8 chars), alias of 邮储银行', corpus: 'generated' },
  { query: '交通银行青海省分行', note: 'long term (9 chars), split across hard-wrapped lines in a seed', corpus: 'shared' },

  // Aliases.
  { query: '交行', note: 'alias → 交通银行', corpus: 'shared' },
  { query: '建行', note: 'alias → 建设银行', corpus: 'generated' },
  { query: 'CCB', note: 'Latin alias → 建设银行', corpus: 'generated' },
  { query: 'ICBC', note: 'Latin alias → 工商银行 (no ICBC in text needed)', corpus: 'generated' },
  { query: 'ccb', note: 'lower-case alias folds to the same alias', corpus: 'fixtures' },
  { query: '央行', note: 'alias → 中国人民银行', corpus: 'generated' },
  { query: '中行', note: 'alias → 中国银行 (and so also 中国银行业协会, by substring semantics)', corpus: 'fixtures' },
  { query: '"交行"', note: 'quoted alias: as written, not expanded', corpus: 'fixtures' },

  // The 中国银行 trap: substring semantics.
  { query: '中国银行', note: 'matches 中国银行业协会 and 中国银行间 too (they contain it)', corpus: 'fixtures' },
  { query: '中国银行业协会', note: 'long term (7 chars), also in traditional characters', corpus: 'fixtures' },
  { query: '中国银行间', note: '5 chars: only the interbank-market article', corpus: 'fixtures' },
  { query: '中国银行 -中国银行业协会', note: 'exclusion of a longer term that contains the included one', corpus: 'fixtures' },
  { query: '中国银行 -中国银行业协会 -中国银行间', note: 'two exclusions', corpus: 'fixtures' },

  // N-gram chain false positives.
  { query: '"中国建设银行"', note: 'quoted (no alias): the trap article has 中国建设, 国建设银, 建设银行 apart only', corpus: 'fixtures' },
  { query: '普惠型小微企业', note: '7 chars; the trap article has every 4-gram apart only', corpus: 'fixtures' },
  { query: '普惠型小微企业', note: 'long product term in real text', corpus: 'shared' },

  // Products.
  { query: '普惠', note: 'substring of 普惠金融, 普惠型, 普惠e贷', corpus: 'shared' },
  { query: '普惠e贷', note: 'mixed Chinese + Latin product name', corpus: 'shared' },
  { query: '兴农e贷', note: 'mixed product name; the br-split fixture breaks it after 兴农 (not a CJK pair)', corpus: 'fixtures' },
  { query: 'e贷', note: 'Latin letter + Chinese', corpus: 'fixtures' },
  { query: '跨境理财通', note: '5-char product', corpus: 'generated' },
  { query: '随心贷', note: 'product name', corpus: 'generated' },
  { query: '数字人民币', note: '5 chars, also 數字人民幣 in traditional', corpus: 'generated' },
  { query: '绿色金融', note: 'topic', corpus: 'generated' },

  // Places and people.
  { query: '青海', note: 'place', corpus: 'shared' },
  { query: '广东省分行', note: 'branch, 5 chars', corpus: 'generated' },
  { query: '香港', note: 'place, also in traditional-character articles', corpus: 'generated' },
  { query: '孙立', note: 'person (2 chars: also inside longer strings)', corpus: 'generated' },
  { query: '陈芳欣', note: 'person (3 chars)', corpus: 'generated' },

  // Line breaks.
  { query: '贯彻', note: 'split by <br> in a fixture, also 貫徹 traditional', corpus: 'fixtures' },
  { query: '青海省分行', note: 'split by a paragraph break in a fixture and a hard wrap in a seed', corpus: 'shared' },
  { query: '小微企业', note: 'split by hard wraps in a seed', corpus: 'shared' },
  { query: '乡村振兴', note: 'common topic; split by a paragraph break in a fixture', corpus: 'generated' },

  // Numbers.
  { query: '3.85%', note: 'decimal percentage; not 13.85% nor 3.855%', corpus: 'fixtures' },
  { query: '6.3565', note: 'exchange rate; not 16.3565', corpus: 'fixtures' },
  { query: '6.3565', note: 'exchange rate in real text', corpus: 'shared' },
  { query: '1.43万亿元', note: 'number + Chinese unit; not 21.43万亿元', corpus: 'fixtures' },
  { query: '11.0', note: 'not 11.05 nor 11.0.2', corpus: 'generated' },
  { query: '11.0', note: 'not 11.05 nor 11.0.2', corpus: 'fixtures' },
  { query: '85%', note: 'whole number: 3.85% does not contain the number 85', corpus: 'fixtures' },
  { query: '1.38%', note: 'written in full-width digits in the text', corpus: 'generated' },
  { query: '93.1%', note: 'decimal percentage in real text', corpus: 'shared' },
  { query: '3.85%', note: 'decimal percentage', corpus: 'generated' },
  { query: '2019', note: 'year, also written in full-width', corpus: 'generated' },
  { query: '2021', note: 'year: whole number, not inside 20210', corpus: 'shared' },

  // Latin words: whole words, case-insensitive.
  { query: 'LPR', note: 'upper case; not LPRs; LPR-linked counts', corpus: 'generated' },
  { query: 'lpr', note: 'lower case = upper case', corpus: 'fixtures' },
  { query: 'shibor', note: 'lower case of SHIBOR/Shibor', corpus: 'generated' },
  { query: 'SHIBOR', note: 'upper case; Shibor-linked counts', corpus: 'shared' },
  { query: 'app', note: 'whole word: not application, not happy', corpus: 'fixtures' },
  { query: 'application', note: 'not applications', corpus: 'fixtures' },
  { query: 'APP', note: 'upper case app', corpus: 'shared' },
  { query: 'HFC', note: 'not HFCs; HFC-134a counts', corpus: 'shared' },
  { query: 'MLF', note: 'also ＭＬＦ in full-width', corpus: 'generated' },
  { query: 'bank', note: 'plain English word; must not be taken for a bank alias (a fixture names 东亚银行 in Chinese only)', corpus: 'fixtures' },
  { query: 'china', note: 'plain English word; must not be taken for a bank alias (a fixture names 渤海银行 in Chinese only)', corpus: 'fixtures' },
  { query: 'industrial', note: 'first word of two multi-word aliases; plain word here', corpus: 'fixtures' },
  { query: "People's", note: 'first word of a multi-word alias, with an apostrophe', corpus: 'fixtures' },
  { query: 'LPR-linked', note: 'hyphenated Latin term (checked against the text)', corpus: 'fixtures' },
  { query: 'HFC-134a', note: 'hyphenated Latin + digits', corpus: 'shared' },
  { query: 'ＳＨＩＢＯＲ隔夜', note: 'full-width Latin run joined to Chinese', corpus: 'fixtures' },

  // Traditional characters.
  { query: '興業銀行', note: 'traditional = simplified', corpus: 'generated' },
  { query: '中國建設銀行', note: 'traditional long alias', corpus: 'generated' },
  { query: '中國工商銀行', note: 'traditional long alias', corpus: 'generated' },
  { query: '貫徹', note: 'traditional query, simplified and split text', corpus: 'fixtures' },

  // Full-width.
  { query: 'ＣＣＢ', note: 'full-width alias', corpus: 'fixtures' },
  { query: '２０２２', note: 'full-width digits = 2022', corpus: 'fixtures' },
  { query: 'ＬＰＲ', note: 'full-width Latin', corpus: 'generated' },
  { query: '３．６５％', note: 'full-width decimal percentage', corpus: 'fixtures' },

  // Several terms (AND).
  { query: '普惠 交通银行', note: 'AND', corpus: 'shared' },
  { query: '乡村振兴 农业银行', note: 'AND', corpus: 'generated' },
  { query: 'LPR 贷款 利率', note: 'three terms', corpus: 'generated' },
  { query: '交行 普惠', note: 'AND with an expanded alias', corpus: 'shared' },
  { query: 'CCB 2022', note: 'alias + number', corpus: 'fixtures' },

  // Exclusions.
  { query: '普惠 -交通银行', note: 'exclusion', corpus: 'shared' },
  { query: '银行 -中国', note: 'exclusion of a common character pair', corpus: 'generated' },
  { query: 'LPR -SHIBOR', note: 'Latin exclusion', corpus: 'generated' },
  { query: '普惠 -普惠型小微企业', note: 'excluding a long term (needs a text check)', corpus: 'shared' },
  { query: '利率 -3.85%', note: 'excluding a term with a sign (needs a text check); 3.85倍 is not 3.85%', corpus: 'fixtures' },
  { query: '建设银行 -"中国建设银行"', note: 'excluding a quoted long term: the n-gram trap article stays', corpus: 'fixtures' },
  { query: '-银行', note: 'only an exclusion: every article without 银行', corpus: 'shared' },
  { query: '建设银行 －建行', note: 'full-width minus', corpus: 'generated' },
  { query: '普惠 -交行', note: 'excluding an alias excludes its bank too (交通银行)', corpus: 'shared' },
  { query: '贷款 -建行', note: 'excluding an alias excludes its bank too (建设银行)', corpus: 'generated' },
  { query: '建设银行 -"建行"', note: 'a quoted alias excludes only itself', corpus: 'generated' },

  // Phrases.
  { query: '"普惠金融"', note: 'quoted Chinese phrase', corpus: 'shared' },
  { query: '"loan prime rate"', note: 'quoted phrase with spaces', corpus: 'fixtures' },
  { query: '"interest rate swap"', note: 'quoted phrase with spaces', corpus: 'fixtures' },
  { query: '"rate loan"', note: 'words present, phrase absent', corpus: 'fixtures' },
  { query: '"交通银行 普惠金融"', note: 'Chinese phrase with a space: folds like text (space between Chinese removed)', corpus: 'fixtures' },
  { query: '"SHIBOR 隔夜"', note: 'mixed phrase with a space', corpus: 'fixtures' },
  { query: '“普惠e贷”', note: 'Chinese quotation marks', corpus: 'shared' },
  { query: '"Bank of China"', note: 'quoted multi-word alias: as written', corpus: 'fixtures' },

  // Alternatives.
  { query: '交通银行 OR 建设银行', note: 'OR', corpus: 'generated' },
  { query: '兴业银行 | 招商银行', note: '|', corpus: 'generated' },
  { query: '普惠e贷|兴农e贷', note: '| without spaces', corpus: 'shared' },
  { query: '交行 OR 招行', note: 'OR of two aliases', corpus: 'generated' },
  { query: '交行 | 交通银行', note: 'alias OR its own canonical name: nothing to add', corpus: 'shared' },
  { query: 'ＣＣＢ ｜ ICBC', note: 'full-width bar, full-width alias', corpus: 'generated' },
  { query: '普惠型小微企业 OR 中国银行间', note: 'OR of a long (checked) term and a sure one', corpus: 'fixtures' },
  { query: '普惠 交通银行 OR 农业银行', note: 'AND of a term and an OR clause', corpus: 'generated' },

  // Single characters.
  { query: '贷', note: 'single Chinese character', corpus: 'shared' },
  { query: '贯', note: 'single character split from its neighbour by a line break', corpus: 'fixtures' },
  { query: 'e', note: 'single Latin letter: whole word only', corpus: 'fixtures' },
  { query: '銀', note: 'single traditional character', corpus: 'fixtures' },
];
