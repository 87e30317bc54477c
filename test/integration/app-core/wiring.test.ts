import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../electron/core/app-core';
import { testAppCore } from '../../helpers/app-core';
import { upload, websiteFile, websiteRow } from '../archive-service/website-file';

let core: AppCore | null = null;
afterEach(async () => {
  await core?.dispose();
  core = null;
});

/** The composition root as the app builds it: what only shows up when the real pieces are wired together. */
describe('the app core wiring', () => {
  it('announces an import so every open view refetches', async () => {
    core = testAppCore();
    const events: string[] = [];
    core.events.subscribe((name) => events.push(name));
    const result = await core.dispatch('archive.import', { fileName: 'batch.csv', base64: upload(websiteFile([websiteRow(1), websiteRow(2)])) });
    expect(result).toMatchObject({ ok: true });
    expect(events).toContain('archive.changed');
    const page = await core.dispatch('assignments.page', { limit: 10 });
    expect(page).toMatchObject({ ok: true, value: { archived: true } });
    expect(page.ok && (page.value as { rows: unknown[] }).rows).toHaveLength(2);
  });

  it('syncs automatically in full first, then incrementally while the last full sync is fresh', async () => {
    core = testAppCore();
    const finished = (): Promise<{ mode: string; state: string }> =>
      new Promise((resolve) => {
        const stop = core!.events.subscribe((name, payload) => {
          const progress = payload as { mode: string; state: string };
          if (name === 'sync.progress' && progress.state !== 'running') {
            stop();
            resolve(progress);
          }
        });
      });
    let done = finished();
    expect(await core.services.archive.autoSync()).toMatchObject({ ok: true, value: { mode: 'full' } });
    expect(await done).toMatchObject({ mode: 'full', state: 'succeeded' });
    done = finished();
    expect(await core.services.archive.autoSync()).toMatchObject({ ok: true, value: { mode: 'incremental' } });
    expect(await done).toMatchObject({ mode: 'incremental', state: 'succeeded' });
    const overview = await core.dispatch('archive.overview', undefined);
    expect(overview.ok && (overview.value as { syncLog: { mode: string }[] }).syncLog.map((run) => run.mode)).toEqual(['incremental', 'full']);
  });

  it('syncs the built-in Local MTurk into the archive on request', async () => {
    core = testAppCore();
    const started = await core.dispatch('sync.start', { mode: 'full' });
    expect(started).toMatchObject({ ok: true, value: { state: 'running', connectionId: 'local' } });
    const overview = await new Promise<unknown>((resolve) => {
      core!.events.subscribe((name, payload) => {
        if (name === 'sync.progress' && (payload as { state: string }).state !== 'running') resolve(payload);
      });
    });
    expect(overview).toMatchObject({ state: 'succeeded' });
    expect(await core.dispatch('archive.overview', undefined)).toMatchObject({ ok: true, value: { known: true, connectionId: 'local' } });
  });

  it('checks a bonus ledger through the contract, naming its bad rows, and refuses to send it', async () => {
    core = testAppCore();
    const file = Buffer.from('WorkerId,AssignmentId,Amount,Reason\nW1,A1,1.005,Thanks\nW1,A2,1.00,\n').toString('base64');
    const check = await core.dispatch('bonuses.check', { fileName: 'ledger.csv', base64: file });
    expect(check).toMatchObject({ ok: true, value: { errors: expect.any(Number), ready: 0, connection: { id: 'local', production: false } } });
    const findings = check.ok ? (check.value as { findings: { row: number | null; field: string }[] }).findings : [];
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ row: 1, field: 'Amount' }), expect.objectContaining({ row: 2, field: 'Reason' })]));
    const sent = await core.dispatch('bonuses.send', { fileName: 'ledger.csv', base64: file });
    expect(sent).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('nothing was sent') } });
    expect(await core.dispatch('bonuses.ledgers', undefined)).toEqual({ ok: true, value: [] });
    expect(await core.dispatch('bonuses.status', { ledgerId: 'nope' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});
