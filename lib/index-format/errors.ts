/** A file of the index does not have the layout its format version promises. */
export class IndexFormatError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'IndexFormatError';
  }
}

/** A downloaded file does not match the content hash it carries: it was truncated or altered. */
export class IndexCorruptError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'IndexCorruptError';
  }
}
