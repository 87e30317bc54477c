/**
 * How the Requester website writes values in its batch results CSV:
 * times as Java's Date.toString() in Pacific time ("Mon Nov 23 04:01:02 PST 2026") and money as "$0.50".
 */
import type { Cents } from '../../shared/domain/money';
import { formatMoney, parseMoney } from '../../shared/domain/money';

export const WEBSITE_TIME_EXAMPLE = 'Mon Nov 23 04:01:02 PST 2026';
export const WEBSITE_MONEY_EXAMPLE = '$0.50';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Offsets in hours of the zone abbreviations Java prints for US requesters (the website uses Pacific). */
const ZONE_OFFSETS: Record<string, number> = { PST: -8, PDT: -7, MST: -7, MDT: -6, CST: -6, CDT: -5, EST: -5, EDT: -4, UTC: 0, GMT: 0 };

const TIME_PATTERN = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([A-Z]{3}) (\d{4})$/;

/** Epoch ms, or null when the text is not such a time (including a weekday that does not match the date). */
export function parseWebsiteTime(text: string): number | null {
  const match = TIME_PATTERN.exec(text);
  if (!match) return null;
  const [, dayName, monthName, day, hour, minute, second, zone, year] = match;
  const month = MONTHS.indexOf(monthName!);
  const offset = ZONE_OFFSETS[zone!];
  if (month < 0 || offset === undefined) return null;
  const local = Date.UTC(Number(year), month, Number(day), Number(hour), Number(minute), Number(second));
  const check = new Date(local);
  // Date.UTC rolls "Feb 30" over to March: a rolled date is not a real date.
  if (check.getUTCMonth() !== month || check.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return null;
  }
  if (DAYS[check.getUTCDay()] !== dayName) return null;
  return local - offset * 3_600_000;
}

const pacific = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  weekday: 'short',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  year: 'numeric',
  timeZoneName: 'short',
});

/** Formats like the website: Pacific time with PST/PDT as daylight saving applies. */
export function formatWebsiteTime(epochMs: number): string {
  const parts = Object.fromEntries(pacific.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.month} ${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName} ${parts.year}`;
}

/** "$0.50" → 50; null when it is not a dollar amount with at most two decimals. */
export function parseWebsiteMoney(text: string): Cents | null {
  return text.startsWith('$') ? parseMoney(text.slice(1)) : null;
}

export function formatWebsiteMoney(cents: Cents): string {
  return `$${formatMoney(cents)}`;
}
