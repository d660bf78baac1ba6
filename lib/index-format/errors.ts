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
