/**
 * Errors thrown by the ingest step. Bad articles never throw (they become {@link IngestError}
 * values); these are for misuse that should stop a build: a missing input root, a missing
 * dictionary file.
 */

/** Base class so callers can tell ingest failures from programming errors. @public */
export class IngestFailure extends Error {
  /** The file or directory the failure is about. */
  readonly path: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`${path}: ${reason}`, options);
    this.name = 'IngestFailure';
    this.path = path;
  }
}

/** An input root given to {@link listSourceFiles} does not exist or cannot be read. */
export class SourceRootError extends IngestFailure {
  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(path, reason, options);
    this.name = 'SourceRootError';
  }
}

/** The segmenter could not be set up (missing dictionary, conflicting dictionaries). */
export class SegmenterError extends IngestFailure {
  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(path, reason, options);
    this.name = 'SegmenterError';
  }
}
