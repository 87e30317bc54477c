/**
 * The small INI dialect of the AWS shared config files: `[section]` headers, `key = value`
 * lines, `#`/`;` comment lines, and indented sub-properties (e.g. `s3 =` blocks), which we
 * skip because credentials never live there. Repeated sections merge; later keys win.
 */
export type IniSections = ReadonlyMap<string, ReadonlyMap<string, string>>;

export function parseIni(text: string): IniSections {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | null = null;
  let inNestedBlock = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1] !== undefined) {
      const name = header[1].trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      inNestedBlock = false;
      continue;
    }
    if (current === null) continue;
    const indented = /^\s/.test(rawLine);
    if (indented && inNestedBlock) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = stripInlineComment(line.slice(eq + 1).trim());
    inNestedBlock = value === '';
    if (!inNestedBlock) current.set(key, value);
  }
  return sections;
}

/** AWS treats ` #` / ` ;` after a value as a comment; a `#` inside a secret is kept. */
function stripInlineComment(value: string): string {
  const match = /\s[#;]/.exec(value);
  return match === null ? value : value.slice(0, match.index).trim();
}
