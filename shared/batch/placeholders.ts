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
  const newlineFrom = (from: number): number => {
    const at = template.indexOf('\n', from);
    return at < 0 ? Infinity : at;
  };
  let line = 1;
  let lineStart = 0;
  // The first '\n' not yet counted (Infinity when there is none), kept between matches: searching afresh from each
  // placeholder would scan to the end of its line every time, quadratic in a long line of placeholders.
  let nextNewline = newlineFrom(0);
  for (const match of template.matchAll(PLACEHOLDER)) {
    while (nextNewline < match.index) {
      line += 1;
      lineStart = nextNewline + 1;
      nextNewline = newlineFrom(lineStart);
    }
    found.push({ name: match[1]!, line, column: match.index - lineStart + 1, index: match.index, length: match[0].length });
  }
  return found;
}

/** The distinct column names the template uses, in order of first use. */
export function placeholderNames(template: string): string[] {
  return [...new Set(findPlaceholders(template).map((p) => p.name))];
}
