/**
 * One article as the ingest step hands it to the indexer.
 * Everything a reader sees or filters by comes from here.
 */
export interface Article {
  /** File name without extension; colliding names use the relative path without extension (posix). */
  id: string;
  /** Path relative to the source root it was found under, posix separators, prefixed by that root's index when several roots are given (`0:finews/a.md`) only if needed to keep paths unique. */
  path: string;
  /** Display title as written (never empty). */
  title: string;
  /** ISO 8601 with offset (`2022-03-09T15:56:47+08:00`), or null when unknown. */
  date: string | null;
  /** Outlet name (`人民日报客户端`, `新华网`), or null. */
  source: string | null;
  /** Original URL of the article when the file names one, else null. */
  url: string | null;
  /** Canonical names of the banks the article mentions, sorted, unique. */
  banks: string[];
  /** Branches mentioned, resolved: `{ bank: '交通银行', branch: '交通银行青海省分行', province: '青海' }`. */
  branches: BranchMention[];
  /**
   * Provinces the article is about, by branch, else source, else the places its text names
   * (`articleProvinces` in provinces.ts has the rules): short names as in `PROVINCE_CITIES`
   * (`青海`, `北京`, `内蒙古`), sorted by code unit, unique; empty when none can be told.
   */
  provinces: string[];
  /** Clean display text as written (not folded): paragraphs separated by a single `\n`, no boilerplate. */
  text: string;
  /** Front matter tags and categories, as written. */
  tags: string[];
  categories: string[];
}

export interface BranchMention {
  bank: string;
  branch: string;
  province: string | null;
}

/** A file that could not be read, with a reason a person understands. */
export interface IngestError {
  path: string;
  reason: string;
}
