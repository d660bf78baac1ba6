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
  /**
   * What Jekyll knows of the file for its permalink (`jekyll-post.ts`), for `--link`; null when Jekyll would
   * not publish it as a post (not named `YYYY-MM-DD-title.ext`, `published: false`, not UTF-8…).
   */
  jekyll: JekyllPost | null;
}

/**
 * A post as Jekyll 4.3 reads it, what `permalink.ts` needs to make its URL: the front matter the template
 * reads, and the file's place and name, from which the title part and extension follow.
 */
export interface JekyllPost {
  /** Jekyll's `relative_path`: `_posts/2022-03-09-title.md`, or `es/_posts/2022-03-09-title.md` under a folder `es`. */
  path: string;
  /**
   * When Jekyll dates the post, `YYYY-MM-DDTHH:MM:SS`: followed by `Z` or `+08:00` for an instant (a YAML
   * timestamp, UTC when it names no offset), or by nothing for a wall time in the site's time zone (the
   * file name's date, a YAML date, a date string without a zone).
   */
  date: string;
  /** Front matter `slug`, which Jekyll uses for `:title` and `:slug` instead of the file name's title part; or null. */
  slug: string | null;
  /** Front matter `permalink`, a template that replaces the site's; or null. */
  permalink: string | null;
  /** Folders above `_posts`, then front matter `categories`, then `category`, as written, unique. */
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
