import { describe, expect, it } from 'vitest';
import { redact, REDACTED } from '../../../electron/logging/redact';
import { memoryLogger } from '../../helpers/memory-log';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('redact', () => {
  it('hides access key ids, keeping a recognisable prefix', () => {
    const out = redact(`using key ${KEY_ID} for sandbox`);
    expect(out).not.toContain(KEY_ID);
    expect(out).toContain('AKIA…');
  });

  it('hides secrets by shape and by name', () => {
    expect(redact(`secret ${SECRET} end`)).not.toContain(SECRET);
    expect(redact(`aws_secret_access_key = ${SECRET}`)).toBe(`aws_secret_access_key = ${REDACTED}`);
    expect(redact(`{"secretAccessKey":"short-but-secret"}`)).not.toContain('short-but-secret');
    expect(redact('AWS_SESSION_TOKEN=FwoGZXIvYXdzEJr//////////wEaDExample')).not.toContain('FwoGZXIv');
  });

  it('hides signatures, bearer tokens and URL tokens', () => {
    expect(redact('Authorization: AWS4-HMAC-SHA256 Credential=x, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024')).not.toMatch(/fe5f80f7/);
    expect(redact('Bearer abcdefghijklmnop1234')).toBe(`Bearer ${REDACTED}`);
    expect(redact('open http://127.0.0.1:5000/?token=abcdefghijkl12345')).toBe(`open http://127.0.0.1:5000/?token=${REDACTED}`);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Approved 3Y9N9SS8LYBYQZ6AE6Y5YCTRSJ5XXX for worker AUYKYIHQXG6XR, reward $0.50';
    expect(redact(text)).toBe(text);
  });
});

describe('logger', () => {
  it('redacts secrets inside objects and errors, after formatting', () => {
    const { log, lines } = memoryLogger();
    log.info('connecting', { credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET } });
    log.error('failed', new Error(`bad key ${KEY_ID}`));
    const all = lines.map((l) => l.line).join('\n');
    expect(all).not.toContain(KEY_ID);
    expect(all).not.toContain(SECRET);
    expect(all).toContain('connecting');
    expect(lines.map((l) => l.level)).toEqual(['info', 'error']);
  });

  it('prefixes child scopes and filters below the minimum level', async () => {
    const { createLogger } = await import('../../../electron/logging/logger');
    const lines: string[] = [];
    const log = createLogger('main', (_level, line) => lines.push(line), 'info').child('sync');
    log.debug('noise');
    log.warn('slow page');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN \[main:sync\] slow page$/);
  });
});

describe('log file', () => {
  it('appends redacted lines to a file in the data folder', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fileSink, teeSink } = await import('../../../electron/logging/file-sink');
    const { createLogger } = await import('../../../electron/logging/logger');
    const file = join(mkdtempSync(join(tmpdir(), 'tb-log-')), 'logs', 'turkbench.log');
    const seen: string[] = [];
    const log = createLogger('main', teeSink(fileSink(file), (_l, line) => seen.push(line)));
    log.warn(`stored keys ${KEY_ID} / ${SECRET}`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('stored keys');
    expect(text).not.toContain(KEY_ID);
    expect(text).not.toContain(SECRET);
    expect(seen).toHaveLength(1);
  });

  it('rotates by size while running and keeps a bounded number of old files', async () => {
    const { mkdtempSync, readdirSync, readFileSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fileSink } = await import('../../../electron/logging/file-sink');
    const dir = mkdtempSync(join(tmpdir(), 'tb-log-'));
    const file = join(dir, 'turkbench.log');
    const sink = fileSink(file, { maxFileBytes: 1000, keepRotated: 2, maxLineBytes: 200 });
    for (let i = 0; i < 500; i++) sink('warn', `line ${String(i).padStart(3, '0')} ${'x'.repeat(90)}`);
    expect(readdirSync(dir).sort()).toEqual(['turkbench.log', 'turkbench.log.1', 'turkbench.log.2']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(1000);
    // The newest lines are in the live file, the ones just before in .1; the oldest are gone.
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').at(-1)).toMatch(/^line 499 /);
    expect(readFileSync(`${file}.1`, 'utf8')).toMatch(/^line \d{3} /);
    expect(readFileSync(`${file}.2`, 'utf8')).not.toContain('line 000 ');
  });

  it('cuts a huge line to the limit and says how much was cut', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fileSink } = await import('../../../electron/logging/file-sink');
    const file = join(mkdtempSync(join(tmpdir(), 'tb-log-')), 'turkbench.log');
    fileSink(file, { maxFileBytes: 100_000, keepRotated: 1, maxLineBytes: 300 })('warn', 'refused ' + 'O'.repeat(50_000));
    const text = readFileSync(file, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(301);
    expect(text).toMatch(/^refused O+… \[\d+ more characters cut\]\n$/);
  });

  it('continues an existing log after a restart instead of starting over', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fileSink } = await import('../../../electron/logging/file-sink');
    const file = join(mkdtempSync(join(tmpdir(), 'tb-log-')), 'turkbench.log');
    const limits = { maxFileBytes: 60, keepRotated: 1, maxLineBytes: 100 };
    fileSink(file, limits)('info', 'first run '.padEnd(40, '.'));
    fileSink(file, limits)('info', 'second run'.padEnd(40, '.'));
    expect(readFileSync(`${file}.1`, 'utf8')).toContain('first run');
    expect(readFileSync(file, 'utf8')).toContain('second run');
  });
});
