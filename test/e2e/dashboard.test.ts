import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApproveAssignmentCommand, SendBonusCommand } from '@aws-sdk/client-mturk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createHit } from '../../local-mturk/test/helpers';
import { callApi, openAppWithLabAccount, type LabAccount } from './support/lab-account';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
// Registered before any page script runs, as a string (tsx-compiled functions do not survive serialisation).
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));
`;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let account: LabAccount;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ serve, browser, page, account } = await openAppWithLabAccount({
    name: 'dashboard',
    hash: '#/dashboard',
    viewport: { width: 1360, height: 1000 },
    problems,
    beforeSignIn: async (p) => {
      p.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await p.addInitScript(RECORD_VIOLATIONS);
    },
  }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await account?.close();
  await serve?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
const tile = (id: string) => page.getByTestId(id).locator('.dash-tile__value');

describe('the Dashboard', () => {
  it('says what will appear while nothing was spent', { timeout: 40_000 }, async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Nothing spent on this connection yet' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await tile('tile-submitted').textContent()).toBe('$0.00');
    await shot('dashboard-empty-light.png');
  });

  it('shows what approved work, a bonus and open HITs cost, to the cent, with the chart in both themes', { timeout: 90_000 }, async () => {
    // $0.50 × 3 (20 % fee: $0.10): two approved, one waiting; a $1.00 bonus ($0.20 fee); an open $0.25 × 2 HIT.
    const lab = clientFor(account.lab);
    const done = await createHit(lab, { MaxAssignments: 3, Reward: '0.50', AutoApprovalDelayInSeconds: 3 * 3600 });
    const work = [0, 1, 2].map(() => {
      const workerId = account.lab.control.createWorker({ country: 'US' }).workerId;
      const accepted = account.lab.control.accept(workerId, done.HITId!);
      account.lab.control.submit(accepted.AssignmentId, { label: 'done' });
      return { workerId, assignmentId: accepted.AssignmentId };
    });
    for (const w of work.slice(0, 2)) await lab.send(new ApproveAssignmentCommand({ AssignmentId: w.assignmentId }));
    await lab.send(new SendBonusCommand({ WorkerId: work[0]!.workerId, AssignmentId: work[0]!.assignmentId, BonusAmount: '1.00', Reason: 'Thanks', UniqueRequestToken: 'e2e-dash' }));
    await createHit(lab, { MaxAssignments: 2, Reward: '0.25' });

    await expect
      .poll(
        async () => {
          // A sync already running (the automatic one) refuses a second: the next round asks again.
          await callApi(page, serve, 'sync.start', { mode: 'full' }).catch(() => undefined);
          // Read what is on screen now: waiting here for the total would outlast the poll.
          return page.getByTestId('spend-total').textContent({ timeout: 1_000 }).catch(() => null);
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toBe('$2.40');
    await expect.poll(() => tile('tile-open').textContent(), { timeout: 20_000 }).toBe('$0.60');
    expect(await tile('tile-submitted').textContent()).toBe('$0.60');
    expect(await tile('tile-spent').textContent()).toBe('$2.40');
    expect(await page.getByTestId('tile-submitted').locator('.dash-tile__note').textContent()).toBe('1 assignment waiting for review, with fees');
    expect(await tile('tile-balance').textContent()).toMatch(/^\$[\d,]+\.\d\d$/);
    const firstBand = page.getByTestId('radar').locator('tbody tr').first();
    expect(await firstBand.locator('td').allTextContents()).toEqual(expect.arrayContaining(['1', '$0.60']));
    expect(await page.getByTestId('spend-per-batch').locator('tbody tr').allTextContents()).toEqual(['Outside batches$1.00$1.00$0.40$2.40']);
    expect(await page.getByTestId('recent-actions').textContent()).toContain('Nothing sent to MTurk from Turkbench yet.');

    // The chart: a canvas with today's bar last; hovering it shows the day's figures.
    const plot = page.getByTestId('spend-chart').locator('.u-over');
    await expect.poll(() => plot.count(), { timeout: 10_000 }).toBe(1);
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width - 8, box.y + box.height - 5);
    const tip = page.getByTestId('spend-tooltip');
    await expect.poll(() => tip.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await tip.textContent()).toBe(`${new Date().toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })}Rewards $1.00Bonuses $1.00Fees $0.40Total $2.40`);
    expect(await page.getByTestId('spend-chart').getAttribute('data-theme-drawn')).toBe('light');
    await shot('dashboard-light.png');

    // The same spend per week, and per batch (this account's work is outside any batch).
    await page.getByRole('group', { name: 'Group spend by' }).getByRole('button', { name: 'Weeks' }).click();
    await expect.poll(() => page.getByTestId('spend-chart').getAttribute('data-by')).toBe('week');
    await page.mouse.move(box.x + box.width - 10, box.y + box.height - 5);
    await expect.poll(() => tip.textContent(), { timeout: 10_000 }).toMatch(/^Week of .*Total \$2\.40$/);
    await page.getByRole('group', { name: 'Group spend by' }).getByRole('button', { name: 'Batches' }).click();
    await expect.poll(() => page.getByTestId('spend-chart').getAttribute('data-by')).toBe('batch');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 5);
    await expect.poll(() => tip.textContent(), { timeout: 10_000 }).toBe('Outside batchesRewards $1.00Bonuses $1.00Fees $0.40Total $2.40');
    await shot('dashboard-per-batch-light.png');
    await page.setViewportSize({ width: 1360, height: 1300 });
    await shot('dashboard-tall-light.png');
    await page.setViewportSize({ width: 1360, height: 1000 });
    await page.getByRole('group', { name: 'Group spend by' }).getByRole('button', { name: 'Days' }).click();
    await expect.poll(() => page.getByTestId('spend-chart').getAttribute('data-by')).toBe('day');

    await callApi(page, serve, 'prefs.set', { theme: 'dark' });
    await expect.poll(() => page.getByTestId('spend-chart').getAttribute('data-theme-drawn'), { timeout: 10_000 }).toBe('dark');
    await page.mouse.move(box.x + box.width - 8, box.y + box.height - 5);
    await page.mouse.move(box.x + box.width - 6, box.y + box.height - 5);
    await expect.poll(() => tip.isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('dashboard-dark.png');
    await callApi(page, serve, 'prefs.set', { theme: 'light' });

    expect(await page.evaluate('window.__cspViolations')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
