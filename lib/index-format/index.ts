/**
 * The index format: the one contract between the build (lib/indexer) and the browser (lib/search).
 * No dependencies, runs anywhere.
 */
export { FORMAT_NAME, FORMAT_VERSION } from './version';
export { IndexCorruptError, IndexFormatError } from './errors';
export { contentHash, fnv1a } from './hash';
export { CHARS_FILE, COLUMNS_FILE, fragmentFile, generationDir, idsFile, seal, sealedHash, shardFile, TRAILER_LENGTH, unseal } from './files';
export { ByteReader, ByteWriter } from './bytes';
export { fold, foldText, isGramCode, isWordCode, type CharTable, type FoldedText } from './fold';
export { forEachUnit, isInsideWord, MAX_GRAM, queryUnits, termUnits, tokenize, unitSpans, WORD_PREFIX, type TermUnits, type UnitSpan } from './analyze';
export { decodeShard, encodeShard, packWeight, shardOf, weightInTitle, weightTf, type Postings, type ShardReader } from './shard';
export { dayOf, dayToIsoDate, dayToMonth, decodeColumns, encodeColumns, NONE, NO_DAY, type Columns } from './columns';
export {
  decodeCharTable,
  decodeFragment,
  decodeIdTable,
  encodeFragment,
  encodeIdTable,
  encodeJson,
  type Fragment,
  type FragmentDoc,
  type IdTable,
} from './fragments';
export { MANIFEST_FILE, parseManifest, type BankInfo, type Manifest } from './manifest';
