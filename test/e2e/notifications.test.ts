/**
 * Settings → HIT type notifications on the built-in Local MTurk: a HIT type from the archive is set up through the
 * form (a wrong destination is named before anything is sent), switched on, sent a test event, and the built-in Local
 * MTurk's feed shows the message it would have delivered.
 */
import { MTurkClient } from '@aws-sdk/client-mturk';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHit } from '../../local-mturk/test/helpers';
import type { LocalMTurkAccess } from '../../shared/contract/local-mturk';
import { callApi } from './support/lab-account';
import { openFreshApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/turk-events';
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ serve, browser, page } = await openFreshApp({ name: 'notifications', hash: '#/settings', viewport: { width: 1280, height: 900 }, problems }));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('Settings → HIT type notifications', () => {
  it('sets up a HIT type’s queue, refuses a wrong destination first, sends a test, and shows what Local MTurk would deliver', async () => {
    const access = await callApi<LocalMTurkAccess>(page, serve, 'localMTurk.access');
    const { secretAccessKey } = await callApi<{ secretAccessKey: string }>(page, serve, 'localMTurk.revealSecret');
    const hit = await createHit(new MTurkClient({ region: access.region, endpoint: access.endpoint, credentials: { accessKeyId: access.accessKeyId, secretAccessKey } }), { Title: 'Label street signs' });
    await callApi(page, serve, 'sync.start', { mode: 'full' });

    const panel = page.getByTestId('notifications-panel');
    const row = panel.locator(`tr[data-hit-type="${hit.HITTypeId}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('Not set from here');
    await row.getByRole('button', { name: 'Set up…' }).click();

    const form = page.getByTestId('notification-form');
    await form.getByLabel('Queue URL').fill('arn:aws:sns:us-east-1:123456789012:not-a-queue');
    await expect.poll(() => form.getByRole('alert').first().textContent()).toContain('is not an SQS queue URL');
    expect(await form.getByRole('button', { name: 'Save on MTurk' }).isDisabled()).toBe(true);
    await form.getByLabel('Queue URL').fill(QUEUE);
    await form.getByLabel('HITReviewable').check();
    await page.screenshot({ path: join(SHOTS, 'notifications-form.png') });
    await form.getByRole('button', { name: 'Save on MTurk' }).click();

    await expect.poll(() => panel.getByTestId('notifications-notice').textContent(), { timeout: 15_000 }).toContain(`go to ${QUEUE}`);
    await expect.poll(() => row.textContent()).toContain('AssignmentSubmitted, HITReviewable');
    expect(await row.textContent()).toContain('On');

    await row.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(() => panel.getByTestId('notifications-notice').textContent(), { timeout: 15_000 }).toContain('Ping test event');
    const feed = page.getByTestId('local-event-feed');
    await feed.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => feed.locator('li').first().textContent()).toMatch(/Ping\s*test → SQS/);
    expect(await feed.locator('li').first().textContent()).toContain(QUEUE);

    await row.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Off');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SHOTS, 'notifications-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: join(SHOTS, 'notifications-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });
});
