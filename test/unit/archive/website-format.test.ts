import { describe, expect, it } from 'vitest';
import { formatWebsiteMoney, formatWebsiteTime, parseWebsiteMoney, parseWebsiteTime } from '../../../electron/archive/website-format';

describe('website times', () => {
  it('reads Pacific standard and daylight times and writes them back identically', () => {
    const cases: [string, number][] = [
      ['Mon Nov 23 04:01:02 PST 2026', Date.UTC(2026, 10, 23, 12, 1, 2)],
      ['Wed Jul 01 23:59:59 PDT 2026', Date.UTC(2026, 6, 2, 6, 59, 59)],
      ['Sun Mar 08 03:00:00 PDT 2026', Date.UTC(2026, 2, 8, 10, 0, 0)], // first minute of DST
      ['Thu Jan 01 00:00:00 PST 2026', Date.UTC(2026, 0, 1, 8, 0, 0)],
    ];
    for (const [text, epoch] of cases) {
      expect(parseWebsiteTime(text)).toBe(epoch);
      expect(formatWebsiteTime(epoch)).toBe(text);
    }
  });

  it('reads other zone abbreviations the website may print', () => {
    expect(parseWebsiteTime('Mon Nov 23 12:01:02 UTC 2026')).toBe(Date.UTC(2026, 10, 23, 12, 1, 2));
    expect(parseWebsiteTime('Mon Nov 23 07:01:02 EST 2026')).toBe(Date.UTC(2026, 10, 23, 12, 1, 2));
  });

  it('refuses impossible dates, wrong weekdays, unknown zones and other formats', () => {
    for (const text of ['Tue Nov 23 04:01:02 PST 2026', 'Mon Feb 30 04:01:02 PST 2026', 'Mon Nov 23 24:01:02 PST 2026',
      'Mon Nov 23 04:01:02 XYZ 2026', '2026-11-23T12:01:02Z', '', 'Mon Nov 23 04:01:02 PST']) {
      expect(parseWebsiteTime(text)).toBeNull();
    }
  });
});

describe('website money', () => {
  it('reads dollar amounts and writes two decimals', () => {
    expect(parseWebsiteMoney('$0.50')).toBe(50);
    expect(parseWebsiteMoney('$12')).toBe(1200);
    expect(parseWebsiteMoney('$1.5')).toBe(150);
    expect(formatWebsiteMoney(1200)).toBe('$12.00');
    for (const text of ['0.50', '$-1.00', '$0.505', '$1,000.00', 'USD 1']) expect(parseWebsiteMoney(text)).toBeNull();
  });
});
