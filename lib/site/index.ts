/**
 * Node-only: what turns Next's static export into a site any static host serves as it is (a
 * Content-Security-Policy in every page, `.nojekyll`), and the rule for the path it is served under.
 * Used by `npm run build`, `npm run serve` and `npm start`.
 */
export { BASE_PATH_RULE, exportBasePath, isBasePath } from './base-path';
export {
  /** @public */
  SiteExportError,
} from './csp';
export { finishExport, type FinishedExport } from './export';
