/**
 * The Local MTurk worker site under /worker/: sign in as a local worker, find HITs, preview, accept, work in a
 * sandboxed frame, submit, return, take qualification tests, read the inbox. The HTTP front (server/http.ts) has
 * already checked the Host of every request and the Origin of every state-changing one, except the two task-frame
 * targets that sandboxed documents post to (their capability is the assignment id or a one-time test token).
 */
import { rewriteCrowdScriptTags } from '../../../crowd-elements/src/serve';
import type { LocalMTurkApp } from '../app';
import type { LocalControl, NewWorker } from '../control/control';
import { CONTROL_ACTOR } from '../control/control';
import { readInbox } from '../domain/inbox';
import { findAssignment, findHit } from '../domain/rows';
import type { OpContext } from '../ops/types';
import type { WorkerAttributes } from '../rules/requirements';
import { hitForWorker, hitsForWorker, type HitForWorker } from '../worker/actions';
import { ControlError } from '../worker/errors';
import { errorStatus } from './errors';
import { html } from './html';
import { groupRows, hitListQuery, matches, sortGroups } from './hit-groups';
import {
  dashboardBody,
  errorBody,
  hitListBody,
  inboxBody,
  page,
  previewBody,
  qualificationsBody,
  queueBody,
  signInBody,
  timeLeft,
  workBody,
  type PageFrame,
  type TaskView,
} from './pages';
import { answersFromForm, parseQuestionForm, renderQuestionForm } from './question-form';
import { QualificationTests } from './qualification-tests';
import { WorkerSessions } from './session';
import { crowdScriptResponse, describeStatus, staticFileResponse } from './static-responses';
import { json, redirect, sitePage, taskDocument, type SiteRequest, type SiteResponse } from './responses';
import { heldQualificationsOf, queueOf, requestableQualifications, standingOf } from './standing';
import {
  PREVIEW_ASSIGNMENT_ID,
  frameMessageDocument,
  questionFormDocument,
  questionFormDocumentCsp,
  requesterDocumentCsp,
  taskQuestionOf,
  withTaskParameters,
  type TaskQuestion,
} from './task-documents';

export const WORKER_SITE_PREFIX = '/worker';

/** The offline crowd-html-elements script that templates' loader tags are pointed at. */
const CROWD_SCRIPT_PATH = '/worker/static/crowd-html-elements.js';

/** Where a QuestionForm task frame posts (the assignment id in the form is the capability). */
const TASK_SUBMIT_PATH = '/worker/task/submit';
const QUAL_TEST_SUBMIT = /^\/worker\/qualification-test\/([A-Za-z0-9_-]+)\/submit$/;

/** Whether a POST is one of the task-frame targets, which come from sandboxed documents (Origin: null) without the cookie. */
export function isTaskFrameTarget(method: string, pathname: string): boolean {
  return method === 'POST' && (pathname === TASK_SUBMIT_PATH || QUAL_TEST_SUBMIT.test(pathname));
}


export class WorkerSite {
  private readonly sessions = new WorkerSessions();
  private readonly tests: QualificationTests;

  constructor(
    private readonly app: LocalMTurkApp,
    private readonly control: LocalControl,
  ) {
    this.tests = new QualificationTests((work) => this.read(work), control);
  }

  /** Reads within one transaction, after the clock sweep (so expiry and auto-approval are current). */
  private read<T>(work: (ctx: OpContext) => T): T {
    const ctx = this.app.context(CONTROL_ACTOR);
    return this.app.transact(ctx, () => work(ctx));
  }

  async handle(request: SiteRequest): Promise<SiteResponse> {
    try {
      return await this.route(request);
    } catch (error) {
      const known = errorStatus(error);
      if (!known) throw error;
      const worker = this.signedInWorker(request);
      return sitePage(page({ title: 'That did not work', section: 'hits', ...(worker ? { worker } : {}) }, errorBody(known.message)), known.status);
    }
  }

  private signedInWorker(request: SiteRequest): WorkerAttributes | undefined {
    const workerId = this.sessions.workerOf(request.headers.cookie);
    if (workerId === undefined) return undefined;
    return this.control.listWorkers().find((worker) => worker.workerId === workerId);
  }

