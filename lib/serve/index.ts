/** Node-only: a small static file server for the exported site, used by `npm start`, `npm run serve`, tests and benchmarks. */
export {
  startStaticServer,
  DEFAULT_STATIC_SERVER_OPTIONS,
  /** @public */
  StaticServerOptionsError,
  type StaticServerOptions,
} from './static-server';
