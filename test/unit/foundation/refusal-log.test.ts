import { describe, expect, it } from 'vitest';
import { clipValue, createRefusalLog } from '../../../electron/serve/refusal-log';
import { memoryLogger } from '../../helpers/memory-log';

describe('refused-request log', () => {
  it('clips and quotes header values so they can neither flood nor forge lines', () => {
    expect(clipValue(undefined, 10)).toBe('-');
    expect(clipValue('short', 10)).toBe('"short"');
    expect(clipValue('x'.repeat(8192), 10)).toBe(`"${'x'.repeat(10)}…(8192 chars)"`);
    expect(clipValue('a\nINFO forged line', 100)).toBe('"a\\nINFO forged line"');
  });

  it('logs a fixed number per window and summarises the rest when the window ends', () => {
    let now = 0;
    const { log, lines } = memoryLogger();
    const refusals = createRefusalLog(log, { perWindow: 2, windowMs: 10_000, maxValueChars: 50, now: () => now });
    for (let i = 0; i < 1000; i++) refusals.refused({ origin: `https://evil.example/${i}` });
    expect(lines).toHaveLength(2);
    now = 5_000;
    refusals.flush();
    expect(lines).toHaveLength(2); // the window has not ended yet
    now = 10_000;
    refusals.flush();
    expect(lines.map((l) => l.line.replace(/^\S+ /, ''))).toEqual([
      'WARN [test] refused request origin="https://evil.example/0"',
      'WARN [test] refused request origin="https://evil.example/1" (further refusals are only counted until this window ends)',
      'WARN [test] 998 more refused requests suppressed in the last 10 s',
    ]);
    refusals.flush({ final: true });
    expect(lines).toHaveLength(3); // nothing left to summarise
  });
});
