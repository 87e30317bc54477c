/**
 * A bonus amount as a requester types it in a spreadsheet ("1.25"), read strictly into cents. Every other spelling
 * is refused with what to write instead: a silently misread amount is money paid wrongly.
 */
import type { Cents } from './money';

export type AmountReading = { readonly ok: true; readonly cents: Cents } | { readonly ok: false; readonly message: string };

const PLAIN = /^(\d+)(?:\.(\d{1,2}))?$/;
/** More than any bonus: beyond it the digits are a paste error, and the cents would lose precision. */
const MAX_DIGITS = 9;

export function readBonusAmount(raw: string): AmountReading {
  const text = raw.trim();
  const refuse = (message: string): AmountReading => ({ ok: false, message });
  if (text === '') return refuse('The amount is empty; write it in dollars, like 1.25.');
  if (/^[$€£]|[$€£]$|USD/i.test(text)) return refuse(`"${raw}" has a currency sign; write the number alone, like ${text.replace(/[$€£]|USD/gi, '').trim() || '1.25'}.`);
  if (text.startsWith('-')) return refuse(`"${raw}" is negative; a bonus is more than $0.00.`);
  if (/[eE]/.test(text)) return refuse(`"${raw}" is in scientific notation; write the dollars plainly, like 1000.00.`);
  if (/^\d+,\d{1,2}$/.test(text)) return refuse(`"${raw}" uses a decimal comma; write ${text.replace(',', '.')}.`);
  if (/,/.test(text)) return refuse(`"${raw}" has a thousands separator; write the dollars without commas.`);
  if (/^\d*\.\d{3,}$/.test(text)) return refuse(`"${raw}" has more than two decimals; MTurk pays whole cents.`);
  const match = PLAIN.exec(text);
  if (!match) return refuse(`"${raw}" is not an amount in dollars, like 1.25.`);
  if (match[1]!.replace(/^0+/, '').length > MAX_DIGITS) return refuse(`"${raw}" is far more than any bonus.`);
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (cents <= 0) return refuse(`"${raw}" is zero; a bonus is more than $0.00.`);
  return { ok: true, cents };
}
