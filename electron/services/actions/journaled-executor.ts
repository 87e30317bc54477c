import { appError, mayHaveExecuted, type AppError } from '../../../shared/errors';
import type { ArchiveTable } from '../../../shared/contract/archive';
import type { JournalEntry, OperationKind } from '../../../shared/domain/archive-types';
import type { ArchiveDb } from '../../archive/connection';
import { getJournalEntry, listUnfinished, markOutcome, markSent, recordIntent } from '../../archive/repos/journal';
import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';
import type { MTurkGateway } from '../../mturk/types';
import type { AnyActionDefinition, Lane } from './action-definition';


/** What happened to one journaled call. `unknown`: the answer was lost and MTurk could not be asked yet. */
export type Execution =
  | { readonly state: 'confirmed'; readonly entry: JournalEntry; readonly alreadyDone: boolean }
  | {
      readonly state: 'failed';
      readonly entry: JournalEntry;
      readonly error: AppError;
      /** MTurk did not act on it (refused before acting, or asked afterwards): sending it again is safe. */
      readonly retryable: boolean;
    }
  | { readonly state: 'unknown'; readonly entry: JournalEntry; readonly error: AppError };

export interface ActionCall {
  readonly configId: string;
  readonly archiveConnectionId: number;
  readonly gateway: MTurkGateway;
  readonly kind: OperationKind;
  readonly request: unknown;
  /** Makes the call exactly-once: a second execute with the same token never sends again. */
  readonly token: string;
  readonly costCents: number | null;
  readonly jobId?: string;
  readonly lane: Lane;
  readonly signal?: AbortSignal;
}

export interface JournaledExecutorDeps {
  readonly archive: ArchiveDb;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => number;
  readonly definitions: ReadonlyMap<OperationKind, AnyActionDefinition>;
  /** A job's item that ended unknown was settled by a later reconciliation (the job runner updates its counts). */
  readonly onJobItemSettled?: (jobId: string, outcome: 'confirmed' | 'failed') => void;
}

/**
 * Refusals that say nothing about the request itself: the same request may well pass a moment later. A call cancelled
 * before it left is one too: nothing was sent, so resuming the job sends it (under its next attempt's token).
 */
const TRANSIENT = new Set<AppError['kind']>(['throttled', 'network', 'internal', 'cancelled']);

interface StoredFailure {
  readonly error: AppError;
  readonly retryable: boolean;
}

/**
 * Every MTurk write goes through here: the intent is journaled before the call, marked sent, then given its outcome.
 * A call whose answer was lost is `unknown` — never reported as a plain failure, never re-sent blindly — until MTurk
 * is asked whether it happened (`reconcile`). The archive row changes from each confirmed outcome at once.
 */
export class JournaledExecutor {
  /** Entries whose call is on its way now: a reconciliation must not judge them (MTurk may not have them yet). */
  readonly #inFlight = new Set<number>();
  /** One question to MTurk per entry at a time, however many callers ask (a resumed job and the start-up reconciler). */
  readonly #settling = new Map<number, Promise<Execution>>();

  constructor(private readonly deps: JournaledExecutorDeps) {}

