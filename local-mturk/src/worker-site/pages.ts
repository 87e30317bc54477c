/**
 * The worker site's pages, rendered on the server. Every value from a HIT, a requester or a worker goes through
 * the escaping `html` template; no page carries inline script or style (the CSP forbids both).
 */
import { formatMoney } from '../../../shared/domain/money';
import type { WorkerMessage } from '../domain/inbox';
import type { WorkerAttributes } from '../rules/requirements';
import { html, type SafeHtml } from './html';
import type { HeldQualification, QueuedAssignment, RequestableQualification, WorkerStanding } from './standing';
import { TASK_SANDBOX } from './task-documents';

export type Section = 'hits' | 'queue' | 'dashboard' | 'qualifications' | 'inbox' | 'signin';

const dollars = (cents: number): string => `$${formatMoney(cents)}`;

export function duration(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${name}${seconds / size === 1 ? '' : 's'}`;
  }
  if (seconds >= 3_600) return `${Math.floor(seconds / 3_600)} h ${Math.round((seconds % 3_600) / 60)} min`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${seconds} seconds`;
}

/** A time the API accepted is in range, but a page must never fail on one that is not. */
export const when = (ms: number): string => {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? 'an unknown time' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/** Time left until `deadlineMs` on the virtual clock, e.g. "9 min 40 s"; "expired" once passed. */
export const timeLeft = (deadlineMs: number, nowMs: number): string =>
  deadlineMs <= nowMs ? 'expired' : duration(Math.ceil((deadlineMs - nowMs) / 1000));

export interface PageFrame {
  title: string;
  section: Section;
  worker?: WorkerAttributes;
  notice?: { text: string; error?: boolean };
}

export function page(frame: PageFrame, body: SafeHtml): string {
  const nav: [Section, string, string][] = [
    ['hits', 'HITs', '/worker/hits'],
    ['queue', 'Queue', '/worker/queue'],
    ['dashboard', 'Dashboard', '/worker/dashboard'],
    ['qualifications', 'Qualifications', '/worker/qualifications'],
    ['inbox', 'Inbox', '/worker/inbox'],
  ];
  const who = frame.worker
    ? html`<div class="who"><span>Worker <strong>${frame.worker.workerId}</strong> (${frame.worker.country})</span>
<form method="post" action="/worker/signout"><button type="submit">Sign out</button></form></div>`
    : '';
  const links = frame.worker ? nav.map(([id, label, href]) => html`<a href="${href}"${id === frame.section ? html` class="current"` : ''}>${label}</a>`) : [];
  const notice = frame.notice ? html`<p class="notice${frame.notice.error ? ' error' : ''}" role="status">${frame.notice.text}</p>` : '';
  return html`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${frame.title} — Local MTurk worker</title>
<link rel="stylesheet" href="/worker/static/site.css"><script src="/worker/static/site.js" defer></script></head>
<body><header class="bar"><a class="brand" href="/worker/">Local MTurk · Worker</a><nav>${links}</nav>${who}</header>
<main><h1>${frame.title}</h1>${notice}${body}</main></body></html>`.value;
}

// ---------------------------------------------------------------- sign in

export function signInBody(workers: readonly WorkerAttributes[]): SafeHtml {
  const list =
    workers.length === 0
      ? html`<p class="muted">No workers yet: create one below.</p>`
      : workers.map(
          (w) => html`<form method="post" action="/worker/signin"><input type="hidden" name="workerId" value="${w.workerId}">
<button type="submit">Sign in</button><strong>${w.workerId}</strong>
<span class="muted">${w.country}${w.subdivision ? `-${w.subdivision}` : ''} · approval ${w.approvalRatePercent}% · ${w.hitsApproved} HITs approved${w.masters ? ' · Masters' : ''}${w.adult ? ' · adult' : ''}</span></form>`,
        );
  return html`<p>Local workers: pick one to work as. This site is for this machine only — there are no passwords.</p>
<div class="workers">${list}</div>
<h2>Create a worker</h2>
<form method="post" action="/worker/workers"><fieldset>
<label>Worker ID (optional) <input name="workerId" placeholder="A1EXAMPLE" pattern="A[A-Z0-9]+"></label>
<label>Country <input name="country" value="US" required pattern="[A-Z]{2}" size="3"></label>
<label>Subdivision <input name="subdivision" placeholder="e.g. WA" size="4"></label>
<label>Approval rate % <input name="approvalRatePercent" type="number" min="0" max="100" value="100"></label>
<label>HITs approved <input name="hitsApproved" type="number" min="0" value="1000"></label>
<label><input type="checkbox" name="masters" value="true"> Masters</label>
<label><input type="checkbox" name="adult" value="true"> Adult content OK</label>
<p><button type="submit">Create and sign in</button></p></fieldset></form>`;
}

// ---------------------------------------------------------------- HIT list

export interface HitGroupRow {
  groupId: string;
  title: string;
  description: string;
  requester: string;
  rewardCents: number;
  durationS: number;
  available: number;
  createdMs: number;
  expiresMs: number;
  /** The HIT that Preview and Accept act on. */
  hitId: string;
  /** Why the worker cannot accept (undefined: they qualify). */
  refusal?: string;
  /** Requestable qualification types the worker lacks, for the "Request" links. */
  missing: { typeId: string; name: string }[];
}

export const SORTS = {
  reward: 'Reward',
  available: 'HITs available',
  title: 'Title',
  duration: 'Time allotted',
  created: 'Creation date',
  expires: 'Expiration date',
  requester: 'Requester',
} as const;
export type SortKey = keyof typeof SORTS;

export interface HitListQuery {
  q: string;
  sort: SortKey;
  order: 'asc' | 'desc';
  qualifiedOnly: boolean;
  minRewardCents: number;
}

function searchForm(query: HitListQuery): SafeHtml {
  const sorts = Object.entries(SORTS).map(([key, label]) => html`<option value="${key}"${key === query.sort ? html` selected` : ''}>${label}</option>`);
  return html`<form class="search" method="get" action="/worker/hits" role="search">
<input type="search" name="q" value="${query.q}" placeholder="Search title, description, keywords, requester" aria-label="Search HITs">
<label>Sort by <select name="sort">${sorts}</select></label>
<select name="order" aria-label="Order"><option value="desc"${query.order === 'desc' ? html` selected` : ''}>most / newest first</option>
<option value="asc"${query.order === 'asc' ? html` selected` : ''}>least / oldest first</option></select>
<label>Reward at least $<input type="number" name="minReward" min="0" step="0.01" value="${query.minRewardCents > 0 ? formatMoney(query.minRewardCents) : ''}" size="5"></label>
<label><input type="checkbox" name="qualified" value="1"${query.qualifiedOnly ? html` checked` : ''}> only HITs I qualify for</label>
<button type="submit">Search</button></form>`;
}

function qualifyCell(row: HitGroupRow): SafeHtml {
  if (row.refusal === undefined) return html`<span class="ok">You qualify</span>`;
  const requests = row.missing.map((m) => html` <a href="/worker/qualifications#${m.typeId}">Request “${m.name}”</a>`);
  return html`<span class="bad">Not qualified</span><div class="muted small">${row.refusal}</div>${requests}`;
}

export function hitListBody(query: HitListQuery, rows: readonly HitGroupRow[], totalGroups: number): SafeHtml {
  const body =
    rows.length === 0
      ? html`<tr><td colspan="8" class="muted">No HITs match.</td></tr>`
      : rows.map(
          (row) => html`<tr data-hit-group="${row.groupId}">
<td><a href="/worker/hits/${row.hitId}">${row.title}</a><div class="muted">${row.description}</div></td>
<td>${row.requester}</td><td class="num">${dollars(row.rewardCents)}</td><td class="num">${row.available}</td>
<td class="num">${duration(row.durationS)}</td><td class="num">${when(row.expiresMs)}</td><td>${qualifyCell(row)}</td>
<td><a class="button secondary" href="/worker/hits/${row.hitId}">Preview</a>${
            row.refusal === undefined
              ? html` <form class="inline" method="post" action="/worker/hits/${row.hitId}/accept"><button type="submit">Accept</button></form>`
              : ''
          }</td></tr>`,
        );
  return html`${searchForm(query)}<p class="muted">${rows.length} of ${totalGroups} HIT groups</p>
<table class="hits"><thead><tr><th>Title</th><th>Requester</th><th class="num">Reward</th><th class="num">HITs available</th>
<th class="num">Time allotted</th><th class="num">Expires</th><th>Qualifications</th><th></th></tr></thead><tbody>${body}</tbody></table>`;
}

// ---------------------------------------------------------------- preview and work

export interface TaskView {
  title: string;
  description: string;
  requester: string;
  rewardCents: number;
  available: number;
  durationS: number;
  expiresMs: number;
  frameUrl: string;
  frameHeight: number;
  refusal?: string;
}

function hitInfo(view: TaskView, extra: SafeHtml | string = ''): SafeHtml {
  return html`<div class="hitinfo"><div><span>Requester</span>${view.requester}</div><div><span>Reward</span>${dollars(view.rewardCents)}</div>
<div><span>HITs available</span>${view.available}</div><div><span>Time allotted</span>${duration(view.durationS)}</div>
<div><span>Expires</span>${when(view.expiresMs)}</div>${extra}</div><p>${view.description}</p>`;
}

const taskFrame = (view: TaskView): SafeHtml =>
  html`<iframe class="task" title="Task" src="${view.frameUrl}" sandbox="${TASK_SANDBOX}" height="${view.frameHeight > 0 ? view.frameHeight : 800}"></iframe>`;

export function previewBody(view: TaskView, hitId: string, canAccept: boolean): SafeHtml {
  const accept = canAccept
    ? html`<form class="inline" method="post" action="/worker/hits/${hitId}/accept"><button type="submit">Accept</button></form>`
    : html`<span class="bad">${view.refusal ?? 'You cannot accept this HIT.'}</span>`;
  return html`${hitInfo(view)}<div class="actions">${accept}<a href="/worker/hits">Back to HITs</a></div>${taskFrame(view)}`;
}

export function workBody(view: TaskView, assignmentId: string, left: string): SafeHtml {
  return html`<div data-status-url="/worker/api/assignments/${assignmentId}" data-next-url="/worker/queue?submitted=${assignmentId}">
${hitInfo(view, html`<div><span>Time left</span>${left}</div>`)}
<div class="actions"><span class="muted">Assignment ${assignmentId}</span>
<form class="inline" method="post" action="/worker/assignments/${assignmentId}/return"><button type="submit" class="secondary">Return</button></form>
<a href="/worker/queue">Queue</a></div>${taskFrame(view)}</div>`;
}

// ---------------------------------------------------------------- queue, dashboard, qualifications, inbox

export function queueBody(queue: readonly QueuedAssignment[], nowMs: number): SafeHtml {
  const rows =
    queue.length === 0
      ? html`<tr><td colspan="5" class="muted">Your queue is empty.</td></tr>`
      : queue.map(
          (item) => html`<tr><td><a href="/worker/assignments/${item.assignmentId}">${item.title}</a></td><td>${item.requester}</td>
<td class="num">${dollars(item.rewardCents)}</td><td class="num">${timeLeft(item.deadlineMs, nowMs)}</td>
<td><a class="button" href="/worker/assignments/${item.assignmentId}">Work</a>
<form class="inline" method="post" action="/worker/assignments/${item.assignmentId}/return"><button type="submit" class="secondary">Return</button></form></td></tr>`,
        );
  return html`<p class="muted">HITs you accepted and have not submitted yet (${queue.length}).</p>
<table><thead><tr><th>Title</th><th>Requester</th><th class="num">Reward</th><th class="num">Time left</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function dashboardBody(worker: WorkerAttributes, standing: WorkerStanding): SafeHtml {
  const rate = standing.approvalRatePercent === undefined ? '—' : `${standing.approvalRatePercent.toFixed(1)}%`;
  const recent =
    standing.recent.length === 0
      ? html`<tr><td colspan="4" class="muted">Nothing submitted yet.</td></tr>`
      : standing.recent.map(
          (work) => html`<tr><td>${work.title}</td><td>${work.requester}</td><td class="num">${dollars(work.rewardCents)}</td>
<td>${work.status === 'Submitted' ? 'Pending' : work.status}${work.feedback ? html`<div class="muted">${work.feedback}</div>` : ''}</td></tr>`,
        );
  return html`<div class="cards">
<div class="card"><h2>Earnings</h2><dl><dt>Approved HITs</dt><dd data-figure="approved-earnings">${dollars(standing.approvedRewardCents)}</dd>
<dt>Bonuses</dt><dd data-figure="bonuses">${dollars(standing.bonusCents)}</dd>
<dt>Total earnings</dt><dd data-figure="total-earnings">${dollars(standing.approvedRewardCents + standing.bonusCents)}</dd></dl></div>
<div class="card"><h2>HITs you have submitted</h2><dl><dt>Submitted</dt><dd data-figure="submitted">${standing.submitted}</dd>
<dt>Pending</dt><dd data-figure="pending">${standing.pending}</dd><dt>Approved</dt><dd data-figure="approved">${standing.approved}</dd>
<dt>Rejected</dt><dd data-figure="rejected">${standing.rejected}</dd><dt>Approval rate</dt><dd data-figure="approval-rate">${rate}</dd></dl></div>
<div class="card"><h2>Worker ${worker.workerId}</h2><dl><dt>Locale</dt><dd>${worker.country}${worker.subdivision ? `-${worker.subdivision}` : ''}</dd>
<dt>Approval rate seen by requirements</dt><dd>${worker.approvalRatePercent}%</dd><dt>HITs approved seen by requirements</dt><dd>${worker.hitsApproved}</dd>
<dt>Masters</dt><dd>${worker.masters ? 'yes' : 'no'}</dd></dl>
<p class="muted">System qualifications read these attributes, set when the worker was created.</p></div></div>
<h2>Recent work</h2><table><thead><tr><th>Title</th><th>Requester</th><th class="num">Reward</th><th>Status</th></tr></thead><tbody>${recent}</tbody></table>`;
}

function requestCell(type: RequestableQualification): SafeHtml {
  const last = type.lastRequest;
  const state =
    last === undefined
      ? ''
      : last.status === 'Rejected'
        ? html`<div class="bad">Request rejected${last.reason ? `: ${last.reason}` : ''}</div>`
        : last.status === 'Pending'
          ? html`<div class="muted">Request pending: the requester decides</div>`
          : html`<div class="ok">Granted (${last.integerValue ?? ''})</div>`;
  const action = type.hasTest
    ? html`<a class="button" href="/worker/qualifications/${type.typeId}/test">Take the test</a>`
    : html`<form class="inline" method="post" action="/worker/qualifications/${type.typeId}/request"><button type="submit">Request</button></form>`;
  return html`${action}${state}`;
}

export function qualificationsBody(held: readonly HeldQualification[], requestable: readonly RequestableQualification[]): SafeHtml {
  const heldRows =
    held.length === 0
      ? html`<tr><td colspan="4" class="muted">No qualifications yet.</td></tr>`
      : held.map(
          (q) => html`<tr><td>${q.name}</td><td class="num">${q.value ?? ''}</td><td>${q.status}</td><td>${when(q.grantMs)}</td></tr>`,
        );
  const requestRows =
    requestable.length === 0
      ? html`<tr><td colspan="4" class="muted">No requester offers a qualification.</td></tr>`
      : requestable.map(
          (q) => html`<tr id="${q.typeId}"><td><strong>${q.name}</strong><div class="muted">${q.description}</div></td><td>${q.requester}</td>
<td>${q.hasTest ? 'Test' : q.autoGranted ? 'Granted on request' : 'Requester decides'}</td><td>${requestCell(q)}</td></tr>`,
        );
  return html`<h2>Your qualifications</h2><table><thead><tr><th>Name</th><th class="num">Value</th><th>Status</th><th>Granted</th></tr></thead><tbody>${heldRows}</tbody></table>
<h2>Qualifications you can request</h2><table><thead><tr><th>Qualification</th><th>Requester</th><th>How</th><th></th></tr></thead><tbody>${requestRows}</tbody></table>`;
}

export function qualificationTestBody(name: string, description: string, frameUrl: string): SafeHtml {
  return html`<p>${description}</p><p class="muted">Qualification test for “${name}”. Your answers are scored when you submit.</p>
<div class="actions"><a href="/worker/qualifications">Back to qualifications</a></div>
<iframe class="task" title="Qualification test" src="${frameUrl}" sandbox="${TASK_SANDBOX}" height="700"></iframe>`;
}

export function inboxBody(messages: readonly WorkerMessage[]): SafeHtml {
  if (messages.length === 0) return html`<p class="muted">No messages. Requesters' NotifyWorkers messages and qualification notices appear here.</p>`;
  return html`${messages.map(
    (m) => html`<article class="message" data-kind="${m.kind}"><strong>${m.subject}</strong>
<div class="muted">From ${m.requester} · ${when(m.timeMs)}</div><pre>${m.body}</pre></article>`,
  )}`;
}

export const errorBody = (message: string): SafeHtml => html`<p class="notice error">${message}</p><p><a href="/worker/hits">Back to HITs</a></p>`;
