import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';
import { SegmenterError } from './errors';
import { foldText } from './simplify';

/** Which user dictionaries nodejieba loads (in addition to its main dictionary). */
export interface SegmenterOptions {
  /** Absolute paths, loaded in order; later files win for a word listed twice. */
  userDictPaths: string[];
}

/** Our dictionary: banks and their short names, finance terms. Never whole branch names. */
export const USER_DICT_PATH = fileURLToPath(new URL('./dict/user.dict.utf8', import.meta.url));

/** nodejieba's own small user dictionary, then ours. */
export const DEFAULT_SEGMENTER_OPTIONS: SegmenterOptions = Object.freeze({
  // The bundled typings omit DEFAULT_USER_DICT, which index.js exports.
  userDictPaths: Object.freeze([
    (nodejieba as unknown as { DEFAULT_USER_DICT: string }).DEFAULT_USER_DICT,
    USER_DICT_PATH,
  ]) as string[],
});

/** nodejieba keeps one dictionary per process; this is the one loaded, as passed to load(). */
let loadedUserDict: string | null = null;

/**
 * Loads nodejieba once per process. nodejieba aborts the whole process (it does not throw)
 * when a dictionary file is missing, so every path is checked first.
 *
 * @throws {SegmenterError} when a file is missing, or when dictionaries were already loaded
 * with a different list (nodejieba cannot hold two).
 */
function ensureLoaded(paths: readonly string[]): void {
  if (paths.length === 0) throw new SegmenterError('(none)', 'at least one user dictionary path is required');
  for (const path of paths) {
    if (path.includes('|')) throw new SegmenterError(path, 'a dictionary path must not contain "|"');
    if (!existsSync(path)) throw new SegmenterError(path, 'user dictionary file not found');
  }
  const userDict = paths.join('|');
  if (loadedUserDict !== null) {
    if (loadedUserDict !== userDict) {
      throw new SegmenterError(
        paths.join(', '),
        `nodejieba is already loaded with the user dictionaries ${loadedUserDict.split('|').join(', ')}; ` +
          'it can load dictionaries only once per process',
      );
    }
    return;
  }
  nodejieba.load({ userDict });
  loadedUserDict = userDict;
}

/** Loads the default dictionaries unless some are already loaded; used by bank matching. */
export function ensureSegmenterLoaded(): void {
  if (loadedUserDict === null) ensureLoaded(DEFAULT_SEGMENTER_OPTIONS.userDictPaths);
}

/** Words only: tokens made of whitespace, punctuation or symbols alone are not searchable. */
const NOT_A_WORD = /^[\s\p{P}\p{S}\p{Z}\p{C}]*$/u;

/** A word segmenter; see {@link createSegmenter}. */
export interface Segmenter {
  /**
   * Search-mode tokens of `text` after character folding (traditional → simplified,
   * full-width → ASCII), so 中國建設銀行 and 中国建设银行 yield the same tokens. Whitespace-
   * and punctuation-only tokens are dropped.
   */
  segment(text: string): string[];
  /**
   * Accurate-mode tokens (HMM on), folded and filtered the same way: each word once, as written, with no
   * sub-words. This is what "the term stands as a whole word" means for ranking: 银行 is a word in
   * 银行表示 but not in 交通银行, where search mode would emit it as a sub-word too.
   */
  words(text: string): string[];
}

/**
 * nodejieba in search mode with HMM on (without HMM, CCB becomes C/C/B and 普惠型 falls apart)
 * and our user dictionary. Dictionaries load once per process, on first call.
 */
export function createSegmenter(opts: SegmenterOptions = DEFAULT_SEGMENTER_OPTIONS): Segmenter {
  ensureLoaded(opts.userDictPaths);
  return {
    segment(text: string): string[] {
      if (text === '') return [];
      // The bundled typings call the second argument `strict`; it is the HMM switch.
      return nodejieba.cutForSearch(foldText(text), true).filter((token) => !NOT_A_WORD.test(token));
    },
    words(text: string): string[] {
      if (text === '') return [];
      return nodejieba.cut(foldText(text), true).filter((token) => !NOT_A_WORD.test(token));
    },
  };
}

/**
 * Word boundaries of `text` (already folded) by nodejieba's accurate mode with HMM: the set
 * of UTF-16 offsets where a token starts or ends. Used to confirm that a short alias such as
 * 中行 is a word there and not the middle of 其中行业.
 */
export function wordBoundaries(text: string): Set<number> {
  ensureSegmenterLoaded();
  const boundaries = new Set<number>([0]);
  let offset = 0;
  for (const token of nodejieba.cut(text, true)) {
    offset += token.length;
    boundaries.add(offset);
  }
  return boundaries;
}
