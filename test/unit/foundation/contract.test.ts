import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, EVENT_NAMES, ipcChannel, isMethodName } from '../../../shared/contract';
import { testAppCore } from '../../helpers/app-core';

describe('the contract and its handler table', () => {
  it('has a handler for every contract method and nothing else', () => {
    const core = testAppCore();
    expect(Object.keys(core.handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('names the methods the shell needs and its events', () => {
    expect(METHOD_NAMES).toEqual(expect.arrayContaining(['app.info', 'connection.status', 'prefs.get', 'prefs.set']));
    expect(EVENT_NAMES).toEqual(expect.arrayContaining(['prefs.changed', 'connection.changed']));
    expect(new Set(METHOD_NAMES.map(ipcChannel)).size).toBe(METHOD_NAMES.length);
  });

  it('does not treat inherited object keys as methods', () => {
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
  });
});

describe('dispatch', () => {
  it('returns the handler result wrapped as ok', async () => {
    const result = await testAppCore().dispatch('app.info', undefined);
    expect(result).toMatchObject({ ok: true, value: { name: 'Turkbench', mode: 'serve' } });
  });

  it('rejects an unknown method with not-found', async () => {
    const result = await testAppCore().dispatch('app.explode', {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'not-found' }) });
  });

  it('validates input and names the bad field', async () => {
    const result = await testAppCore().dispatch('prefs.set', { theme: 'purple' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('validation');
    expect(result.error.field).toBe('theme');
    expect(result.error.message).toContain('theme');
  });

  it('rejects keys the schema does not know instead of ignoring them', async () => {
    const result = await testAppCore().dispatch('prefs.set', { theme: 'dark', version: 99 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('applies a valid change, returns it and emits prefs.changed', async () => {
    const core = testAppCore();
    const seen: unknown[] = [];
    core.events.subscribe((name, payload) => seen.push({ name, payload }));
    const result = await core.dispatch('prefs.set', { theme: 'dark' });
    expect(result).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(seen).toEqual([{ name: 'prefs.changed', payload: expect.objectContaining({ theme: 'dark' }) }]);
    expect(await core.dispatch('prefs.get', undefined)).toMatchObject({ ok: true, value: { theme: 'dark' } });
  });

  it('turns a throwing handler into an internal error without leaking its text', async () => {
    const core = testAppCore();
    const handlers = core.handlers as unknown as Record<string, () => Promise<unknown>>;
    handlers['app.info'] = async () => {
      throw new Error('secret stack detail');
    };
    const { dispatch } = await import('../../../electron/core/dispatch');
    const { memoryLogger } = await import('../../helpers/memory-log');
    const { log, lines } = memoryLogger();
    const result = await dispatch(core.handlers, 'app.info', undefined, log);
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret stack detail');
    expect(lines.some((l) => l.line.includes('secret stack detail'))).toBe(true);
  });
});
