/**
 * HIT types' notification settings: checked in words before anything is sent, set through the journaled executor at
 * interactive priority, and remembered in the archive (MTurk has no call to read them back). A test event goes to the
 * destination last set for the HIT type.
 */
import type { HitTypeNotificationsRow, NotificationSettings } from '../../../shared/contract/notifications';
import { appError } from '../../../shared/errors';
import { checkNotificationSpec, type NotificationEventType, type NotificationSpec, type TestEventType } from '../../../shared/notifications/notification-spec';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { hitTypesWithNotifications, notificationSettingsFor } from '../../archive/repos/notification-settings';
import type { JournaledExecutor } from '../actions/journaled-executor';
import type { Reconciler } from '../actions/reconciler';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import { writeTarget } from '../workers/write-target';

export interface NotificationsServiceDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly executor: JournaledExecutor;
  readonly reconciler: Reconciler;
  readonly now: () => number;
}

export interface SpecInput {
  readonly destination: string;
  readonly transport: NotificationSpec['transport'];
  readonly version: string;
  readonly eventTypes: readonly string[];
}

export class NotificationsService {
  constructor(private readonly deps: NotificationsServiceDeps) {}

  list(context: ConnectionContext = this.deps.contexts.active()): Result<HitTypeNotificationsRow[]> {
    return ok(context.archiveId === null ? [] : hitTypesWithNotifications(this.deps.archive.read, context.archiveId));
  }

  async update(
    input: { hitTypeId: string; notification?: SpecInput; active: boolean },
    context: ConnectionContext = this.deps.contexts.active(),
  ): Promise<Result<NotificationSettings>> {
    let notification: NotificationSpec | undefined;
    if (input.notification) {
      const checked = checkedSpec(input.notification);
      if (!checked.ok) return checked;
      notification = checked.value;
    }
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    if (!notification && !notificationSettingsFor(this.deps.archive.read, target.value.archiveConnectionId, input.hitTypeId)) {
      return err(appError('validation', `HIT type ${input.hitTypeId} has no notification destination set from here yet; set one first.`, { field: 'notification' }));
    }
    const done = await this.deps.executor.execute({
      ...target.value,
      kind: 'update-notification-settings',
      request: { hitTypeId: input.hitTypeId, notification, active: input.active },
      token: `notifications:${input.hitTypeId}:${this.deps.now()}`,
      costCents: null,
      lane: 'interactive',
    });
    if (done.state !== 'confirmed') return err(done.error);
    const stored = notificationSettingsFor(this.deps.archive.read, target.value.archiveConnectionId, input.hitTypeId);
    return stored ? ok(stored) : err(appError('internal', 'MTurk took the settings but they were not recorded; set them again.'));
  }

  async test(input: { hitTypeId: string; testEventType: TestEventType }, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<{ sent: true }>> {
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    const stored = notificationSettingsFor(this.deps.archive.read, target.value.archiveConnectionId, input.hitTypeId);
    if (!stored) return err(appError('validation', `HIT type ${input.hitTypeId} has no notification destination set from here; set one, then send a test.`, { field: 'hitTypeId' }));
    const { destination, transport, version, eventTypes } = stored;
    const done = await this.deps.executor.execute({
      ...target.value,
      kind: 'send-test-event',
      request: { hitTypeId: input.hitTypeId, notification: { destination, transport, version, eventTypes }, testEventType: input.testEventType },
      token: `test-event:${input.hitTypeId}:${this.deps.now()}`,
      costCents: null,
      lane: 'interactive',
    });
    return done.state === 'confirmed' ? ok({ sent: true }) : err(done.error);
  }
}

/** The specification, or the first problem in words naming its field (all of them in the message). */
export function checkedSpec(input: SpecInput): Result<NotificationSpec> {
  const problems = checkNotificationSpec(input);
  if (problems.length > 0) return err(appError('validation', problems.map((p) => p.message).join(' '), { field: problems[0]!.field }));
  return ok({ destination: input.destination.trim(), transport: input.transport, version: input.version, eventTypes: input.eventTypes as NotificationEventType[] });
}