  private async route(request: SiteRequest): Promise<SiteResponse> {
    const { method, url } = request;
    const path = url.pathname;
    const form = (): URLSearchParams => new URLSearchParams(request.body.toString('utf8'));
    if (method === 'GET' && path === CROWD_SCRIPT_PATH) return crowdScriptResponse();
    if (method === 'GET' && path.startsWith('/worker/static/')) return staticFileResponse(path.slice('/worker/static/'.length));
    if (method === 'POST' && path === TASK_SUBMIT_PATH) return this.submitQuestionForm(request.origin, form());
    const testSubmit = method === 'POST' ? QUAL_TEST_SUBMIT.exec(path) : null;
    if (testSubmit) return this.tests.submit(request, testSubmit[1] ?? '', form());
    if (method === 'GET' && path === '/worker') return redirect('/worker/');
    if (method === 'POST' && path === '/worker/signin') return this.signIn(form().get('workerId') ?? '');
    if (method === 'POST' && path === '/worker/workers') return this.createAndSignIn(form());
    if (method === 'POST' && path === '/worker/signout') return redirect('/worker/', { 'Set-Cookie': this.sessions.signOut(request.headers.cookie) });

    const worker = this.signedInWorker(request);
    if (!worker) {
      if (path.startsWith('/worker/api/')) return json(401, { Error: { Code: 'NotSignedIn', Message: 'Sign in at /worker/ first.' } });
      if (method === 'GET' && (path === '/worker/' || !path.startsWith('/worker/task/'))) return this.signInPage();
      return sitePage(page({ title: 'Sign in', section: 'signin' }, errorBody('Sign in as a worker first.')), 401);
    }
    return this.routeSignedIn(request, worker);
  }

  private routeSignedIn(request: SiteRequest, worker: WorkerAttributes): SiteResponse {
    const { method, url, origin } = request;
    const path = url.pathname;
    const match = (pattern: RegExp): string | undefined => pattern.exec(path)?.[1];
    if (method === 'GET') {
      if (path === '/worker/') return redirect('/worker/hits');
      if (path === '/worker/hits') return this.hitList(worker, url.searchParams);
      const previewId = match(/^\/worker\/hits\/([A-Z0-9]+)$/);
      if (previewId) return this.preview(worker, previewId, origin);
      if (path === '/worker/queue') return this.queue(worker, url.searchParams);
      const workId = match(/^\/worker\/assignments\/([A-Z0-9]+)$/);
      if (workId) return this.work(worker, workId, origin);
      const statusId = match(/^\/worker\/api\/assignments\/([A-Z0-9]+)$/);
      if (statusId) return this.assignmentStatus(worker, statusId);
      const taskHit = match(/^\/worker\/task\/([A-Z0-9]+)$/);
      if (taskHit) return this.taskDocument(worker, taskHit, url.searchParams.get('assignmentId') ?? PREVIEW_ASSIGNMENT_ID, origin);
      if (path === '/worker/dashboard') return this.dashboard(worker);
      if (path === '/worker/qualifications') return this.qualifications(worker);
      const testType = match(/^\/worker\/qualifications\/([A-Z0-9]+)\/test$/);
      if (testType) return this.tests.page(worker, testType);
      const testToken = match(/^\/worker\/qualification-test\/([A-Za-z0-9_-]+)$/);
      if (testToken) return this.tests.document(worker, testToken, origin);
      if (path === '/worker/inbox') return this.inbox(worker);
    }
    if (method === 'POST') {
      const acceptId = match(/^\/worker\/hits\/([A-Z0-9]+)\/accept$/);
      if (acceptId) return redirect(`/worker/assignments/${this.control.accept(worker.workerId, acceptId).AssignmentId}`);
      const returnId = match(/^\/worker\/assignments\/([A-Z0-9]+)\/return$/);
      if (returnId) {
        this.ownAssignment(worker, returnId);
        this.control.returnAssignment(returnId);
        return redirect('/worker/queue');
      }
      const requestType = match(/^\/worker\/qualifications\/([A-Z0-9]+)\/request$/);
      if (requestType) {
        this.control.requestQualification(worker.workerId, requestType);
        return redirect(`/worker/qualifications#${requestType}`);
      }
    }
    return sitePage(page({ title: 'Not found', section: 'hits', worker }, errorBody(`There is no page ${method} ${path}.`)), 404);
  }

