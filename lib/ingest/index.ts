/**
 * Ingest (Node only): reads every shape of article in the input folders into {@link Article}
 * values for the indexer. README.md in this folder records the decisions behind each step.
 */
export type { Article, BranchMention, IngestError } from './types';

export {
  DEFAULT_INGEST_OPTIONS,
  listSourceFiles,
  decodeBytes,
  type IngestOptions,
  type SourceFile,
  type DecodeResult,
} from './read';
export { readArticle, articleFromBytes, articleFromText, assignIds, assignPaths, isIngestError } from './article';
export { ingest, type IngestResult } from './ingest';
export { splitFrontMatter, type FrontMatter, type FrontMatterResult } from './parse';
export { cleanBody, type CleanResult, type CleanParagraph } from './clean';
export { parseDate, dateFromFileName, sourceFromTags } from './extract';
export { bankDictionary, findBanks, type BankEntry, type BankMentions } from './banks';
export { articleProvinces, type ProvinceInput } from './provinces';
export { clusterArticles } from './cluster';
export {
  createSegmenter,
  DEFAULT_SEGMENTER_OPTIONS,
  USER_DICT_PATH,
  type Segmenter,
  type SegmenterOptions,
} from './segment';
export { toSimplifiedCharwise, simplifiedCharTable, foldText, foldWidth } from './simplify';
export { IngestFailure, SourceRootError, SegmenterError } from './errors';
export { charRanksModule, DEFAULT_CHAR_RANK_OPTIONS, JIEBA_DICT_PATH, LEADING_PUNCTUATION, rankCharacters, rankJiebaCharacters, type CharRankOptions } from './char-ranks';
