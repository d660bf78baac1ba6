/** Node-only: builds the sharded index from a folder of articles and writes it atomically. */
export {
  buildIndex,
  combineIndexes,
  CombineError,
  DEFAULT_BUILD_OPTIONS,
  maxSegments,
  mergePlan,
  shardCount,
  type BuildOptions,
  type BuildReport,
  type BuildResult,
  type CombineOptions,
  type MergePolicy,
  type ReportDocument,
  type UpdateStats,
} from './build';
export { IndexBusyError } from './state';
export {
  /** @public */
  IndexWriteError,
  packedSize,
} from './writer';
export { fsFetcher, type FsFetcherOptions } from './fs-fetcher';
