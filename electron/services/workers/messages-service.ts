/**
 * Messages to workers: a subject and body template (placeholder {worker_id}), checked against MTurk's limits for every
 * worker before anything is sent, then NotifyWorkers in chunks of at most 100 workers as one journaled job. Each
 * worker's delivery (Sent, SoftFailure, HardFailure with MTurk's message) lands in the archive and in their dossier.
 */
import { randomUUID } from 'node:crypto';
import type { JobProgress } from '../../../shared/contract/jobs';
import { isProduction } from '../../../shared/domain/connections';
import { isWorkerId } from '../../../shared/domain/worker-list';
import type { MessagePlan } from '../../../shared/domain/workers';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ActionJobs, BulkItem } from '../actions/action-jobs';
import type { Reconciler } from '../actions/reconciler';
import { MAX_BODY_CHARS, MAX_NOTIFY_RECIPIENTS, MAX_SUBJECT_CHARS } from '../actions/worker-actions';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import { distinctWorkers, writeTarget } from './write-target';

export interface MessageInput {
  readonly workerIds: readonly string[];
  readonly subject: string;
  readonly body: string;
}

const PLACEHOLDER = /\{([a-z_]+)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['worker_id']);

function render(template: string, workerId: string): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => (name === 'worker_id' ? workerId : `{${name}}`));
}

interface Chunk {
  readonly subject: string;
  readonly body: string;
  readonly workerIds: string[];
}

export interface MessagesServiceDeps {
  readonly contexts: ConnectionContexts;
  readonly actionJobs: ActionJobs;
  readonly reconciler: Reconciler;
}

export class MessagesService {
  constructor(private readonly deps: MessagesServiceDeps) {}

  plan(input: MessageInput, context: ConnectionContext = this.deps.contexts.active()): Result<MessagePlan> {
    const planned = planOf(input, context);
    return planned.ok ? ok(planned.value.plan) : planned;
  }

  async send(input: MessageInput & { typedConnectionName?: string }, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<JobProgress>> {
    const planned = planOf(input, context);
    if (!planned.ok) return planned;
    const { plan, chunks } = planned.value;
    if (plan.typeToConfirm !== null && input.typedConnectionName?.trim() !== plan.typeToConfirm) {
      return err(appError('validation', `This messages workers from PRODUCTION. Type the connection's name, "${plan.typeToConfirm}", to confirm.`, { field: 'typedConnectionName' }));
    }
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    const sendId = randomUUID();
    const items: BulkItem[] = chunks.map((chunk, index) => ({
      target: `${sendId}#${index}`,
      request: { sendId, chunk: index, subject: chunk.subject, body: chunk.body, workerIds: chunk.workerIds },
      costCents: null,
    }));
    const label = `Message "${plan.sample.subject.slice(0, 60)}" to ${plan.recipients.toLocaleString('en-US')} worker${plan.recipients === 1 ? '' : 's'}`;
    return ok(this.deps.actionJobs.start(target.value, { kind: 'notify-workers', label, items }));
  }
}

function planOf(input: MessageInput, context: ConnectionContext): Result<{ plan: MessagePlan; chunks: Chunk[] }> {
  const chunks = chunksOf(input);
  if (!chunks.ok) return chunks;
  const first = chunks.value[0]!;
  const production = isProduction(context.config);
  const plan: MessagePlan = {
    connection: { id: context.config.id, label: context.config.label, production },
    recipients: chunks.value.reduce((sum, chunk) => sum + chunk.workerIds.length, 0),
    calls: chunks.value.length,
    sample: { workerId: first.workerIds[0]!, subject: first.subject, body: first.body },
    typeToConfirm: production ? context.config.label.trim() : null,
  };
  return ok({ plan, chunks: chunks.value });
}

/** Every worker's rendered message checked, then grouped: workers who get the same text share calls of ≤ 100. */
function chunksOf(input: MessageInput): Result<Chunk[]> {
  const workerIds = distinctWorkers(input.workerIds, 'message');
  if (!workerIds.ok) return workerIds;
  const bad = workerIds.value.find((id) => !isWorkerId(id));
  if (bad !== undefined) return err(appError('validation', `"${bad.slice(0, 80)}" is not a worker id (capital letters and digits).`, { field: 'workerIds' }));
  for (const [field, template] of [['subject', input.subject], ['body', input.body]] as const) {
    if (template.trim() === '') return err(appError('validation', `The ${field} is empty.`, { field }));
    for (const match of template.matchAll(PLACEHOLDER)) {
      if (!KNOWN_PLACEHOLDERS.has(match[1]!)) return err(appError('validation', `The ${field} has an unknown placeholder ${match[0]}; the one known is {worker_id}.`, { field }));
    }
  }
  const groups = new Map<string, Chunk[]>();
  for (const workerId of workerIds.value) {
    const subject = render(input.subject, workerId);
    const body = render(input.body, workerId);
    if (subject.length > MAX_SUBJECT_CHARS) return err(appError('validation', `The subject${subject === input.subject ? '' : ` for ${workerId}`} has ${subject.length} characters; MTurk allows at most ${MAX_SUBJECT_CHARS}.`, { field: 'subject' }));
    if (body.length > MAX_BODY_CHARS) return err(appError('validation', `The body${body === input.body ? '' : ` for ${workerId}`} has ${body.length.toLocaleString('en-US')} characters; MTurk allows at most ${MAX_BODY_CHARS.toLocaleString('en-US')}.`, { field: 'body' }));
    const key = `${subject}\u0000${body}`;
    const chunks = groups.get(key) ?? [];
    const last = chunks[chunks.length - 1];
    if (last && last.workerIds.length < MAX_NOTIFY_RECIPIENTS) last.workerIds.push(workerId);
    else chunks.push({ subject, body, workerIds: [workerId] });
    groups.set(key, chunks);
  }
  return ok([...groups.values()].flat());
}
