/**
 * The demo-corpus generator: deterministic Chinese bank-news posts shaped like the real Jekyll
 * posts, every one tagged 示例数据. Used by `npm run gen-corpus`, `npm start` and the tests.
 */
export {
  DEFAULT_GENERATE_OPTIONS,
  GenerateOptionsError,
  MAX_BODY_CHARS,
  MAX_DOCS,
  MIN_BODY_CHARS,
  Rng,
  generateArticles,
  validateGenerateOptions,
  writeCorpus,
  type GenerateOptions,
  type GeneratedArticle,
} from './generate';
export { BANKS, CENTRAL_BANK, FIELDS, OUTLETS, PROVINCES, TERMS, type BankEntry, type BankKind, type Outlet, type Province } from './vocabulary';
