/**
 * Untrusted text (titles, answers, imported cells) as it is safe to show: every bidirectional control
 * and every invisible or control character becomes a visible marker such as ⟨U+202E⟩, so "gnp.exe"
 * with a right-to-left override can never pass for "exe.png", and long values are cut to a size the
 * screen lays out quickly. Pure: no DOM, unit-tested. The result is always set as text, never markup.
 */

/** Values longer than this are cut in grids and panels; the full value stays one click away. */
export const DISPLAY_LIMIT = 10_000;

// C0/C1 controls except tab, newline and carriage return, bidi embeddings/overrides/isolates and marks, zero-width and
// invisible formatting characters, line/paragraph separators, BOM, and the interlinear/object characters.
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2069\u206A-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFC]/g;

const marker = (ch: string): string => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;

/** Hidden and direction-changing characters made visible. */
export function revealHidden(text: string): string {
  return text.replace(HIDDEN, marker);
}

export interface DisplayText {
  /** What to show. */
  readonly text: string;
  /** True when `text` is the start of a longer value. */
  readonly truncated: boolean;
  /** The value's length in characters (before markers were added). */
  readonly length: number;
}

/** Cuts first (so a 20 MB value costs no more than 10,000 characters), then reveals hidden characters. */
export function displayText(value: string | null | undefined, limit: number = DISPLAY_LIMIT): DisplayText {
  const text = value ?? '';
  const truncated = text.length > limit;
  return { text: revealHidden(truncated ? text.slice(0, limit) : text), truncated, length: text.length };
}

/**
 * One line for a grid cell: whitespace runs collapse, then the same cut and markers. `fullLength` is the
 * value's real length when what is at hand was already cut (a grid page carries at most 10,000 characters).
 */
export function cellText(value: string | null | undefined, limit: number = 500, fullLength?: number): string {
  const shown = displayText(value, limit);
  // Newlines and tabs are kept by displayText (panels show them); a one-line cell folds them.
  const line = shown.text.replace(/[\t\r\n]+/g, ' ');
  const length = Math.max(shown.length, fullLength ?? 0);
  return shown.truncated || length > shown.length ? `${line}… (${length.toLocaleString('en-US')} characters)` : line;
}

/** How much more of a long value each "show more" adds: enough to read on, little enough to lay out at once. */
export const SHOW_MORE_STEP = 200_000;