  async execute(call: ActionCall): Promise<Execution> {
    const definition = this.#definition(call.kind);
    const request = definition.parse(call.request);
    const { archive, now } = this.deps;
    const { entry, created } = recordIntent(
      archive.write,
      {
        connectionId: call.archiveConnectionId,
        kind: call.kind,
        idempotencyToken: call.token,
        request,
        costCents: call.costCents,
        jobId: call.jobId,
        target: definition.target(request),
      },
      now(),
    );
    if (!created) {
      switch (entry.state) {
        case 'confirmed':
        case 'failed':
          return fromStored(entry);
        case 'sent':
        case 'unknown':
          return this.reconcileEntry(entry, call.gateway, call.configId, call.lane, call.signal);
        case 'pending':
          break; // journaled but never sent (a crash before sending): safe to send now
      }
    }
    if (call.signal?.aborted) {
      const error = appError('cancelled', 'Cancelled before it was sent.');
      return { state: 'failed', entry: markOutcome(archive.write, entry.id, 'failed', { error, retryable: true }, now()), error, retryable: true };
    }

    // "sent" when the request leaves its lane, not when it joins it: a call still queued at a crash was never sent.
    let sentEntry: JournalEntry | null = null;
    const markOnce = (): JournalEntry => (sentEntry ??= markSent(archive.write, entry.id, now()));
    const context = { lane: call.lane, signal: call.signal, onSend: markOnce };
    this.#inFlight.add(entry.id);
    let answer: Awaited<ReturnType<typeof definition.send>>;
    try {
      answer = await definition.send(call.gateway, request, context);
    } finally {
      this.#inFlight.delete(entry.id);
    }
    const left = sentEntry !== null;
    // A refusal before anything left (cancelled in the queue, no connection) ends the entry straight from pending.
    const sent = answer.ok || mayHaveExecuted(answer.error) || left ? markOnce() : entry;
    if (answer.ok) return this.#confirm(sent, definition, request, call.configId, { answer: answer.value ?? null }, false, answer.value ?? null);
    if (definition.alreadyApplied?.(answer.error, request)) {
      return this.#confirm(sent, definition, request, call.configId, { alreadyDone: answer.error.message }, true, null);
    }
    if (!mayHaveExecuted(answer.error)) {
      const retryable = TRANSIENT.has(answer.error.kind);
      const failed = markOutcome(archive.write, sent.id, 'failed', { error: answer.error, retryable }, now());
      return { state: 'failed', entry: failed, error: answer.error, retryable };
    }
    // The answer was lost after sending: record that, then ask MTurk straight away what happened.
    this.deps.log.warn(`${call.kind} ${definition.target(request)}: answer lost (${answer.error.message}); reconciling`);
    const unknown = markOutcome(archive.write, sent.id, 'unknown', { error: answer.error }, now());
    // Not with the caller's signal: a cancel must not leave a call unknown that one more question would settle. The
    // job counts whatever this returns, so it is not told separately.
    return this.#reconcileShared(unknown, call.gateway, call.configId, call.lane, undefined, false);
  }

  /** Whether the archive already shows this request's effect (see ActionDefinition.recorded): nothing to send. */
  isRecorded(kind: OperationKind, archiveConnectionId: number, request: unknown): boolean {
    const definition = this.#definition(kind);
    return definition.recorded?.(this.deps.archive.read, archiveConnectionId, definition.parse(request)) ?? false;
  }

  /**
   * Asks MTurk whether a `sent`/`unknown` call took effect and records the answer; stays `unknown` if MTurk cannot say.
   * An `unknown` item of a job was counted so by its job, which hears once what became of it.
   */
  reconcileEntry(entry: JournalEntry, gateway: MTurkGateway, configId: string, lane: Lane, signal?: AbortSignal): Promise<Execution> {
    return this.#reconcileShared(entry, gateway, configId, lane, signal, entry.state === 'unknown' && entry.jobId !== null);
  }

  /** One question to MTurk per entry however many ask at once; the job is told (at most once) inside that question. */
  #reconcileShared(entry: JournalEntry, gateway: MTurkGateway, configId: string, lane: Lane, signal: AbortSignal | undefined, countedByJob: boolean): Promise<Execution> {
    const pending = this.#settling.get(entry.id);
    if (pending) return pending;
    const settling = this.#reconcileOnce(entry, gateway, configId, lane, signal)
      .then((outcome) => {
        if (countedByJob && outcome.state !== 'unknown') this.deps.onJobItemSettled?.(entry.jobId!, outcome.state);
        return outcome;
      })
      .finally(() => this.#settling.delete(entry.id));
    this.#settling.set(entry.id, settling);
    return settling;
  }

