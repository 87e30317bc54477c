import { describe, expect, it } from 'vitest';
import { parseCommand, parseCount, parseDate, parseDuration } from '../../../cli/args';
import { refusal } from './support/refusal';

describe('parseCount', () => {
  it('reads plain decimal digits within the range, surrounding spaces trimmed', () => {
    expect(parseCount('5', 'count')).toBe(5);
    expect(parseCount(' 5 ', 'count')).toBe(5);
    expect(parseCount('0', 'retry-delay', 0, 31_536_000)).toBe(0);
    expect(parseCount('1000000', 'count')).toBe(1_000_000);
    expect(parseCount('-12', 'score', -100, 100)).toBe(-12);
    expect(Object.is(parseCount('-0', 'score', -100, 100), 0)).toBe(true);
  });

  it('refuses what Number() would read as a number but is not plain digits, naming the option, the value and the range', () => {
    expect(refusal(() => parseCount('', 'retry-delay', 0, 31_536_000))).toBe('--retry-delay needs a whole number from 0 to 31536000, in digits; got "".');
    expect(refusal(() => parseCount('   ', 'retry-delay', 0, 31_536_000))).toBe('--retry-delay needs a whole number from 0 to 31536000, in digits; got "   ".');
    expect(refusal(() => parseCount('0x15180', 'retry-delay', 0, 31_536_000))).toBe('--retry-delay needs a whole number from 0 to 31536000, in digits; got "0x15180".');
    expect(refusal(() => parseCount('0x10', 'limit', 1, 10_000_000))).toBe('--limit needs a whole number from 1 to 10000000, in digits; got "0x10".');
    expect(refusal(() => parseCount('1e3', 'count'))).toBe('--count needs a whole number from 1 to 1000000, in digits; got "1e3".');
    for (const text of ['0b11', '0o7', '+5', '5.0', '1_000', 'Infinity', '5 5']) expect(refusal(() => parseCount(text, 'count'))).toBe(`--count needs a whole number from 1 to 1000000, in digits; got "${text}".`);
  });

  it('refuses a minus sign where the range has no negative numbers, and values outside the range', () => {
    expect(refusal(() => parseCount('-0', 'retry-delay', 0, 10))).toBe('--retry-delay needs a whole number from 0 to 10, in digits; got "-0".');
    expect(refusal(() => parseCount('0', 'count'))).toBe('--count needs a whole number from 1 to 1000000, in digits; got "0".');
    expect(refusal(() => parseCount('1000001', 'count'))).toBe('--count needs a whole number from 1 to 1000000, in digits; got "1000001".');
    // Past 2^53 Number() rounds, so "…993" would come back as "…992".
    expect(refusal(() => parseCount('9007199254740993', 'archive', 1, Number.MAX_SAFE_INTEGER))).toBe('--archive needs a whole number from 1 to 9007199254740991, in digits; got "9007199254740993".');
  });

  it('refuses a missing value', () => {
    expect(refusal(() => parseCount(undefined, 'count'))).toBe('--count needs a whole number from 1 to 1000000.');
  });
});

describe('parseDuration', () => {
  it('reads each unit, and fractions that come to whole seconds', () => {
    expect(parseDuration('45s', 'by')).toBe(45);
    expect(parseDuration('90m', 'by')).toBe(5400);
    expect(parseDuration('90 min', 'by')).toBe(5400);
    expect(parseDuration('12h', 'by')).toBe(43_200);
    expect(parseDuration('3d', 'by')).toBe(259_200);
    expect(parseDuration('1w', 'by')).toBe(604_800);
    expect(parseDuration('1.5h', 'by')).toBe(5400);
    expect(parseDuration('1.1h', 'by')).toBe(3960);
    expect(parseDuration('3650d', 'by')).toBe(315_360_000);
  });

  it('refuses a duration of 0 seconds', () => {
    expect(refusal(() => parseDuration('0s', 'due-within'))).toBe('--due-within 0s: a duration of 0 seconds does nothing; write a duration like 90m, 12h, 3d or 1w.');
    expect(refusal(() => parseDuration('0.0w', 'by'))).toBe('--by 0.0w: a duration of 0 seconds does nothing; write a duration like 90m, 12h, 3d or 1w.');
  });

  it('refuses a fraction that is not a whole number of seconds rather than rounding it', () => {
    expect(refusal(() => parseDuration('0.00001w', 'by'))).toBe('--by 0.00001w: that is not a whole number of seconds; write a duration like 90m, 12h, 3d or 1w.');
    expect(refusal(() => parseDuration('0.4s', 'by'))).toBe('--by 0.4s: that is not a whole number of seconds; write a duration like 90m, 12h, 3d or 1w.');
  });

  it('refuses more than 10 years, and numbers too long to be finite', () => {
    expect(refusal(() => parseDuration('3651d', 'by'))).toBe('--by 3651d: that is more than 10 years; write a duration like 90m, 12h, 3d or 1w.');
    const huge = `${'9'.repeat(400)}s`;
    expect(refusal(() => parseDuration(huge, 'by'))).toBe(`--by ${huge}: that is more than 10 years; write a duration like 90m, 12h, 3d or 1w.`);
  });

  it('refuses what is not a duration', () => {
    expect(refusal(() => parseDuration('3x', 'by'))).toBe('--by 3x: write a duration like 90m, 12h, 3d or 1w.');
    expect(refusal(() => parseDuration('-1h', 'by'))).toBe('--by -1h: write a duration like 90m, 12h, 3d or 1w.');
  });
});

