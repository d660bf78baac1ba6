/**
 * Ingest (Node only): reads every shape of article in the input folders into {@link Article}
 * values for the indexer. README.md in this folder records the decisions behind each step.
 */
export type { Article, BranchMention, IngestError, JekyllPost } from './types';

export {
  /** @public */
  DEFAULT_INGEST_OPTIONS,
  listSourceFiles,
  type IngestOptions,
  type SourceFile,
  type DecodeResult,
} from './read';
export { readArticle, articleFromText, assignIds } from './article';
export { ingest, type IngestResult } from './ingest';
export { type FrontMatter, type FrontMatterResult } from './parse';
export { type CleanResult, type CleanParagraph } from './clean';
export { bankDictionary, type BankEntry, type BankMentions } from './banks';
export { type ProvinceInput } from './provinces';
export { clusterArticles } from './cluster';
export { createSegmenter, DEFAULT_SEGMENTER_OPTIONS, type Segmenter, type SegmenterOptions } from './segment';
export {
  /** @public */
  DEFAULT_LINK_OPTIONS,
  LinkOptionsError,
  postLinker,
  type LinkOptions,
} from './permalink';
export { toSimplifiedCharwise, simplifiedCharTable } from './simplify';
export {
  /** @public */
  IngestFailure,
  /** @public */
  SourceRootError,
  /** @public */
  SegmenterError,
} from './errors';
export {
  charRanksModule,
  /** @public */
  DEFAULT_CHAR_RANK_OPTIONS,
  rankJiebaCharacters,
  type CharRankOptions,
} from './char-ranks';
