/**
 * The answer as the worker saw it: a crowd-classifier + crowd-bounding-box HIT worked by Local MTurk's simulated
 * crowd, reviewed in the app — the selected assignment replays inside its own template with the chosen label checked
 * and the boxes drawn, read-only. A hostile submission's text stays text: no marker fires, in the app or the frame.
 */
import { GetAssignmentCommand, ListAssignmentsForHITCommand, RejectAssignmentCommand } from '@aws-sdk/client-mturk';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor, createHit } from '../../local-mturk/test/helpers';
import { watchForExecution, type Watch } from './support/hostile';
import { openLabApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const HQ = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd';
const SIGN = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#dfe9f3"/><rect x="60" y="40" width="120" height="120" fill="#c0392b"/><rect x="240" y="150" width="20" height="140" fill="#7f8c8d"/></svg>`;
const IMAGE = `data:image/svg+xml;base64,${Buffer.from(SIGN).toString('base64')}`;
const TEMPLATE = `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="https://assets.crowd.aws/crowd-html-elements.js"></script></head><body>
<crowd-form>
  <crowd-classifier name="category" categories="['Stop', 'Yield', 'Speed limit']" header="Which road sign is it?">
    <classification-target><img src="${IMAGE}" alt="A road sign" width="200"></classification-target>
  </crowd-classifier>
  <crowd-bounding-box name="signs" src="${IMAGE}" labels="['sign', 'pole']" header="Draw a box around each sign and pole"></crowd-bounding-box>
  <crowd-text-area name="comment" label="Anything unclear?"></crowd-text-area>
</crowd-form></body></html>`;
const QUESTION = `<HTMLQuestion xmlns="${HQ}"><HTMLContent><![CDATA[${TEMPLATE}]]></HTMLContent><FrameHeight>760</FrameHeight></HTMLQuestion>`;
const TRUTH_BOXES = { boundingBoxes: [{ height: 120, label: 'sign', left: 60, top: 40, width: 120 }, { height: 140, label: 'pole', left: 240, top: 150, width: 20 }], inputImageProperties: { height: 300, width: 400 } };
const HOSTILE_COMMENT = `</textarea><script>window.__pwned('textarea-script')</script><img src=x onerror="window.__pwned('img')">`;
const HOSTILE_LABEL = `<img src=x onerror="window.__pwned('label')">`;

let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let watch: Watch;
/** What the crowd submitted, per assignment, as MTurk returns it. */
const crowd = new Map<string, { category: { label: string }; signs: typeof TRUTH_BOXES }>();
let hostileId = '';
let rejectedId = '';
/** A second mistaken rejection, undone from the worker's dossier. */
let dossierRejection = { workerId: '', assignmentId: '' };
let client: ReturnType<typeof clientFor>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  client = clientFor(lab);
  const hit = await createHit(client, { Question: QUESTION, MaxAssignments: 2, Title: 'Label the road sign and box it' });
  lab.control.setTruth(hit.HITId!, { category: 'Yield', signs: TRUTH_BOXES });
  await lab.control.simulate({ workers: 6, seed: 3, until: 'done' });
  const listed = await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId! }));
  for (const assignment of listed.Assignments ?? []) {
    const taskAnswers = /<FreeText>([\s\S]*?)<\/FreeText>/.exec(assignment.Answer ?? '')![1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    crowd.set(assignment.AssignmentId!, (JSON.parse(taskAnswers) as [never])[0]);
  }

  // Someone submits markup as their label and comment (straight to the worker control, as a script would).
  const hostileHit = await createHit(client, { Question: QUESTION, MaxAssignments: 1, Title: 'Label the road sign and box it' });
  const { workerId } = lab.control.createWorker({ country: 'US' });
  hostileId = lab.control.accept(workerId, hostileHit.HITId!).AssignmentId;
  lab.control.submit(hostileId, { taskAnswers: JSON.stringify([{ category: { label: HOSTILE_LABEL }, comment: HOSTILE_COMMENT, signs: TRUTH_BOXES }]) });

  // A rejection made by mistake, to be undone from the queue.
  const rejectedHit = await createHit(client, { Question: QUESTION, MaxAssignments: 1, Title: 'Label the road sign and box it' });
  const rejecter = lab.control.createWorker({ country: 'US' }).workerId;
  rejectedId = lab.control.accept(rejecter, rejectedHit.HITId!).AssignmentId;
  lab.control.submit(rejectedId, { taskAnswers: JSON.stringify([{ category: { label: 'Stop' }, comment: '', signs: TRUTH_BOXES }]) });
  await client.send(new RejectAssignmentCommand({ AssignmentId: rejectedId, RequesterFeedback: 'Wrong sign' }));
  const dossierHit = await createHit(client, { Question: QUESTION, MaxAssignments: 1, Title: 'Label the road sign and box it' });
  const dossierWorker = lab.control.createWorker({ country: 'US' }).workerId;
  dossierRejection = { workerId: dossierWorker, assignmentId: lab.control.accept(dossierWorker, dossierHit.HITId!).AssignmentId };
  lab.control.submit(dossierRejection.assignmentId, { taskAnswers: JSON.stringify([{ category: { label: 'Yield' }, comment: '', signs: TRUTH_BOXES }]) });
  await client.send(new RejectAssignmentCommand({ AssignmentId: dossierRejection.assignmentId, RequesterFeedback: 'Too fast' }));

  ({ serve, browser, page } = await openLabApp(lab, {
    name: 'replay',
    hash: '#/review',
    viewport: { width: 1440, height: 1000 },
    beforeSignIn: async (p) => {
      watch = await watchForExecution(p);
    },
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

const grid = () => page.getByTestId('review-grid');
const frame = (): FrameLocator => page.frameLocator('[data-testid="replay-frame"]');

async function select(assignmentId: string): Promise<void> {
  await grid().locator(`.ag-row[row-id="${assignmentId}"] [col-id="workerId"]`).click();
  await expect.poll(() => page.getByTestId('replay-frame').getAttribute('title'), { timeout: 15_000 }).toBe(`Replay of ${assignmentId}`);
  await frame().locator('html[data-replayed]').waitFor({ state: 'attached', timeout: 15_000 });
}

const checkedLabels = () => frame().locator('crowd-classifier button.choice[aria-checked="true"]').allTextContents();
const boxes = () => frame().locator('crowd-bounding-box svg.overlay rect');

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}-light.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(SHOTS, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('the answer as the worker saw it', () => {
  it('replays each crowd answer in its template: the chosen label checked, the boxes drawn, nothing editable', async () => {
    expect(crowd.size).toBe(2);
    await expect.poll(() => grid().locator('.ag-row').count(), { timeout: 30_000 }).toBe(3);
    for (const [assignmentId, answer] of crowd) {
      await select(assignmentId);
      await expect.poll(checkedLabels).toEqual([expect.stringContaining(answer.category.label)]);
      await expect.poll(() => boxes().count()).toBe(answer.signs.boundingBoxes.length);
      const first = answer.signs.boundingBoxes[0]!;
      expect(await boxes().first().evaluate((rect) => ['x', 'y', 'width', 'height'].map((a) => Number(rect.getAttribute(a))))).toEqual([first.left, first.top, first.width, first.height]);
      expect(await frame().locator('crowd-form .submit').isDisabled()).toBe(true);
      expect(await frame().locator('crowd-form .message').textContent()).toContain(`Replay of ${assignmentId}`);
    }
    // The parsed answers and the HIT stay beside the replay.
    expect(await page.getByTestId('answer-panel').isVisible()).toBe(true);
    expect(await page.getByTestId('hit-panel').isVisible()).toBe(true);
    await shoot('review-replay');

    // The keyboard still belongs to the queue: J moves on, and the replay follows.
    await grid().locator('.ag-row[row-index="0"] [col-id="workerId"]').click();
    const second = await grid().locator('.ag-row[row-index="1"]').getAttribute('row-id');
    await page.keyboard.press('j');
    await expect.poll(() => page.getByTestId('replay-frame').getAttribute('title')).toBe(`Replay of ${second}`);
    expect(await watch.findings()).toEqual([]);
  });

  it('shows a hostile label and comment as text only: no marker fires in the app or in the frame', async () => {
    await select(hostileId);
    expect(await checkedLabels()).toEqual([]);
    expect(await frame().locator('crowd-classifier [data-replay="outside"]').textContent()).toBe(`Answered outside the categories: ${HOSTILE_LABEL}`);
    expect(await frame().locator('crowd-text-area textarea').inputValue()).toBe(HOSTILE_COMMENT);
    expect(await frame().locator('img[src="x"]').count()).toBe(0);
    expect(await frame().locator('script:not([src]):not([type="application/json"])').count()).toBe(0);
    await expect.poll(() => boxes().count()).toBe(2);
    // The parsed answers panel shows the same text as text.
    await expect.poll(() => page.getByTestId('answer-panel').textContent()).toContain('textarea-script');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await shoot('review-replay-hostile');
    expect(await watch.findings()).toEqual([]);
  });

  it('undoes a rejection from the queue: confirmed, sent as an override, and the work is approved', async () => {
    await page.getByLabel('Status').selectOption('Rejected');
    await expect.poll(() => grid().locator('.ag-row').count(), { timeout: 15_000 }).toBe(2);
    await select(rejectedId);
    await page.getByTestId('undo-rejection').click();
    const dialog = page.getByTestId('undo-rejection-dialog');
    await expect.poll(() => dialog.textContent(), { timeout: 15_000 }).toContain('Override rejection1');
    expect(await dialog.textContent()).toContain(`Undo the rejection of ${rejectedId} (approve it)`);
    // Undoing a rejection is new spending: the dialog says from where, and the balance after.
    expect(await dialog.getByTestId('plan-override-cost').textContent()).toMatch(/^\$\d+\.\d\d \(\$\d+\.\d\d rewards \+ \$\d+\.\d\d MTurk fees\), from the available balance/);
    expect(await dialog.getByTestId('plan-balance').textContent()).toMatch(/^\$[\d,]+\.\d\d → \$[\d,]+\.\d\d after$/);
    expect(await dialog.textContent()).not.toContain('already held');
    await shoot('review-undo-rejection');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.getByTestId('review-started').isVisible()).toBe(true);
    await expect.poll(async () => (await client.send(new GetAssignmentCommand({ AssignmentId: rejectedId }))).Assignment?.AssignmentStatus, { timeout: 30_000 }).toBe('Approved');
    // The archive follows: the undone rejection leaves the queue of rejected work.
    await expect.poll(() => grid().locator('.ag-row').count(), { timeout: 30_000 }).toBe(1);
    expect(await watch.findings()).toEqual([]);
  });

  it("undoes a rejection from the worker's dossier too", async () => {
    await page.goto(page.url().replace(/#.*$/, '#/workers'));
    const workers = page.locator('[aria-label="Workers"]');
    await workers.locator(`.ag-row[row-id="${dossierRejection.workerId}"] [col-id="workerId"]`).click({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('dossier-title').textContent()).toBe(dossierRejection.workerId);
    await page.getByTestId('dossier-undo-rejection').click();
    const dialog = page.getByTestId('undo-rejection-dialog');
    // The title shows at once; the plan (what would be sent) comes after it.
    await expect.poll(() => dialog.textContent(), { timeout: 15_000 }).toContain('Override rejection1');
    expect(await dialog.textContent()).toContain(`Undo the rejection of ${dossierRejection.assignmentId} (approve it)`);
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.getByTestId('workers-started').isVisible()).toBe(true);
    await expect.poll(async () => (await client.send(new GetAssignmentCommand({ AssignmentId: dossierRejection.assignmentId }))).Assignment?.AssignmentStatus, { timeout: 30_000 }).toBe('Approved');
    await expect.poll(() => page.getByTestId('dossier-undo-rejection').count(), { timeout: 30_000 }).toBe(0);
    await shoot('workers-dossier-undone');
    expect(await watch.findings()).toEqual([]);
  });
});