  async #reconcileOnce(entry: JournalEntry, gateway: MTurkGateway, configId: string, lane: Lane, signal?: AbortSignal): Promise<Execution> {
    const definition = this.#definition(entry.kind);
    const request = definition.parse(entry.request);
    const verdict = await definition.verify(gateway, request, entry.updatedAt, { lane, signal });
    const { archive, now } = this.deps;
    // Settled meanwhile by another path (its own answer arrived): that outcome stands.
    const current = getJournalEntry(archive.read, entry.id);
    if (current && (current.state === 'confirmed' || current.state === 'failed')) return fromStored(current);
    if (!verdict.ok) {
      const error = appError(
        verdict.error.kind,
        `Not known whether MTurk applied it (its answer was lost, and asking again failed: ${verdict.error.message}). Turkbench will check again; nothing is re-sent until then.`,
      );
      const current = entry.state === 'sent' ? markOutcome(archive.write, entry.id, 'unknown', { error }, now()) : entry;
      return { state: 'unknown', entry: current, error };
    }
    if (verdict.value !== 'not-applied') {
      const produced = verdict.value === 'applied' ? null : verdict.value.produced;
      return this.#confirm(entry, definition, request, configId, { reconciled: true, ...(produced === null ? {} : { answer: produced }) }, true, produced);
    }
    const error = appError('conflict', 'MTurk did not apply it (its answer was lost on the way); retry it to send it again.');
    return { state: 'failed', entry: markOutcome(archive.write, entry.id, 'failed', { error, reconciled: true, retryable: true }, now()), error, retryable: true };
  }

  /**
   * Resolves every call of this connection left `sent` or `unknown` (a crash, a lost answer). Calls journaled but never
   * sent are left alone when a job will resume them, and closed as failed otherwise.
   */
  async reconcile(target: { configId: string; archiveConnectionId: number; gateway: MTurkGateway; signal?: AbortSignal }): Promise<Execution[]> {
    const outcomes: Execution[] = [];
    for (const entry of listUnfinished(this.deps.archive.read, target.archiveConnectionId)) {
      if (target.signal?.aborted) break;
      if (this.#inFlight.has(entry.id)) continue;
      if (entry.state === 'pending') {
        if (entry.jobId !== null) continue;
        const error = appError('internal', 'Never sent: Turkbench stopped between writing the intent and sending it.');
        outcomes.push({ state: 'failed', entry: markOutcome(this.deps.archive.write, entry.id, 'failed', { error }, this.deps.now()), error, retryable: false });
        continue;
      }
      // Only an `unknown` entry's job is told: it counted it so. A `sent` one was cut off by a crash before its job could.
      outcomes.push(await this.reconcileEntry(entry, target.gateway, target.configId, 'interactive', target.signal));
    }
    return outcomes;
  }

  #confirm(
    entry: JournalEntry,
    definition: AnyActionDefinition,
    request: unknown,
    configId: string,
    outcome: object,
    alreadyDone: boolean,
    produced: unknown,
  ): Execution {
    const { archive, now } = this.deps;
    let tables: readonly string[] = [];
    const confirmed = archive.write.transaction(() => {
      const done = markOutcome(archive.write, entry.id, 'confirmed', outcome, now());
      tables = definition.record(archive.write, entry.connectionId, request, now(), produced);
      return done;
    })();
    this.deps.events.emit('archive.changed', { connectionId: configId, tables: [...tables, 'operations_journal'] as ArchiveTable[] });
    return { state: 'confirmed', entry: confirmed, alreadyDone };
  }

  #definition(kind: OperationKind): AnyActionDefinition {
    const definition = this.deps.definitions.get(kind);
    if (!definition) throw new Error(`No action definition for ${kind}`);
    return definition;
  }
}

/** The recorded outcome of a settled entry, as an Execution (never sent again). */
function fromStored(entry: JournalEntry): Execution {
  if (entry.state === 'confirmed') return { state: 'confirmed', entry, alreadyDone: true };
  return { state: 'failed', entry, error: failureOf(entry), retryable: (entry.outcome as Partial<StoredFailure> | null)?.retryable === true };
}

function failureOf(entry: JournalEntry): AppError {
  const stored = entry.outcome as Partial<StoredFailure> | null;
  return stored?.error ?? appError('internal', 'This call failed earlier.');
}

/**
 * Sends a call again while MTurk says it did not act on it (a transient refusal, or a call cancelled before it left),
 * at most `attempts` times. Each attempt has its own journal token, so a caller that runs again walks the same
 * attempts and finds each one's recorded outcome instead of sending again. The one retry rule of every write.
 */
export async function executeAttempts(
  executor: Pick<JournaledExecutor, 'execute'>,
  call: Omit<ActionCall, 'token'>,
  tokenOf: (attempt: number) => string,
  attempts: number,
): Promise<Execution> {
  // A call cancelled before it left was never an attempt at MTurk: it does not use one up, so a job cancelled and
  // resumed many times still gets all its tries (bounded, so no loop can spin on its own record).
  const neverSent = (outcome: Execution): boolean => outcome.state === 'failed' && outcome.error.kind === 'cancelled';
  let outcome = await executor.execute({ ...call, token: tokenOf(1) });
  let tried = neverSent(outcome) ? 0 : 1;
  for (let attempt = 2; tried < attempts && attempt <= attempts + MAX_CANCELLED_ATTEMPTS && outcome.state === 'failed' && outcome.retryable && !call.signal?.aborted; attempt++) {
    outcome = await executor.execute({ ...call, token: tokenOf(attempt) });
    if (!neverSent(outcome)) tried++;
  }
  return outcome;
}

/** How many cancelled-before-sending attempts one call may carry over resumes. */
const MAX_CANCELLED_ATTEMPTS = 100;
