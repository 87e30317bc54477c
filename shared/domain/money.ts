/**
 * Money is integer cents in code and a two-decimal string ("0.50") on the wire.
 * These helpers are the only place that converts between the two.
 */
const MONEY_PATTERN = /^[0-9]+(\.[0-9]{0,2})?$/;

export type Cents = number;

/** Parses an MTurk CurrencyAmount ("1", "1.5", "0.05") into integer cents; null if it is not one. */
export function parseMoney(text: string): Cents | null {
  if (!MONEY_PATTERN.test(text)) return null;
  const [whole = '0', frac = ''] = text.split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Formats integer cents as the wire string ("0.50"). */
export function formatMoney(cents: Cents): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`Not a money amount in cents: ${cents}`);
  const whole = Math.floor(cents / 100);
  const frac = String(cents % 100).padStart(2, '0');
  return `${whole}.${frac}`;
}

/** "$1,234.50" for display; "—" for a value that is not a whole number of cents, rather than a wrong-looking figure. */
export function displayMoney(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) return '—';
  const whole = Math.floor(Math.abs(cents) / 100).toLocaleString('en-US');
  const frac = String(Math.abs(cents) % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}$${whole}.${frac}`;
}
