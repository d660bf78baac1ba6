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
export {
  /** @public */
  clusterArticles,
  /**
   * What near-duplicate clustering needs of one article, from that article alone: plain JSON data, to keep
   * in an incremental update's state file so that an unchanged article is not read again.
   * @public
   */
  type ClusterSketch,
  /**
   * One article's {@link ClusterSketch}: deterministic; about 3.5 kB of JSON for a news article.
   * @public
   */
  sketchArticle,
  /**
   * Clusters from sketches: `clusterSketches(docs.map(sketchArticle))` equals `clusterArticles(docs)`. A function of
   * the set of sketches (put in id order first), not of their order; but of the whole set, since a candidate key
   * shared by more than 32 articles pairs only id-order neighbours: an update runs it over every current sketch.
   * @public
   */
  clusterSketches,
} from './cluster';
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
