import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import type { BonusRulePreview } from '../../shared/contract/bonus-rules';
import { callApi } from './support/lab-account';
import { openLabApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const ROWS = 24;
let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** A classifier batch whose every other row is gold. */
function goldBatch(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tb-e2e-rule-batch-')), 'animals');
  mkdirSync(dir);
  writeFileSync(join(dir, 'batch.json'), JSON.stringify({ Title: 'Which animal?', Description: 'Name the animal.', Reward: '0.02', MaxAssignments: 3, LifetimeInSeconds: 86_400 }));
  writeFileSync(join(dir, 'template.html'), `<!DOCTYPE html><html><body><crowd-form><crowd-classifier name="category" categories="['bird', 'cat', 'dog']" header="Which animal?"><classification-target>\${photo}</classification-target></crowd-classifier></crowd-form></body></html>`);
  const truth = Array.from({ length: ROWS }, (_, i) => ['bird', 'cat', 'dog'][i % 3]!);
  writeFileSync(join(dir, 'input.csv'), `photo,gold_category\n${truth.map((t, i) => `photo${i}.jpg,${i % 2 === 0 ? t : ''}`).join('\n')}\n`);
  return dir;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  ({ serve, browser, page } = await openLabApp(lab, { name: 'rule', hash: '#/bonuses', viewport: { width: 1360, height: 900 }, problems }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

describe('bonuses from a rule', () => {
  it('previews who gets what for a batch with gold and opens it as a ledger draft that checks clean', { timeout: 120_000 }, async () => {
    const { batchId } = await callApi<{ batchId: string }>(page, serve, 'batches.launch', { folder: goldBatch() });
    let simulated = false;
    const preview = async (): Promise<number> => {
      await callApi(page, serve, 'sync.start', { mode: 'full' });
      const hits = await callApi<{ hits: { hitId: string | null }[] }>(page, serve, 'batches.detail', { batchId });
      if (!simulated && hits.hits.length === ROWS && hits.hits.every((h) => h.hitId)) {
        await lab.control.simulate({ workers: 8, seed: 3, until: 'done' });
        simulated = true;
      }
      if (!simulated) return 0;
      try {
        return (await callApi<BonusRulePreview>(page, serve, 'bonuses.fromRule', { batchId, rule: { kind: 'per-gold', amount: '0.10' } })).rows.length;
      } catch {
        return 0;
      }
    };
    await expect.poll(preview, { timeout: 60_000, interval: 1_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'From a rule…' }).click();
    const dialog = page.getByTestId('rule-dialog');
    await dialog.getByRole('textbox', { name: 'Amount' }).fill('0.10');
    await dialog.getByRole('button', { name: 'Preview…' }).click();
    const table = dialog.getByTestId('rule-preview');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const shown = await table.locator('tbody tr').count();
    expect(await table.textContent()).toContain('per gold answered correctly');
    await page.screenshot({ path: join(SHOTS, 'bonus-rule-preview-light.png') });

    await dialog.getByRole('radio', { name: /agreement/ }).check();
    expect(await table.count()).toBe(0); // a changed rule needs a new preview
    await dialog.getByRole('radio', { name: /gold/ }).check();
    await dialog.getByRole('button', { name: 'Preview…' }).click();
    await dialog.getByRole('button', { name: 'Open as ledger draft' }).click();
    await expect.poll(() => page.getByTestId('draft-verdict').textContent(), { timeout: 20_000 }).toBe(`${shown} row${shown === 1 ? '' : 's'} · ${shown} ready · 0 already paid · 0 errors`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'bonus-rule-draft-dark.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
