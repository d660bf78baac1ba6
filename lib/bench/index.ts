/**
 * Node-only: `npm run bench`, our index against Pagefind on the same generated articles, measured in
 * Chromium. The pure parts (query list, statistics, report shape and rendering) are unit-tested.
 */
export { BenchOptionsError } from './errors';
export { BENCH_QUERIES, type BenchFilters, type BenchQuery, type BenchVocabulary } from './queries';
export { buildPagefindIndex, type PagefindBuildResult } from './pagefind-index';
export { CHROMIUM_ARGS, frameFloorDriver, indexPath } from './browser';
export { PHONE_SCREEN, WIDE_SCREEN } from './screens';
export { FRAME_FLOOR_PAGE } from './frame-floor-page';
export { renderBenchChart } from './chart';
export { mergeBenchReport, readBenchHistory, serializeBenchHistory, type BenchHistory, type HistoryProvenance } from './history';
export { DEFAULT_BENCH_OPTIONS, runBench, type BenchOptions } from './run';
export {
  BENCHMARKS_HEAD,
  checkBenchReport,
  formatBreakdown,
  formatErrors,
  formatFloor,
  formatFrameFloor,
  formatP95Query,
  formatTable,
  formatUpdateNotes,
  formatUpdateTable,
  updateBenchmarksMarkdown,
  type BenchReport,
  type FloorMetrics,
  type FrameFloorMetrics,
  type MachineInfo,
  type PerQuery,
  type PerQuerySystem,
  type SystemMetrics,
  type UpdateMetrics,
} from './report';
