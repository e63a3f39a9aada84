import { compactDate, compareDates, formatDate, isSupportedDateFormat, parseHotWaxDate } from '../../src/TypeScripts/hotwax_inventory/core/dates';

describe('parseHotWaxDate', () => {
  it.each([
    ['2/29/2024', { year: 2024, month: 2, day: 29 }],
    ['02/29/2024', { year: 2024, month: 2, day: 29 }],
    ['12/31/2023', { year: 2023, month: 12, day: 31 }],
    ['1/1/2025', { year: 2025, month: 1, day: 1 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['  3/4/2024 ', { year: 2024, month: 3, day: 4 }],
    ['2/29/2000', { year: 2000, month: 2, day: 29 }],
  ])('reads %j as month/day/year', (text, expected) => {
    expect(parseHotWaxDate(text)).toEqual(expected);
  });

  it.each([
    ['2/30/2024', 'a day February never has'],
    ['2/29/2023', 'Feb 29 in a common year'],
    ['2/29/1900', 'Feb 29 in a century year that is not a leap year'],
    ['13/1/2024', 'month 13'],
    ['0/10/2024', 'month 0'],
    ['4/31/2024', 'April 31st'],
    ['1/0/2024', 'day 0'],
    ['2024-2-29', 'ISO without zero padding'],
    ['2024-13-01', 'ISO month 13'],
    ['29.02.2024', 'dotted day-first'],
    ['2/29/24', 'a two-digit year'],
    ['2/29/2024 10:00', 'a time after the date'],
    ['1/1/0024', 'a year outside 1900-2999'],
    ['yesterday', 'words'],
    ['', 'an empty cell'],
  ])('rejects %j (%s)', (text) => {
    expect(parseHotWaxDate(text)).toBeUndefined();
  });
});

describe('formatDate', () => {
  const leap = { year: 2024, month: 2, day: 9 };
  it.each([
    ['M/D/YYYY', '2/9/2024'],
    ['MM/DD/YYYY', '02/09/2024'],
    ['D/M/YYYY', '9/2/2024'],
    ['DD/MM/YYYY', '09/02/2024'],
    ['YYYY-MM-DD', '2024-02-09'],
    ['DD.MM.YYYY', '09.02.2024'],
    ['D-Mon-YYYY', '9-Feb-2024'],
    ['DD MONTH, YYYY', '09 February, 2024'],
    ['YYYY/M/D', '2024/2/9'],
  ])('writes the pattern %j as %j', (pattern, expected) => {
    expect(formatDate(leap, pattern)).toBe(expected);
  });

  it('writes two-digit months and days unpadded in M/D/YYYY', () => {
    expect(formatDate({ year: 2023, month: 12, day: 31 }, 'M/D/YYYY')).toBe('12/31/2023');
  });

  it('refuses a pattern with unknown letters or without year, month and day', () => {
    expect(() => formatDate(leap, 'YYYY-MM-DD hh:mm')).toThrow(/unsupported date format/);
    expect(() => formatDate(leap, 'MM/YYYY')).toThrow(/needs a year, a month and a day/);
    expect(isSupportedDateFormat('DD.MM.YYYY')).toBe(true);
    expect(isSupportedDateFormat('dd/mm/yy')).toBe(false);
  });

  it('refuses an impossible date instead of writing it', () => {
    expect(() => formatDate({ year: 2023, month: 2, day: 29 }, 'M/D/YYYY')).toThrow(/not a valid date/);
  });
});

describe('compactDate and compareDates', () => {
  it('writes YYYYMMDD with zero padding', () => {
    expect(compactDate({ year: 2024, month: 2, day: 9 })).toBe('20240209');
  });

  it('orders dates by year, then month, then day', () => {
    const a = { year: 2024, month: 2, day: 29 };
    expect(compareDates(a, { year: 2024, month: 3, day: 1 })).toBeLessThan(0);
    expect(compareDates(a, { year: 2023, month: 12, day: 31 })).toBeGreaterThan(0);
    expect(compareDates(a, { ...a })).toBe(0);
  });
});
