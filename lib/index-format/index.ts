/**
 * The index format: the one contract between the build (lib/indexer) and the browser (lib/search).
 * No dependencies, runs anywhere.
 */
export { FORMAT_NAME, FORMAT_VERSION } from './version';
export { IndexCorruptError, IndexFormatError } from './errors';
export { contentHash, fnv1a } from './hash';
export {
  CHAR_SHARDS,
  charShardOf,
  charsFile,
  FACETS_FILE,
  RANK_FILE,
  fragmentFile,
  generationDir,
  idsFile,
  packFile,
  positionsFile,
  seal,
  sealedHash,
  shardFile,
  TRAILER_LENGTH,
  unpackFile,
  unseal,
} from './files';
export { ByteReader, ByteWriter } from './bytes';
export {
  decodePackHeader,
  encodePack,
  fragmentPackFile,
  memberOfSlot,
  membersOfPack,
  PACK_LAYOUT,
  PACK_MEMBERS,
  packCount,
  packedLabel,
  packHeaderLength,
  packSlot,
  positionPackFile,
  SLOT_BLOCK,
  slotBlocks,
  SLOTTED_PACK_LAYOUT,
  type PackLayout,
} from './pack';
export { fold, foldText, foldView, isGramCode, isWordCode, mayHaveTableEntry, rankedTableKeys, tableLookups, type CharTable, type FoldedText } from './fold';
export { forEachUnit, isInsideWord, MAX_GRAM, queryUnits, termUnits, tokenize, unitSpans, type ChainLink, type TermUnits, type UnitSpan } from './analyze';
export {
  decodePositionShard,
  decodeShard,
  encodePositions,
  encodePositionEntries,
  encodePositionShard,
  encodePostings,
  encodeShard,
  encodeShardEntries,
  packWeight,
  PLAIN_WEIGHT,
  shardOf,
  weightInTitle,
  weightIsWord,
  weightTf,
  type EncodedTerm,
  type PositionEntry,
  type PositionReader,
  type Postings,
  type ShardReader,
} from './shard';
export {
  decodeFacetValues,
  decodeRankColumns,
  dequantizeLength,
  encodeColumns,
  facetColumn,
  quantizeLength,
  type ColumnFiles,
  type FragmentSlots,
  type Columns,
  type FacetColumn,
  type FacetValues,
  type RankColumns,
} from './columns';
export { dayOf, dayToMonth, isIsoDay, MIN_DAY, NO_DAY } from './dates';
export { FACETS, facetTerm, type FacetCounts, type FacetDef, type FacetFields, type FacetKey, type FacetSelection } from './facets';
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
export { MANIFEST_FILE, parseManifest, type BankInfo, type Manifest, type SegmentInfo } from './manifest';
export {
  canSuggest,
  decodeReadings,
  decodeSuggestShard,
  encodeReadings,
  encodeSuggestShard,
  readingsFile,
  readingsShardOf,
  suggestFile,
  suggestHead,
  suggestShardOf,
  type SuggestEntry,
} from './suggest';
export { decodeWordFacets, encodeWordFacets, wordFacetsFile, wordFacetsShardOf } from './word-facets';
export {
  decodeDeleted,
  decodeOrder,
  deletedFile,
  encodeDeleted,
  encodeOrder,
  homeFile,
  isContentNamed,
  isDeletedFileName,
  isGenerationName,
  isHomeFileName,
  isImmutableIndexPath,
  isOrderFileName,
  orderFile,
} from './segments';
