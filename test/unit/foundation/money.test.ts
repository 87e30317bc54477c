import { describe, expect, it } from 'vitest';
import { displayMoney, formatMoney, parseMoney } from '../../../shared/domain/money';

describe('money: integer cents in code, "0.50" on the wire', () => {
  it('parses what MTurk calls a CurrencyAmount, and nothing else', () => {
    expect(['0', '1', '1.', '1.5', '0.05', '12.34', '90071992547409.91'].map(parseMoney)).toEqual([0, 100, 100, 150, 5, 1234, 9_007_199_254_740_991]);
    for (const bad of ['', '.5', '1e2', '-0', '-1', ' 1.00', '1.00 ', '$1.00', '1,000.00', '0.005', '1.999', '１', '0x10', 'NaN', '90071992547409.92']) {
      expect(parseMoney(bad), bad).toBeNull();
    }
  });

  it('formats cents for the wire, refusing what is not a whole, non-negative number of cents', () => {
    expect([0, 5, 50, 100, 123_456].map(formatMoney)).toEqual(['0.00', '0.05', '0.50', '1.00', '1234.56']);
    for (const bad of [-1, 0.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => formatMoney(bad), String(bad)).toThrow(RangeError);
  });

  it('displays cents with a dollar sign and thousands separators, negatives with a minus, and never a wrong-looking figure', () => {
    expect([0, 5, 123_456, -2_050].map(displayMoney)).toEqual(['$0.00', '$0.05', '$1,234.56', '-$20.50']);
    expect([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60].map(displayMoney)).toEqual(['—', '—', '—', '—']);
  });
});
