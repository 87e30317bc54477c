import { displayMoney } from '../../../shared/domain/money';
import { cellText } from '../components/display-text';

/** Grid cell text. Everything a worker wrote is shown as text: cells never render HTML. */
export function formatTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined) return '';
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatCents(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '' : displayMoney(cents);
}

/** Longest answer text a one-line cell shows; the panel has the rest. */
const ANSWER_CELL_LIMIT = 300;

/**
 * "label: cat · notes: blurry" — flattened answers in one readable line, each value cut before it is
 * touched (a 20 MB answer costs what 300 characters cost) and hidden characters shown as markers.
 */
export function formatAnswers(answers: Readonly<Record<string, string>> | undefined, fullLengths: Readonly<Record<string, number>> = {}): string {
  if (!answers) return '';
  return Object.entries(answers)
    .map(([key, value]) => `${cellText(key, 100)}: ${cellText(value, ANSWER_CELL_LIMIT, fullLengths[key]).replace(/\s+/g, ' ').trim()}`)
    .join(' · ');
}
