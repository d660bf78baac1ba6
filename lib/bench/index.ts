/**
 * Node-only: `npm run bench`, our index against Pagefind on the same generated articles, measured in
 * Chromium. The pure parts (query list, statistics, report shape and rendering) are unit-tested.
 */
export { BenchOptionsError, BenchStepError } from './errors';
export { BENCH_QUERIES, CORPUS_VOCABULARY, BenchQueryError, selectBenchQueries, type BenchFilters, type BenchQuery, type BenchVocabulary } from './queries';
export { buildPagefindIndex, idFromPagefindUrl, pagefindUrl, yearOf, type PagefindBuildResult } from './pagefind-index';
export { frameFloorDriver } from './browser';
export { FRAME_FLOOR_PAGE } from './frame-floor-page';
export { DEFAULT_BENCH_OPTIONS, runBench, validateBenchOptions, type BenchOptions } from './run';
export { median, mean, percentile, SampleError } from './stats';
export {
  BENCHMARKS_HEAD,
  BenchReportError,
  checkBenchReport,
  emptySystemMetrics,
  formatBreakdown,
  formatBytes,
  formatErrors,
  formatFloor,
  formatFrameFloor,
  formatMs,
  formatTable,
  renderSection,
  updateBenchmarksMarkdown,
  type BenchReport,
  type FloorMetrics,
  type FrameFloorMetrics,
  type MachineInfo,
  type PerQuery,
  type PerQuerySystem,
  type SystemMetrics,
} from './report';
