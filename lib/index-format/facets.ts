/**
 * The facets: the one table that the columns codec, the engine's filters and counts, the results page's
 * URL, chips and panel, the CLI and the benchmark all read. Adding a facet is one row here plus, on the
 * build side, the article field its values come from.
 */

/** The article fields a facet reads its values from: what the build hands to {@link FacetDef.values}. */
export interface FacetFields {
  banks: readonly string[];
  source: string | null;
  provinces: readonly string[];
}

/** One facet. */
export interface FacetDef {
  /** Name in requests (`filters.bank`), answers (`facets.bank`) and the columns file. */
  readonly key: string;
  /** URL parameter of the results page, repeated once per selected value: `?bank=交通银行&bank=建设银行`. */
  readonly param: string;
  /** Flag of `npm run search`, repeatable: `--bank 交通银行`. */
  readonly flag: string;
  /** What the reader sees above the facet's values and on its chips. */
  readonly label: string;
  /**
   * Whether a document can hold several values. A single-valued facet is stored as one number per
   * document; a multi-valued one as a count per document and then the values.
   */
  readonly multi: boolean;
  /** The document's values, as the build extracts them from the article. */
  readonly values: (doc: FacetFields) => readonly string[];
}

/**
 * Every facet, in the order of the filter column and of the columns file. Selection is disjunctive:
 * OR within a facet, AND across facets and the date range; each facet's counts ignore its own selection.
 */
export const FACETS = [
  { key: 'bank', param: 'bank', flag: 'bank', label: '银行', multi: true, values: (d: FacetFields) => d.banks },
  { key: 'source', param: 'source', flag: 'source', label: '来源', multi: false, values: (d: FacetFields) => (d.source ? [d.source] : []) },
  { key: 'province', param: 'province', flag: 'province', label: '省份', multi: true, values: (d: FacetFields) => d.provinces },
] as const satisfies readonly FacetDef[];

/** A facet's name: `bank`, `source`, `province`. */
export type FacetKey = (typeof FACETS)[number]['key'];

/**
 * The key under which a segment's shards hold the documents with facet value `value` (format 17), as a unit's
 * postings: a filter then intersects a value's list with the matches instead of reading every document's
 * values (`facets.bin`). `=` is in no unit that text or a query yields (analyze.ts: Chinese characters, letters,
 * digits and percent signs), so no query finds these lists by its words.
 */
export function facetTerm(key: FacetKey, value: string): string {
  return `=${key}=${value}`;
}

/** Selected values per facet; a facet absent or empty does not filter. */
export type FacetSelection = Partial<Record<FacetKey, readonly string[]>>;

/** Counts per value for every facet. */
export type FacetCounts = Record<FacetKey, Record<string, number>>;