describe('parseDate', () => {
  const example = 'write a date like 2026-12-24 (UTC midnight), 2026-12-24T18:00Z or 2026-12-24T18:00+01:00';

  it('reads a bare date as UTC midnight and a date-time with Z or an offset', () => {
    expect(parseDate('2026-12-24', 'to')).toBe(Date.UTC(2026, 11, 24));
    expect(parseDate(' 2028-02-29 ', 'to')).toBe(Date.UTC(2028, 1, 29));
    expect(parseDate('2026-12-24T18:00Z', 'to')).toBe(Date.UTC(2026, 11, 24, 18));
    expect(parseDate('2026-12-24T18:00:30Z', 'to')).toBe(Date.UTC(2026, 11, 24, 18, 0, 30));
    expect(parseDate('2026-12-24T18:00:30.5Z', 'to')).toBe(Date.UTC(2026, 11, 24, 18, 0, 30, 500));
    expect(parseDate('2026-12-24T18:00+01:00', 'to')).toBe(Date.UTC(2026, 11, 24, 17));
    expect(parseDate('2026-12-24T18:00-05:30', 'to')).toBe(Date.UTC(2026, 11, 24, 23, 30));
    expect(parseDate('2100-12-31T23:59:59Z', 'to')).toBe(Date.UTC(2100, 11, 31, 23, 59, 59));
  });

  it('refuses a calendar date or time that does not exist instead of rolling it over', () => {
    for (const text of ['2027-02-29', '2027-02-30', '2027-02-31', '2026-04-31', '2026-13-01', '2026-00-10', '2026-12-00', '2026-12-24T24:00Z', '2026-12-24T18:60Z', '2026-12-24T18:00:60Z']) {
      expect(refusal(() => parseDate(text, 'to'))).toBe(`--to ${text}: there is no such date or time; ${example}.`);
    }
  });

  it('refuses a date-time without a zone, asking for Z or an offset', () => {
    expect(refusal(() => parseDate('2026-12-24T18:00', 'to'))).toBe('--to 2026-12-24T18:00: add Z (UTC) or an offset like +01:00 after the time, e.g. 2026-12-24T18:00Z.');
    expect(refusal(() => parseDate('2026-12-24T18:00:00.000', 'to'))).toBe('--to 2026-12-24T18:00:00.000: add Z (UTC) or an offset like +01:00 after the time, e.g. 2026-12-24T18:00Z.');
  });

  it('refuses loose forms Date.parse would read as dates in 2001', () => {
    for (const text of ['Dec 20', '12', '2026-12-24 18:00Z', '2026/12/24', '24.12.2026', '2026-1-5', '20261224', '2026-12-24T18Z', '2026-12-24T18:00+0100', '']) {
      expect(refusal(() => parseDate(text, 'after'))).toBe(`--after ${text}: ${example}.`);
    }
  });

  it('refuses years before 2000 or after 2100, and offsets no zone has', () => {
    expect(refusal(() => parseDate('1999-12-31', 'to'))).toBe('--to 1999-12-31: write a year from 2000 to 2100.');
    expect(refusal(() => parseDate('2101-01-01T00:00Z', 'to'))).toBe('--to 2101-01-01T00:00Z: write a year from 2000 to 2100.');
    expect(refusal(() => parseDate('2026-12-24T18:00+15:00', 'to'))).toBe(`--to 2026-12-24T18:00+15:00: +15:00 is not a time zone offset; ${example}.`);
    expect(refusal(() => parseDate('2026-12-24T18:00+01:60', 'to'))).toBe(`--to 2026-12-24T18:00+01:60: +01:60 is not a time zone offset; ${example}.`);
  });
});

describe('parseCommand', () => {
  it('takes notifications set --version, as the help says', () => {
    expect(parseCommand(['notifications', 'set', '--version', '2014-08-15']).options.version).toBe('2014-08-15');
  });
});