  // ------------------------------------------------------------ sign in

  private signInPage(notice?: PageFrame['notice'], status = 200): SiteResponse {
    return sitePage(page({ title: 'Sign in as a worker', section: 'signin', ...(notice ? { notice } : {}) }, signInBody(this.control.listWorkers())), status);
  }

  private signIn(workerId: string): SiteResponse {
    if (!this.control.listWorkers().some((worker) => worker.workerId === workerId)) {
      return this.signInPage({ text: `There is no worker ${workerId}.`, error: true }, 400);
    }
    return redirect('/worker/hits', { 'Set-Cookie': this.sessions.signIn(workerId) });
  }

  private createAndSignIn(form: URLSearchParams): SiteResponse {
    const text = (name: string): string | undefined => {
      const value = form.get(name)?.trim();
      return value === undefined || value === '' ? undefined : value;
    };
    const whole = (name: string): number | undefined => {
      const value = text(name);
      return value === undefined ? undefined : Number(value);
    };
    const spec: NewWorker = { masters: form.get('masters') === 'true', adult: form.get('adult') === 'true' };
    const workerId = text('workerId');
    const country = text('country');
    const subdivision = text('subdivision');
    const approval = whole('approvalRatePercent');
    const approved = whole('hitsApproved');
    if (workerId !== undefined) spec.workerId = workerId;
    if (country !== undefined) spec.country = country.toUpperCase();
    if (subdivision !== undefined) spec.subdivision = subdivision.toUpperCase();
    if (approval !== undefined) spec.approvalRatePercent = approval;
    if (approved !== undefined) spec.hitsApproved = approved;
    try {
      const created = this.control.createWorker(spec);
      return redirect('/worker/hits', { 'Set-Cookie': this.sessions.signIn(created.workerId) });
    } catch (error) {
      if (error instanceof ControlError) return this.signInPage({ text: error.message, error: true }, 400);
      throw error;
    }
  }

  // ------------------------------------------------------------ HITs

  private hitList(worker: WorkerAttributes, params: URLSearchParams): SiteResponse {
    const query = hitListQuery(params);
    const groups = this.read((ctx) => groupRows(ctx, hitsForWorker(ctx, worker.workerId)));
    const rows = sortGroups(groups.filter((row) => matches(row, query)), query);
    return sitePage(page({ title: 'HITs', section: 'hits', worker }, hitListBody(query, rows, groups.length)));
  }

  private taskView(worker: WorkerAttributes, hitId: string, assignmentId: string, origin: string): { view: TaskView; listing?: HitForWorker } {
    const { hit, listing } = this.read((ctx) => ({
      hit: findHit(ctx, hitId),
      listing: hitForWorker(ctx, worker.workerId, hitId),
    }));
    if (!hit || hit.disposed || hit.question === null) throw new ControlError(404, 'HITNotFound', `HIT ${hitId} does not exist.`);
    const question = taskQuestionOf(hit.question);
    const parameters = { assignmentId, hitId, turkSubmitTo: origin, workerId: worker.workerId };
    const frameUrl =
      question.kind === 'ExternalQuestion'
        ? withTaskParameters(question.url, parameters)
        : withTaskParameters(`${origin}/worker/task/${hitId}`, parameters);
    const refusal = listing === undefined ? 'This HIT cannot be accepted now: no assignment is available or it has expired.' : listing.acceptRefusal?.message;
    return {
      view: {
        title: hit.title,
        description: hit.description,
        requester: hit.requester,
        rewardCents: hit.reward_cents,
        available: hit.available,
        durationS: hit.assignment_duration_s,
        expiresMs: hit.expiration_ms,
        frameUrl,
        frameHeight: question.kind === 'QuestionForm' ? 0 : question.frameHeight,
        ...(refusal === undefined ? {} : { refusal }),
      },
      ...(listing ? { listing } : {}),
    };
  }

