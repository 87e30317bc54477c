/**
 * On a Production connection, the dialogs that touch real workers ask for the connection's name before their button
 * works, with the same notice as the dialogs that spend money. Production is not reachable here, so the connection
 * works from its archive (seeded below) and nothing is sent: the test stops at the confirmation.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/archive/connection';
import { upsertAssignments } from '../../electron/archive/repos/assignments';
import { ensureConnection } from '../../electron/archive/repos/connections';
import { upsertHits } from '../../electron/archive/repos/hits';
import { PRODUCTION_ENDPOINT } from '../../shared/domain/connections';
import { makeAssignment, makeHit, T0, workerId } from '../integration/archive/fixtures';
import { launchChromium } from './support/browser';
import { startServe, type ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const LABEL = 'Lab production';
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-e2e-production-'));
  writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'prod', connections: [{ id: 'prod', label: LABEL, kind: 'production', region: 'us-east-1', credentials: { type: 'env' } }] }));
  const archive = openArchive(join(dataDir, 'archive.sqlite'));
  const { id } = ensureConnection(archive.write, { kind: 'production', endpoint: PRODUCTION_ENDPOINT, label: LABEL, accountFingerprint: 'AKIA…7Q' }, T0);
  upsertHits(archive.write, id, [makeHit(1)], T0);
  upsertAssignments(archive.write, id, [makeAssignment(1, 1)], T0);
  archive.close();
  serve = await startServe(dataDir, { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 860 }, colorScheme: 'light' });
  page.on('pageerror', (e) => problems.push(e.message));
  await serve.signIn(page, '#/workers');
  await page.locator(`[aria-label="Workers"] .ag-row[row-id="${workerId(1)}"] [col-id="workerId"]`).click();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const notice = (dialog: ReturnType<Page['getByTestId']>) => dialog.getByTestId('production-notice');

describe('Production confirmations for work that reaches real workers', () => {
  it('blocks only once the connection name is typed exactly', async () => {
    await page.getByRole('button', { name: 'Block…', exact: true }).click();
    const dialog = page.getByTestId('block-dialog');
    const button = dialog.getByRole('button', { name: 'Soft-block 1 worker' });
    expect(await notice(dialog).textContent()).toBe(`Production: this hides your HITs from real workers on “${LABEL}”.Type the connection's name to confirm`);
    expect(await button.isDisabled()).toBe(true);
    await dialog.getByRole('radio', { name: /Hard block/ }).check();
    expect(await notice(dialog).textContent()).toContain("this counts against real workers' standing");
    await dialog.getByRole('radio', { name: /Soft block/ }).check();
    await notice(dialog).getByLabel('Connection name to confirm').fill(LABEL.toLowerCase());
    expect(await button.isDisabled()).toBe(true);
    await notice(dialog).getByLabel('Connection name to confirm').fill(LABEL);
    await expect.poll(() => button.isEnabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'production-block-confirm.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('sends a message only once its plan has come and the connection name is typed', async () => {
    await page.getByRole('button', { name: 'Message…', exact: true }).click();
    const dialog = page.getByTestId('message-dialog');
    await dialog.getByLabel('Subject').fill('New batch tomorrow');
    await dialog.getByLabel('Message', { exact: true }).fill('Hello {worker_id}, a new batch opens tomorrow.');
    await expect.poll(() => notice(dialog).count()).toBe(1);
    expect(await notice(dialog).textContent()).toContain(`Production: this e-mails real workers on “${LABEL}”.`);
    const button = dialog.getByRole('button', { name: 'Send to 1 worker' });
    expect(await button.isDisabled()).toBe(true);
    await notice(dialog).getByLabel('Connection name to confirm').fill(LABEL);
    await expect.poll(() => button.isEnabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'production-message-confirm.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(problems).toEqual([]);
  });
});
