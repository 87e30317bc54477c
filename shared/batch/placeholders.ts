/**
 * `${column}` placeholders, as the Requester website writes them: every occurrence with where it is, so lint can
 * name the line, and substitution can name what is missing.
 */
export interface Placeholder {
  /** The column name between the braces, exactly as written. */
  readonly name: string;
  /** 1-based line and column of the `$`. */
  readonly line: number;
  readonly column: number;
  /** Offset of the `$` in the template. */
  readonly index: number;
  /** Length of the whole `${…}`. */
  readonly length: number;
}

const PLACEHOLDER = /\$\{([^{}\r\n]*)\}/g;

export function findPlaceholders(template: string): Placeholder[] {
  const found: Placeholder[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    for (let i = template.indexOf('\n', scanned); i !== -1 && i < match.index; i = template.indexOf('\n', i + 1)) {
      line += 1;
      lineStart = i + 1;
    }
    scanned = match.index;
    found.push({ name: match[1]!, line, column: match.index - lineStart + 1, index: match.index, length: match[0].length });
  }
  return found;
}

/** The distinct column names the template uses, in order of first use. */
export function placeholderNames(template: string): string[] {
  return [...new Set(findPlaceholders(template).map((p) => p.name))];
}
