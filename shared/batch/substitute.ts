/**
 * Fills a template's `${column}` placeholders from one input row. Values are text: escaped for where they land
 * (HTML or XML markup, or a URL's path or query), unless the requester marked the column as trusted markup.
 */
import { appError } from '../errors';
import { err, ok, type Result } from '../result';
import { findPlaceholders } from './placeholders';

export type Escaping = 'html' | 'xml' | 'url';

export interface SubstituteOptions {
  readonly escaping: Escaping;
  /** Columns whose values are inserted as written (markup the requester trusts); never applies to URLs. */
  readonly trustedColumns?: ReadonlySet<string>;
}

const MARKUP_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeMarkup(value: string): string {
  return value.replace(/[&<>"']/g, (c) => MARKUP_ESCAPES[c]!);
}

function escaped(value: string, column: string, options: SubstituteOptions, atStart: boolean): string {
  // In a URL a value is a path or query component, encoded; one that opens the URL is the address itself.
  if (options.escaping === 'url') return atStart ? value : encodeURIComponent(value);
  if (options.trustedColumns?.has(column)) return value;
  return escapeMarkup(value);
}

/** The template with every placeholder replaced; a placeholder naming no column of the row is an error naming it. */
export function substitute(template: string, row: Readonly<Record<string, string>>, options: SubstituteOptions): Result<string> {
  const parts: string[] = [];
  let at = 0;
  for (const placeholder of findPlaceholders(template)) {
    if (!Object.hasOwn(row, placeholder.name)) {
      return err(
        appError('validation', `Line ${placeholder.line}: the placeholder \${${placeholder.name}} names no column of the input.`, {
          field: `\${${placeholder.name}}`,
        }),
      );
    }
    parts.push(template.slice(at, placeholder.index), escaped(row[placeholder.name]!, placeholder.name, options, placeholder.index === 0));
    at = placeholder.index + placeholder.length;
  }
  parts.push(template.slice(at));
  return ok(parts.join(''));
}
