/** Name written into every manifest, so a stray JSON file is never mistaken for an index. */
export const FORMAT_NAME = 'bank-news-search-index';

/**
 * Bumped whenever a file's layout or a tokenization rule changes: the browser refuses an index
 * whose version it does not know instead of misreading it.
 */
export const FORMAT_VERSION = 17;
