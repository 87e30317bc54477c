import type { HitTypeNotificationsRow } from '../../shared/contract/notifications';
import { NOTIFICATION_TRANSPORTS, NOTIFICATION_VERSION, TEST_EVENT_TYPES, type NotificationTransport, type TestEventType } from '../../shared/notifications/notification-spec';
import { allowOnly, type ParsedCommand } from '../args';
import { CliFailure, table } from '../output';
import type { Session } from '../session';

const USAGE = 'Use: notifications list | set --hit-type-id ID --transport SQS|SNS|Email --destination D --events E1,E2 | on | off --hit-type-id ID | test --hit-type-id ID [--event TYPE] | feed [--after SEQ]';

/** `turkbench notifications …`: where each HIT type's events go, a test event, and the built-in Local MTurk's feed. */
export async function notificationsVerb(command: ParsedCommand, session: Session): Promise<void> {
  const sub = command.words[1];
  if (sub === 'list') return list(command, session);
  if (sub === 'set') return set(command, session);
  if (sub === 'on' || sub === 'off') return switchTo(command, session, sub === 'on');
  if (sub === 'test') return test(command, session);
  if (sub === 'feed') return feed(command, session);
  throw new CliFailure(USAGE, 2);
}

function list(command: ParsedCommand, session: Session): void {
  allowOnly(command, 'notifications list', ['archive']);
  const rows = session.services.notifications.list(session.readContext(command.options.archive));
  if (!rows.ok) throw CliFailure.from(rows.error);
  session.out.result(rows.value, () => (rows.value.length === 0 ? 'No HIT types in the archive yet (run "turkbench sync").' : table(['HIT TYPE', 'TITLE', 'HITS', 'NOTIFICATIONS'], rows.value.map(describeRow))));
}

const describeRow = (row: HitTypeNotificationsRow): string[] => [
  row.hitTypeId,
  row.title.length > 40 ? `${row.title.slice(0, 39)}…` : row.title,
  String(row.hits),
  row.settings ? `${row.settings.active ? 'on' : 'off'}: ${row.settings.transport} ${row.settings.destination} (${row.settings.eventTypes.join(', ')})` : 'not set here',
];

const hitTypeOf = (command: ParsedCommand): string => {
  const id = command.options['hit-type-id'];
  if (typeof id !== 'string' || id.trim() === '') throw new CliFailure(`notifications ${command.words[1]} needs --hit-type-id ID (see "turkbench notifications list").`, 2);
  return id.trim();
};

async function set(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'notifications set', ['hit-type-id', 'transport', 'destination', 'events', 'version', 'inactive']);
  const transport = command.options.transport;
  if (!NOTIFICATION_TRANSPORTS.includes(transport as NotificationTransport)) throw new CliFailure(`--transport must be one of ${NOTIFICATION_TRANSPORTS.join(', ')}.`, 2);
  const destination = command.options.destination;
  if (typeof destination !== 'string') throw new CliFailure('notifications set needs --destination (a queue URL, topic ARN or e-mail address).', 2);
  const events = command.options.events;
  if (typeof events !== 'string') throw new CliFailure('notifications set needs --events, e.g. --events AssignmentSubmitted,HITReviewable.', 2);
  const version = typeof command.options.version === 'string' ? command.options.version.trim() : NOTIFICATION_VERSION;
  if (version === '') throw new CliFailure(`--version needs the notification format version, e.g. ${NOTIFICATION_VERSION}.`, 2);
  const notification = { destination, transport: transport as NotificationTransport, version, eventTypes: events.split(',').map((e) => e.trim()).filter(Boolean) };
  const done = await session.services.notifications.update({ hitTypeId: hitTypeOf(command), notification, active: command.options.inactive !== true }, session.context());
  if (!done.ok) throw CliFailure.from(done.error);
  session.out.result(done.value, () => `Notifications ${done.value.active ? 'on' : 'set but off'}: ${done.value.eventTypes.join(', ')} → ${done.value.transport} ${done.value.destination}`);
}

async function switchTo(command: ParsedCommand, session: Session, active: boolean): Promise<void> {
  allowOnly(command, `notifications ${active ? 'on' : 'off'}`, ['hit-type-id']);
  const done = await session.services.notifications.update({ hitTypeId: hitTypeOf(command), active }, session.context());
  if (!done.ok) throw CliFailure.from(done.error);
  session.out.result(done.value, () => `Notifications for ${hitTypeOf(command)} are ${active ? 'on' : 'off'}.`);
}

async function test(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'notifications test', ['hit-type-id', 'event']);
  const event = command.options.event ?? 'Ping';
  if (!TEST_EVENT_TYPES.includes(event as TestEventType)) throw new CliFailure(`--event must be one of ${TEST_EVENT_TYPES.join(', ')}.`, 2);
  const done = await session.services.notifications.test({ hitTypeId: hitTypeOf(command), testEventType: event as TestEventType }, session.context());
  if (!done.ok) throw CliFailure.from(done.error);
  session.out.result(done.value, () => `MTurk took a ${String(event)} test event for ${hitTypeOf(command)}; check the destination.`);
}

async function feed(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'notifications feed', ['after']);
  const after = command.options.after === undefined ? 0 : Number(command.options.after);
  if (!Number.isInteger(after) || after < 0) throw new CliFailure('--after must be a sequence number (0 or more).', 2);
  const events = await session.services.localMTurk.events(after);
  if (!events.ok) throw CliFailure.from(events.error);
  session.out.result(events.value, () =>
    events.value.length === 0
      ? 'The built-in Local MTurk has sent no notification events yet.'
      : table(['SEQ', 'TIME (UTC)', 'EVENT', 'HIT', 'TO', 'TEST'], events.value.map((e) => [String(e.seq), new Date(e.time).toISOString().slice(0, 19), e.eventType, e.hitId ?? '', `${e.transport} ${e.destination}`, e.test ? 'yes' : ''])),
  );
}
