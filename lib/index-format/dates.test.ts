import { describe, expect, it } from 'vitest';
import { dayOf, dayToMonth, isIsoDay, MIN_DAY, NO_DAY } from './dates';

/** `YYYY-MM-DD` of a day number, computed here rather than by the module under test. */
const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

describe('dayOf / dayToMonth', () => {
  it('takes the calendar day as written, whatever the offset', () => {
    expect(dayOf('2022-03-09')).toBe(19060);
    expect(dayOf('2022-03-09T23:30:00+08:00')).toBe(19060);
    expect(dayOf('2022-03-09T00:30:00+08:00')).toBe(19060);
    expect(dayOf('2022-03-09T23:30:00-05:00')).toBe(19060);
    expect(dayOf('2022-03-09T00:00:00Z')).toBe(19060);
    expect(dayOf('2022-03-09T23:59:59.999+14:00')).toBe(19060);
    expect(dayOf('2022-03-09 08:00')).toBe(19060);
  });

  it('counts days since 1970-01-01', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(dayOf('1970-01-02')).toBe(1);
    expect(dayOf('2000-01-01')).toBe(10957);
    expect(dayOf('2024-02-29')).toBe(19782);
    expect(dayOf('2024-03-01')).toBe(19783);
    expect(dayOf('1969-12-30')).toBe(-2);
  });

  it('gives NO_DAY for null, empty, unparseable and impossible dates', () => {
    expect(NO_DAY).toBe(-2147483648);
    expect(dayOf(null)).toBe(NO_DAY);
    expect(dayOf('')).toBe(NO_DAY);
    expect(dayOf('March 9, 2022')).toBe(NO_DAY);
    expect(dayOf('20220309')).toBe(NO_DAY);
    expect(dayOf('2022/03/09')).toBe(NO_DAY);
    expect(dayOf('22-03-09')).toBe(NO_DAY);
    expect(dayOf(' 2022-03-09')).toBe(NO_DAY);
    expect(dayOf('2022-02-30')).toBe(NO_DAY);
    expect(dayOf('2022-13-01')).toBe(NO_DAY);
  });

  it('does not confuse 1969-12-31 with an unknown date', () => {
    expect(dayOf('1969-12-31')).toBe(-1);
    expect(dayOf('1969-12-31')).not.toBe(NO_DAY);
  });

  it('formats day numbers back to months', () => {
    expect(dayToMonth(19060)).toBe('2022-03');
    expect(dayToMonth(19782)).toBe('2024-02');
    expect(dayToMonth(0)).toBe('1970-01');
    expect(dayToMonth(-1)).toBe('1969-12');
    expect(dayToMonth(MIN_DAY)).toBe('1696-03');
    expect(dayToMonth(dayOf('2022-12-31T23:30:00-10:00'))).toBe('2022-12');
    expect(dayToMonth(dayOf('2023-01-01T00:10:00+14:00'))).toBe('2023-01');
  });

  it('round-trips every day of several years', () => {
    const start = dayOf('2015-01-01');
    const end = dayOf('2026-12-31');
    expect(isoOf(start)).toBe('2015-01-01');
    expect(end - start + 1).toBe(365 * 12 + 3); // 2016, 2020 and 2024 are leap years
    for (let d = start; d <= end; d++) {
      const iso = isoOf(d);
      if (dayOf(iso) !== d) expect(dayOf(iso), iso).toBe(d);
      if (dayOf(`${iso}T23:30:00+08:00`) !== d) expect(dayOf(`${iso}T23:30:00+08:00`), iso).toBe(d);
      if (dayToMonth(d) !== iso.slice(0, 7)) expect(dayToMonth(d), iso).toBe(iso.slice(0, 7));
    }
  });
});

describe('MIN_DAY', () => {
  it('is day -100000, 1696-03-17 in the proleptic Gregorian calendar: the 77th day of 1696, not its first', () => {
    expect(MIN_DAY).toBe(-100_000);
    expect(isoOf(MIN_DAY)).toBe('1696-03-17');
    expect(dayOf('1696-03-17')).toBe(MIN_DAY);
    expect(dayOf('1696-03-16')).toBe(MIN_DAY - 1);
    expect(dayOf('1696-01-01')).toBe(MIN_DAY - 76); // January 31 + February 29 (1696 is a leap year) + 16 days
    expect(dayOf('1697-01-01') - dayOf('1696-01-01')).toBe(366);
  });

  it('is a real day, well after NO_DAY', () => {
    expect(MIN_DAY).toBeGreaterThan(NO_DAY);
    expect(isIsoDay(isoOf(MIN_DAY))).toBe(true);
  });
});

describe('isIsoDay', () => {
  it('accepts real calendar days written exactly YYYY-MM-DD', () => {
    for (const s of ['2022-03-09', '2024-02-29', '2000-02-29', '1970-01-01', '1969-12-31', '1696-03-17', '1600-01-01', '2026-12-31', '9999-12-31']) {
      expect(isIsoDay(s), s).toBe(true);
    }
  });

  it('rejects days that do not exist', () => {
    for (const s of ['2022-02-30', '2023-02-29', '1900-02-29', '2022-04-31', '2022-13-01', '2022-00-10', '2022-03-00', '2022-03-32']) {
      expect(isIsoDay(s), s).toBe(false);
    }
  });

  it('rejects anything but exactly YYYY-MM-DD', () => {
    for (const s of [
      '2022-2-3',
      '2022-03-9',
      '2022-3-09',
      '22-03-09',
      '02022-03-09',
      '+002022-03-09',
      ' 2022-03-09',
      '2022-03-09 ',
      '2022-03-09\n',
      '2022-03-09T00:00',
      '2022-03-09T00:00:00Z',
      '2022-03-09Z',
      '2022-03-09 08:00',
      '20220309',
      '2022/03/09',
      '2022-03',
      '２０２２-03-09', // fullwidth digits
      '',
    ]) {
      expect(isIsoDay(s), JSON.stringify(s)).toBe(false);
    }
  });

  it('rejects non-strings, even ones that stand for a day', () => {
    for (const v of [
      null,
      undefined,
      19060,
      20220309,
      new Date('2022-03-09'),
      ['2022-03-09'],
      new String('2022-03-09'),
      { toString: () => '2022-03-09' },
      true,
    ]) {
      expect(isIsoDay(v), String(v)).toBe(false);
    }
  });

  it('narrows unknown to string', () => {
    const v: unknown = '2022-03-09';
    if (!isIsoDay(v)) throw new Error('expected a day');
    const s: string = v;
    expect(dayOf(s)).toBe(19060);
  });

  it('agrees with dayOf on every day of several years', () => {
    for (let d = dayOf('2019-12-25'); d <= dayOf('2025-01-05'); d++) {
      const iso = isoOf(d);
      if (!isIsoDay(iso)) expect(isIsoDay(iso), iso).toBe(true);
    }
  });
});

describe('the years 0 to 99', () => {
  it('are days as written, not 1900 to 1999', () => {
    expect(isIsoDay('0050-01-01')).toBe(true);
    expect(dayOf('0050-01-01')).toBeLessThan(dayOf('1000-01-01'));
    expect(dayToMonth(dayOf('0099-03-05'))).toBe('0099-03');
    expect(dayOf('0099-03-05')).not.toBe(dayOf('1999-03-05'));
  });
});
