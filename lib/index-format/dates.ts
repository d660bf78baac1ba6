/**
 * The date rules every layer shares: what a day is, how a date written in an article or typed in a URL
 * or a CLI flag becomes one, and its month.
 */

/** Marks an unknown date in a day column; -1 is a real day (1969-12-31). */
export const NO_DAY = -2147483648;

/** Earliest day the columns can hold, 1696-03-17; an older date is stored as unknown. */
export const MIN_DAY = -100_000;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written exactly `YYYY-MM-DD` (2022-02-30 is not one). */
export function isIsoDay(s: unknown): s is string {
  return typeof s === 'string' && ISO_DAY.test(s) && dayOf(s) !== NO_DAY;
}

/**
 * Day number (days since 1970-01-01) of an ISO 8601 date as written: its own calendar day, whatever its
 * offset. {@link NO_DAY} if it does not start with a real `YYYY-MM-DD`.
 */
export function dayOf(iso: string | null): number {
  if (!iso) return NO_DAY;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return NO_DAY;
  const at = new Date(0);
  // setUTCFullYear, unlike Date.UTC, reads the years 0 to 99 as written rather than as 1900 to 1999.
  at.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = Math.floor(at.getTime() / 86_400_000);
  return dayToIsoDate(day) === m[0] ? day : NO_DAY;
}

/** `YYYY-MM-DD` of a day number. */
function dayToIsoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** `YYYY-MM` of a day number. */
export function dayToMonth(day: number): string {
  return dayToIsoDate(day).slice(0, 7);
}
