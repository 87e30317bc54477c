import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ListBonusPaymentsCommand } from '@aws-sdk/client-mturk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerCheck } from '../../shared/contract/bonuses';
import { clientFor } from '../../local-mturk/test/helpers';
import { callApi, openAppWithLabAccount, type LabAccount } from './support/lab-account';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let account: LabAccount;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Two HITs of two assignments by three workers; the seed approves the first, rejects the second and pays the first a $0.25 bonus.
  ({ serve, browser, page, account } = await openAppWithLabAccount({ name: 'bonuses', hash: '#/bonuses', viewport: { width: 1360, height: 1000 }, problems, seed: { hits: 2, assignmentsPerHit: 2, workers: 3 } }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await account?.close();
  await serve?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
const cell = (row: number, column: string) => page.locator(`[aria-label="Ledger rows"] .ag-row[row-id="${row}"] [col-id="${column}"]`);
const verdict = () => page.getByTestId('draft-verdict').textContent();

/** The grid paints a row's problems on a later frame than the verdict, so they are polled. */
async function expectProblems(row: number, text: string): Promise<void> {
  await expect.poll(() => cell(row, 'problems').textContent().catch(() => ''), { timeout: 10_000 }).toContain(text);
}

async function editCell(row: number, column: string, value: string): Promise<void> {
  await cell(row, column).dblclick();
  const input = cell(row, column).locator('input');
  await input.fill(value);
  await input.press('Enter');
}

describe('the Bonuses area', () => {
  it('imports a ledger with errors named by row and field, fixes and drops rows, dry-runs, sends once and reconciles', { timeout: 120_000 }, async () => {
    const { workerIds: w, assignmentIds: a } = account.seeded!;
    // The archive must know the work before a ledger can be checked against it.
    const probe = [{ rowNumber: 1, WorkerId: w[0]!, AssignmentId: a[1]!, Amount: '0.10', Reason: 'probe' }];
    await expect
      .poll(
        async () => {
          await callApi(page, serve, 'sync.start', { mode: 'full' });
          const check = await callApi<LedgerCheck>(page, serve, 'bonuses.checkRows', { name: 'probe', rows: probe });
          return check.findings.map((f) => f.message).join(' ');
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toContain('the assignment was rejected');

    const file = [
      'WorkerId,AssignmentId,Amount,Reason',
      `${w[0]},${a[0]},0.50,Great labels`,
      `${w[1]},${a[2]},1.005,Thanks`,
      `${w[2]},${a[3]},0.75,`,
      `${w[1]},${a[1]},0.10,Thanks`,
    ].join('\r\n');
    await page.getByTestId('ledger-file').setInputFiles({ name: 'pilot-bonuses.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await expect.poll(verdict, { timeout: 20_000 }).toBe('4 rows · 1 ready · 0 already paid · 3 errors');
    await expectProblems(2, 'Row 2, Amount: "1.005" has more than two decimals');
    expect(await cell(2, 'Amount').getAttribute('class')).toContain('ledger-cell--error');
    expect(await cell(2, 'WorkerId').getAttribute('class')).not.toContain('ledger-cell--error');
    await expectProblems(3, 'Row 3, Reason: empty');
    await expectProblems(4, 'Row 4, AssignmentId: the assignment was rejected');
    // The seed's earlier $0.25 on the first assignment is a warning, not an error.
    await expectProblems(1, 'Warning: Row 1, AssignmentId:');
    expect(await page.getByRole('button', { name: 'Dry run…' }).isDisabled()).toBe(true);
    await shot('bonuses-errors-light.png');

    await editCell(2, 'Amount', '1.00');
    await expect.poll(verdict, { timeout: 20_000 }).toBe('4 rows · 2 ready · 0 already paid · 2 errors');
    await editCell(3, 'Reason', 'Quick and careful');
    await expect.poll(verdict, { timeout: 20_000 }).toBe('4 rows · 3 ready · 0 already paid · 1 error');
    expect(await page.getByRole('button', { name: 'Dry run…' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Drop row 4' }).click();
    await expect.poll(verdict, { timeout: 20_000 }).toBe('3 rows · 3 ready · 0 already paid · 0 errors');
    await page.getByLabel('Ledger name').fill('Pilot bonuses');

    await page.getByRole('button', { name: 'Dry run…' }).click();
    const dialog = page.getByTestId('bonus-dry-run');
    // $0.50 + $1.00 + $0.75, with 20 % fees of $0.10 + $0.20 + $0.15.
    const money = await dialog.getByTestId('dry-run-money').textContent();
    expect(money).toContain('$2.25 in 3 bonuses');
    expect(money).toContain('+ $0.45 MTurk fee');
    expect(money).toContain('= $2.70');
    expect(money).toMatch(/Balance \$[\d,]+\.\d\d now → \$[\d,]+\.\d\d after/);
    expect(await dialog.getByTestId('dry-run-connection').textContent()).toBe('Lab');
    expect(await dialog.getByRole('table', { name: 'Per worker' }).locator('tbody tr').allTextContents()).toEqual(
      expect.arrayContaining([`${w[1]}1$1.00$0.20$1.20`, `${w[2]}1$0.75$0.15$0.90`, `${w[0]}1$0.50$0.10$0.60`]),
    );
    await shot('bonuses-dry-run-light.png');
    await dialog.getByRole('button', { name: 'Send 3 bonuses · $2.70' }).click();

    const detail = page.getByTestId('ledger-detail');
    await expect.poll(() => detail.getByTestId('ledger-counts').textContent().catch(() => ''), { timeout: 30_000 }).toMatch(/^3 paid \(\$2\.25\) · 0 failed · 0 not sent · 0 already paid/);
    const client = clientFor(account.lab);
    const paid = async (assignmentId: string) => ((await client.send(new ListBonusPaymentsCommand({ AssignmentId: assignmentId }))).BonusPayments ?? []).map((p) => `${p.BonusAmount} ${p.Reason}`).sort();
    expect(await paid(a[0]!)).toEqual(['0.25 Great work', '0.50 Great labels']);
    expect(await paid(a[2]!)).toEqual(['1.00 Thanks']);
    expect(await paid(a[3]!)).toEqual(['0.75 Quick and careful']);

    await detail.getByRole('button', { name: 'Reconcile with MTurk' }).click();
    const report = page.getByTestId('reconciliation');
    await expect.poll(() => report.textContent().catch(() => ''), { timeout: 20_000 }).toContain('3 paid · 0 already paid earlier · 0 failed · 0 missing · 1 payment no ledger explains');
    expect(await report.getByRole('list', { name: 'Payments no ledger explains' }).textContent()).toContain(`${w[0]} on ${a[0]}: $0.25 — Great work`);
    await shot('bonuses-ledger-light.png');

    // The same file imported again: every row it can pay is already paid by the ledger, so nothing can be sent.
    await page.getByTestId('ledger-file').setInputFiles({ name: 'pilot-bonuses.csv', mimeType: 'text/csv', buffer: Buffer.from(file.replace('1.005', '1.00').replace(',0.75,', ',0.75,Quick and careful')) });
    await expect.poll(verdict, { timeout: 20_000 }).toBe('4 rows · 0 ready · 3 already paid · 1 error');
    await expectProblems(2, 'Skipped: already paid by ledger "Pilot bonuses"');
    await page.getByRole('button', { name: 'Drop row 4' }).click();
    await expect.poll(verdict, { timeout: 20_000 }).toBe('3 rows · 0 ready · 3 already paid · 0 errors');
    expect(await page.getByRole('button', { name: 'Dry run…' }).getAttribute('title')).toBe('Every row is already paid: nothing to send.');

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await shot('bonuses-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });

  it('names a file whose own shape is wrong and makes no draft of it', { timeout: 30_000 }, async () => {
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.getByTestId('ledger-file').setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('Worker,Assignment,Amount,Reason\r\nA,B,1.00,x\r\n') });
    const refused = page.getByTestId('ledger-file-refused');
    await expect.poll(() => refused.textContent().catch(() => ''), { timeout: 20_000 }).toContain('The column "WorkerId" is missing');
    expect(await page.getByLabel('Ledger rows').count()).toBe(0);
  });

  it('compensates two named workers: cost first, a HIT only they can take, approved after the next sync', { timeout: 90_000 }, async () => {
    const named = [0, 1].map(() => account.lab.control.createWorker({ country: 'US' }).workerId);
    const stranger = account.lab.control.createWorker({ country: 'US' }).workerId;
    await page.getByRole('button', { name: 'Compensate workers…' }).click();
    const dialog = page.getByTestId('compensate-dialog');
    await dialog.getByLabel('Worker ids').fill(`${named[0]}\nnot-an-id`);
    expect(await dialog.locator('.field__error').first().textContent()).toContain('Not a worker id: "NOT-AN-ID"');
    await dialog.getByLabel('Worker ids').fill(`${named[0]}, ${named[1]!.toLowerCase()}`);
    await dialog.getByLabel('Amount per worker').fill('1.50');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('The survey link was broken');
    await dialog.getByRole('textbox', { name: 'Message' }).fill('Sorry about the broken link: a HIT paying you is waiting.');
    await dialog.getByRole('button', { name: 'Review cost…' }).click();
    await expect.poll(() => dialog.getByTestId('compensate-plan').textContent().catch(() => ''), { timeout: 20_000 }).toContain('2 × $1.50 = $3.00 + $0.60 MTurk fee = $3.60');
    await shot('bonuses-compensate-light.png');
    await dialog.getByRole('button', { name: 'Create the HIT' }).click();
    await expect.poll(() => page.getByTestId('bonuses-started').textContent().catch(() => ''), { timeout: 20_000 }).toMatch(/^Started: Compensation c[0-9a-f]{12} · 2 workers · \$1\.50 each/);
    const row = page.getByTestId('compensations').locator('tbody tr').first();
    await expect.poll(() => row.locator('td').nth(2).textContent().catch(() => ''), { timeout: 30_000 }).toMatch(/^[A-Z0-9]{20,}$/);
    const hitId = (await row.locator('td').nth(2).textContent())!;

    expect(account.lab.control.listVisibleHits(stranger).map((h) => h.HITId)).not.toContain(hitId);
    expect(() => account.lab.control.accept(stranger, hitId)).toThrow(/qualif/i);
    for (const worker of named) {
      const accepted = account.lab.control.accept(worker, hitId);
      account.lab.control.submit(accepted.AssignmentId, { confirm: 'yes' });
    }
    await expect
      .poll(
        async () => {
          await callApi(page, serve, 'sync.start', { mode: 'incremental' });
          return row.locator('td').nth(3).textContent().catch(() => '');
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toBe('2 of 2');
    await shot('bonuses-compensations-light.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Compensate workers…' }).click();
    await page.screenshot({ path: join(SHOTS, 'bonuses-compensate-dark.png') });
    await page.getByTestId('compensate-dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });

  it('turns work selected in the review queue into a ledger draft, filled for every row at once', { timeout: 60_000 }, async () => {
    const { assignmentIds: a } = account.seeded!;
    await page.goto(`${serve.url}#/review`);
    const target = page.getByTestId('review-grid').locator(`.ag-row[row-id="${a[3]}"] [col-id="workerId"]`);
    await expect.poll(() => target.count(), { timeout: 20_000 }).toBe(1);
    await target.click();
    await page.getByRole('button', { name: 'Bonus selected…' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/bonuses');
    // A new draft: the amount and reason are still to be written, and say so.
    await expect.poll(verdict, { timeout: 20_000 }).toBe('1 row · 0 ready · 0 already paid · 2 errors');
    expect(await cell(1, 'AssignmentId').textContent()).toBe(a[3]);
    const fill = page.getByRole('form', { name: 'Fill every row' });
    await fill.getByLabel('Amount for every row').fill('25.00');
    await fill.getByLabel('Reason for every row').fill('Helpful answer');
    await fill.getByRole('button', { name: 'Fill' }).click();
    await expect.poll(verdict, { timeout: 20_000 }).toBe('1 row · 0 ready · 0 already paid · 1 error');
    await expectProblems(1, 'Row 1, Amount: $25.00 is over the $20.00 cap per payment');
    // Raising the cap checks the rows again under it.
    await page.getByLabel('Cap per payment').fill('30.00');
    await page.getByLabel('Cap per payment').press('Tab');
    await expect.poll(verdict, { timeout: 20_000 }).toBe('1 row · 1 ready · 0 already paid · 0 errors');
    await fill.getByLabel('Amount for every row').fill('0.20');
    await fill.getByRole('button', { name: 'Fill' }).click();
    await expect.poll(() => cell(1, 'Amount').textContent(), { timeout: 20_000 }).toBe('0.20');
    await expect.poll(verdict, { timeout: 20_000 }).toBe('1 row · 1 ready · 0 already paid · 0 errors');
    expect(await cell(1, 'Amount').textContent()).toBe('0.20');
    expect(await page.getByRole('button', { name: 'Dry run…' }).isDisabled()).toBe(false);
    await shot('bonuses-from-review-light.png');
    await page.getByRole('button', { name: 'Discard' }).click();
    expect(problems).toEqual([]);
  });
});
