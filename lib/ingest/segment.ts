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
  userDictPaths: Object.freeze([(nodejieba as unknown as { DEFAULT_USER_DICT: string }).DEFAULT_USER_DICT, USER_DICT_PATH]) as string[],
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
        `nodejieba is already loaded with the user dictionaries ${loadedUserDict.split('|').join(', ')}; ` + 'it can load dictionaries only once per process',
      );
    }
    return;
  }
  nodejieba.load({ userDict });
  loadedUserDict = userDict;
}

/** Loads the default dictionaries unless some are already loaded; used by bank matching. */
function ensureSegmenterLoaded(): void {
  if (loadedUserDict === null) ensureLoaded(DEFAULT_SEGMENTER_OPTIONS.userDictPaths);
}

/** Words only: tokens made of whitespace, punctuation or symbols alone are not searchable. */
const NOT_A_WORD = /^[\s\p{P}\p{S}\p{Z}\p{C}]*$/u;

/** A word segmenter; see {@link createSegmenter}. */
export interface Segmenter {
  /**
   * Accurate-mode tokens (HMM on) of `text` after character folding (traditional → simplified,
   * full-width → ASCII), with whitespace- and punctuation-only tokens dropped: each word once, as written,
   * with no sub-words. This is what "the term stands as a whole word" means for ranking: 银行 is a word in
   * 银行表示 but not in 交通银行, where search mode would emit it as a sub-word too.
   */
  words(text: string): string[];
}

/**
 * nodejieba in accurate mode with HMM on (without HMM, CCB becomes C/C/B and 普惠型 falls apart) and our
 * user dictionary. Dictionaries load once per process, on first call.
 */
export function createSegmenter(opts: SegmenterOptions = DEFAULT_SEGMENTER_OPTIONS): Segmenter {
  ensureLoaded(opts.userDictPaths);
  return {
    words(text: string): string[] {
      if (text === '') return [];
      // The bundled typings call the second argument `strict`; it is the HMM switch.
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

/**
 * nodejieba's own separators (cppjieba's SPECIAL_SEPARATORS): it cuts the text between them
 * independently, and each of them is a token of its own.
 */
const JIEBA_SEPARATOR = /[ \t\n，。]/;

/**
 * {@link wordBoundaries} asked one offset at a time: only the stretch between two of nodejieba's
 * separators around the offset is cut. The answers are the same as from the whole text,
 * since nodejieba never joins across a separator; an article whose few candidates sit in one
 * sentence costs one sentence of segmenting instead of the whole text.
 */
export function lazyWordBoundaries(text: string): (offset: number) => boolean {
  // The stretch cut last: callers ask in text order, so each stretch is found and cut once,
  // even a megabyte without a separator.
  let start = 0;
  let end = 0;
  let boundaries = new Set<number>();
  return (offset) => {
    if (offset <= 0 || offset >= text.length) return true;
    if (JIEBA_SEPARATOR.test(text.charAt(offset - 1)) || JIEBA_SEPARATOR.test(text.charAt(offset))) return true;
    if (offset <= start || offset >= end) {
      start = offset;
      while (start > 0 && !JIEBA_SEPARATOR.test(text.charAt(start - 1))) start--;
      end = offset;
      while (end < text.length && !JIEBA_SEPARATOR.test(text.charAt(end))) end++;
      const from = start;
      boundaries = new Set([...wordBoundaries(text.slice(start, end))].map((b) => b + from));
    }
    return boundaries.has(offset);
  };
}