  private preview(worker: WorkerAttributes, hitId: string, origin: string): SiteResponse {
    this.control.preview(worker.workerId, hitId); // refuses a worker the Preview requirements exclude
    const { view, listing } = this.taskView(worker, hitId, PREVIEW_ASSIGNMENT_ID, origin);
    const canAccept = listing !== undefined && listing.acceptRefusal === undefined && !listing.heldByWorker;
    const shown = listing?.heldByWorker ? { ...view, refusal: 'You already accepted this HIT: see your queue.' } : view;
    return sitePage(page({ title: view.title, section: 'hits', worker }, previewBody(shown, hitId, canAccept)));
  }

  private ownAssignment(worker: WorkerAttributes, assignmentId: string): { hitId: string; status: string; deadlineMs: number } {
    const assignment = this.read((ctx) => findAssignment(ctx, assignmentId));
    if (!assignment || assignment.worker_id !== worker.workerId) {
      throw new ControlError(404, 'AssignmentNotFound', `You have no assignment ${assignmentId}.`);
    }
    return { hitId: assignment.hit_id, status: assignment.status, deadlineMs: assignment.deadline_ms };
  }

  private work(worker: WorkerAttributes, assignmentId: string, origin: string): SiteResponse {
    const assignment = this.ownAssignment(worker, assignmentId);
    if (assignment.status !== 'Accepted') return redirect(`/worker/queue?submitted=${assignmentId}`);
    const { view } = this.taskView(worker, assignment.hitId, assignmentId, origin);
    const left = timeLeft(assignment.deadlineMs, this.app.clock.now());
    return sitePage(page({ title: view.title, section: 'queue', worker }, workBody(view, assignmentId, left)));
  }

  private assignmentStatus(worker: WorkerAttributes, assignmentId: string): SiteResponse {
    const assignment = this.read((ctx) => findAssignment(ctx, assignmentId));
    if (!assignment || assignment.worker_id !== worker.workerId) return json(404, { Error: { Code: 'AssignmentNotFound', Message: `You have no assignment ${assignmentId}.` } });
    return json(200, { status: assignment.status });
  }

  private queue(worker: WorkerAttributes, params: URLSearchParams): SiteResponse {
    const queue = this.read((ctx) => queueOf(ctx, worker.workerId));
    const submitted = params.get('submitted');
    const status = submitted === null ? undefined : this.read((ctx) => findAssignment(ctx, submitted));
    const notice =
      status && status.worker_id === worker.workerId
        ? { text: status.status === 'Accepted' ? `Assignment ${submitted} is still in your queue.` : `Assignment ${submitted}: ${describeStatus(status.status)}.` }
        : undefined;
    return sitePage(page({ title: 'Queue', section: 'queue', worker, ...(notice ? { notice } : {}) }, queueBody(queue, this.app.clock.now())));
  }

  // ------------------------------------------------------------ task documents

