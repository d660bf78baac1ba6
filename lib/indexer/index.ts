/** Node-only: builds the sharded index from a folder of articles and writes it atomically. */
export { buildIndex, DEFAULT_BUILD_OPTIONS, type BuildOptions, type BuildReport, type BuildResult, type ReportDocument } from './build';
export {
  /** @public */
  IndexWriteError,
  packedSize,
} from './writer';
export { fsFetcher } from './fs-fetcher';
