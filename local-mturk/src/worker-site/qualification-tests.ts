/**
 * Qualification tests on the worker site: opening one hands out a one-time token, the capability the test's sandboxed
 * frame submits with (it posts with `Origin: null` and no session cookie); submitting it requests the qualification.
 */
import { randomBytes } from 'node:crypto';
import type { LocalControl } from '../control/control';
import { findLiveType } from '../ops/qualifications-store';
import type { OpContext } from '../ops/types';
import type { WorkerAttributes } from '../rules/requirements';
import { ControlError } from '../worker/errors';
import { errorStatus } from './errors';
import { html } from './html';
import { page, qualificationTestBody } from './pages';
import { answersFromForm, parseQuestionForm, renderQuestionForm } from './question-form';
import { sitePage, taskDocument, type SiteRequest, type SiteResponse } from './responses';
import { frameMessageDocument, questionFormDocument, questionFormDocumentCsp } from './task-documents';

interface QualificationTestTicket {
  workerId: string;
  typeId: string;
}

export class QualificationTests {
  /** One-time tokens of opened tests. */
  private readonly tests = new Map<string, QualificationTestTicket>();

  constructor(
    private readonly read: <T>(work: (ctx: OpContext) => T) => T,
    private readonly control: LocalControl,
  ) {}

  page(worker: WorkerAttributes, typeId: string): SiteResponse {
    const type = this.read((ctx) => findLiveType(ctx, typeId));
    if (!type || type.status !== 'Active' || type.test === null) throw new ControlError(404, 'NoTest', `Qualification type ${typeId} has no test to take.`);
    const token = randomBytes(18).toString('base64url');
    this.tests.set(token, { workerId: worker.workerId, typeId });
    return sitePage(
      page({ title: `Qualification test: ${type.name}`, section: 'qualifications', worker }, qualificationTestBody(type.name, type.description, `/worker/qualification-test/${token}`)),
    );
  }

  document(worker: WorkerAttributes, token: string, origin: string): SiteResponse {
    const ticket = this.tests.get(token);
    const type = ticket && ticket.workerId === worker.workerId ? this.read((ctx) => findLiveType(ctx, ticket.typeId)) : undefined;
    if (!type || type.test === null) {
      return taskDocument(frameMessageDocument(origin, 'Test not available', html`<p>Open the test again from the Qualifications page.</p>`), questionFormDocumentCsp(origin), 404);
    }
    const document = questionFormDocument({
      siteOrigin: origin,
      title: type.name,
      form: renderQuestionForm(parseQuestionForm(type.test)),
      action: `${origin}/worker/qualification-test/${token}/submit`,
      hidden: {},
      preview: false,
    });
    return taskDocument(document, questionFormDocumentCsp(origin));
  }

  submit(request: SiteRequest, token: string, form: URLSearchParams): SiteResponse {
    const { origin } = request;
    const frame = (title: string, body: ReturnType<typeof html>, status: number): SiteResponse =>
      taskDocument(frameMessageDocument(origin, title, body), questionFormDocumentCsp(origin), status);
    const ticket = this.tests.get(token);
    const type = ticket ? this.read((ctx) => findLiveType(ctx, ticket.typeId)) : undefined;
    if (!ticket || !type || type.test === null) return frame('Test not available', html`<p>Open the test again from the Qualifications page.</p>`, 404);
    const checked = answersFromForm(parseQuestionForm(type.test), form);
    if (checked.problems.length > 0) {
      return frame('Not submitted', html`<p>Please go back and correct:</p><ul>${checked.problems.map((p) => html`<li>${p}</li>`)}</ul>`, 400);
    }
    this.tests.delete(token);
    try {
      const outcome = this.control.requestQualification(ticket.workerId, ticket.typeId, checked.answers);
      const text =
        outcome.outcome === 'Granted'
          ? `You were granted “${type.name}” with the value ${outcome.integerValue}.`
          : `Your answers were sent to the requester, who will grant or reject “${type.name}”.`;
      return frame(outcome.outcome === 'Granted' ? 'Qualification granted' : 'Request pending', html`<p data-outcome="${outcome.outcome}">${text}</p>`, 200);
    } catch (error) {
      const known = errorStatus(error);
      if (known) return frame('Not submitted', html`<p>${known.message}</p>`, known.status);
      throw error;
    }
  }
}