  private taskDocument(worker: WorkerAttributes, hitId: string, assignmentId: string, origin: string): SiteResponse {
    const refusalDocument = (message: string, status: number): SiteResponse =>
      taskDocument(frameMessageDocument(origin, 'This task cannot be shown', html`<p>${message}</p>`), questionFormDocumentCsp(origin), status);
    if (assignmentId === PREVIEW_ASSIGNMENT_ID) {
      try {
        this.control.preview(worker.workerId, hitId);
      } catch (error) {
        const known = errorStatus(error);
        if (known) return refusalDocument(known.message, known.status);
        throw error;
      }
    } else {
      const assignment = this.read((ctx) => findAssignment(ctx, assignmentId));
      if (!assignment || assignment.worker_id !== worker.workerId || assignment.hit_id !== hitId) return refusalDocument(`You have no assignment ${assignmentId} for this HIT.`, 404);
      if (assignment.status !== 'Accepted') return refusalDocument(`Assignment ${assignmentId} is ${describeStatus(assignment.status)}.`, 409);
    }
    const hit = this.read((ctx) => findHit(ctx, hitId));
    if (!hit || hit.question === null) return refusalDocument(`HIT ${hitId} does not exist.`, 404);
    const question: TaskQuestion = taskQuestionOf(hit.question);
    if (question.kind === 'HTMLQuestion') return taskDocument(this.requesterHtml(question.content, origin), requesterDocumentCsp(origin));
    if (question.kind === 'ExternalQuestion') {
      return redirect(withTaskParameters(question.url, { assignmentId, hitId, turkSubmitTo: origin, workerId: worker.workerId }));
    }
    const document = questionFormDocument({
      siteOrigin: origin,
      title: hit.title,
      form: renderQuestionForm(parseQuestionForm(question.xml)),
      action: `${origin}${TASK_SUBMIT_PATH}`,
      hidden: { assignmentId },
      preview: assignmentId === PREVIEW_ASSIGNMENT_ID,
    });
    return taskDocument(document, questionFormDocumentCsp(origin));
  }

  /** The requester's HTMLQuestion document as the task frame loads it: crowd-html-elements served from here, offline. */
  private requesterHtml(content: string, origin: string): string {
    return rewriteCrowdScriptTags(content, `${origin}${CROWD_SCRIPT_PATH}`);
  }

  /** A QuestionForm task frame's post: checked against the form's constraints, then submitted as QuestionFormAnswers. */
  private submitQuestionForm(origin: string, form: URLSearchParams): SiteResponse {
    const frame = (title: string, body: ReturnType<typeof html>, status: number): SiteResponse =>
      taskDocument(frameMessageDocument(origin, title, body), questionFormDocumentCsp(origin), status);
    const assignmentId = form.get('assignmentId') ?? '';
    if (assignmentId === '' || assignmentId === PREVIEW_ASSIGNMENT_ID) return frame('Preview', html`<p>This HIT is being previewed: accept it before submitting.</p>`, 400);
    const found = this.read((ctx) => {
      const assignment = findAssignment(ctx, assignmentId);
      return assignment ? findHit(ctx, assignment.hit_id) : undefined;
    });
    if (!found || found.question === null) return frame('Not submitted', html`<p>Assignment ${assignmentId} does not exist.</p>`, 404);
    const question = taskQuestionOf(found.question);
    if (question.kind !== 'QuestionForm') return frame('Not submitted', html`<p>This HIT is not a QuestionForm.</p>`, 400);
    const checked = answersFromForm(parseQuestionForm(question.xml), form);
    if (checked.problems.length > 0) {
      return frame('Not submitted', html`<p>Please go back and correct:</p><ul>${checked.problems.map((p) => html`<li>${p}</li>`)}</ul>`, 400);
    }
    try {
      this.control.submit(assignmentId, checked.answers);
    } catch (error) {
      const known = errorStatus(error);
      if (known) return frame('Not submitted', html`<p>${known.message}</p>`, known.status);
      throw error;
    }
    return frame('Submitted', html`<p>Your answers were submitted.</p>`, 200);
  }

  // ------------------------------------------------------------ dashboard, qualifications, inbox

  private dashboard(worker: WorkerAttributes): SiteResponse {
    const standing = this.read((ctx) => standingOf(ctx, worker.workerId));
    return sitePage(page({ title: 'Dashboard', section: 'dashboard', worker }, dashboardBody(worker, standing)));
  }

  private qualifications(worker: WorkerAttributes): SiteResponse {
    const { held, requestable } = this.read((ctx) => ({
      held: heldQualificationsOf(ctx, worker.workerId),
      requestable: requestableQualifications(ctx, worker.workerId),
    }));
    return sitePage(page({ title: 'Qualifications', section: 'qualifications', worker }, qualificationsBody(held, requestable)));
  }

  private inbox(worker: WorkerAttributes): SiteResponse {
    const messages = readInbox(this.app.db, worker.workerId);
    return sitePage(page({ title: 'Inbox', section: 'inbox', worker }, inboxBody(messages)));
  }
}
