/**
 * Notification events. An event is recorded in the event log when the HIT type has an active
 * notification specification listing that event type — the log is what would have been sent to SQS/SNS.
 * The message body is MTurk's documented notification JSON document.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OpContext } from '../ops/types';
import { sql } from '../store/statements';

export type EventType =
  | 'AssignmentAccepted'
  | 'AssignmentAbandoned'
  | 'AssignmentReturned'
  | 'AssignmentSubmitted'
  | 'AssignmentRejected'
  | 'AssignmentApproved'
  | 'HITCreated'
  | 'HITExpired'
  | 'HITReviewable'
  | 'HITExtended'
  | 'HITDisposed'
  | 'Ping';

export interface EventSubject {
  hitTypeId?: string;
  hitId?: string;
  assignmentId?: string;
}

export interface NotificationSpec {
  Destination: string;
  Transport: string;
  Version: string;
  EventTypes: string[];
}

interface SettingsRow {
  destination: string;
  transport: string;
  version: string;
  event_types: string;
  active: number;
}

/** A stable requester customer id (A + 13) derived from the access key: the real message carries one. */
export function customerIdOf(accessKeyId: string): string {
  const digest = createHash('sha256').update(accessKeyId).digest('hex').toUpperCase();
  return `A${digest.slice(0, 13)}`;
}

function messageBody(ctx: OpContext, type: EventType, subject: EventSubject, version: string): string {
  const event: Record<string, string> = { EventType: type, EventTimestamp: new Date(ctx.now()).toISOString() };
  if (subject.hitTypeId) event.HITTypeId = subject.hitTypeId;
  if (subject.hitId) event.HITId = subject.hitId;
  if (subject.assignmentId) event.AssignmentId = subject.assignmentId;
  return JSON.stringify({
    Events: [event],
    EventDocId: randomBytes(20).toString('hex'),
    SourceAccount: '000000000000',
    CustomerId: customerIdOf(ctx.accessKeyId),
    EventDocVersion: version,
  });
}

function record(ctx: OpContext, type: EventType, subject: EventSubject, spec: NotificationSpec, test: boolean): void {
  sql(
    ctx.db,
    `INSERT INTO event_log (time_ms, event_type, hit_type_id, hit_id, assignment_id, destination, transport, test, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    ctx.now(),
    type,
    subject.hitTypeId ?? null,
    subject.hitId ?? null,
    subject.assignmentId ?? null,
    spec.Destination,
    spec.Transport,
    test ? 1 : 0,
    messageBody(ctx, type, subject, spec.Version),
  );
}

export function emitEvent(ctx: OpContext, type: EventType, subject: EventSubject): void {
  if (!subject.hitTypeId) return;
  const row = sql(ctx.db, 'SELECT * FROM notification_settings WHERE hit_type_id = ?').get(subject.hitTypeId) as
    | SettingsRow
    | undefined;
  if (!row || !row.active) return;
  const eventTypes = JSON.parse(row.event_types) as string[];
  if (!eventTypes.includes(type)) return;
  record(ctx, type, subject, {
    Destination: row.destination,
    Transport: row.transport,
    Version: row.version,
    EventTypes: eventTypes,
  }, false);
}

/** SendTestEventNotification: sent immediately with the given spec, even if its EventTypes omit the type. */
export function emitTestEvent(ctx: OpContext, type: EventType, spec: NotificationSpec): void {
  record(ctx, type, {}, spec, true);
}

export interface LoggedEvent {
  seq: number;
  time: number;
  eventType: string;
  hitTypeId?: string;
  hitId?: string;
  assignmentId?: string;
  destination: string;
  transport: string;
  test: boolean;
  message: unknown;
}

export function readEventLog(db: OpContext['db'], afterSeq = 0): LoggedEvent[] {
  const rows = sql(db, 'SELECT * FROM event_log WHERE seq > ? ORDER BY seq').all(afterSeq) as {
    seq: number;
    time_ms: number;
    event_type: string;
    hit_type_id: string | null;
    hit_id: string | null;
    assignment_id: string | null;
    destination: string;
    transport: string;
    test: number;
    message: string;
  }[];
  return rows.map((r) => ({
    seq: r.seq,
    time: r.time_ms,
    eventType: r.event_type,
    ...(r.hit_type_id ? { hitTypeId: r.hit_type_id } : {}),
    ...(r.hit_id ? { hitId: r.hit_id } : {}),
    ...(r.assignment_id ? { assignmentId: r.assignment_id } : {}),
    destination: r.destination,
    transport: r.transport,
    test: r.test === 1,
    message: JSON.parse(r.message) as unknown,
  }));
}
