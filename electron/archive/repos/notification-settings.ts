/** HIT types' notification specifications as last set from here (MTurk cannot be asked for them). */
import type { NotificationEventType, NotificationSpec, NotificationTransport } from '../../../shared/notifications/notification-spec';
import type { ReadDb, WriteDb } from '../db-types';
import { num, prepared, str, type SqlRow } from './statements';

export interface StoredNotificationSettings extends NotificationSpec {
  readonly hitTypeId: string;
  readonly active: boolean;
  readonly updatedAt: number;
}

export function saveNotificationSettings(db: WriteDb, connectionId: number, hitTypeId: string, spec: NotificationSpec, active: boolean, now: number): void {
  prepared(
    db,
    `INSERT INTO notification_settings (connection_id, hit_type_id, destination, transport, version, event_types, active, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, hit_type_id) DO UPDATE SET destination = excluded.destination, transport = excluded.transport,
       version = excluded.version, event_types = excluded.event_types, active = excluded.active, updated_at = excluded.updated_at`,
  ).run(connectionId, hitTypeId, spec.destination, spec.transport, spec.version, JSON.stringify(spec.eventTypes), active ? 1 : 0, now);
}

/** Switches a stored specification on or off; false when none is stored for the HIT type. */
export function setNotificationsActive(db: WriteDb, connectionId: number, hitTypeId: string, active: boolean, now: number): boolean {
  const changed = prepared(db, `UPDATE notification_settings SET active = ?, updated_at = ? WHERE connection_id = ? AND hit_type_id = ?`).run(
    active ? 1 : 0,
    now,
    connectionId,
    hitTypeId,
  );
  return changed.changes > 0;
}

function fromRow(row: SqlRow): StoredNotificationSettings {
  return {
    hitTypeId: str(row, 'hit_type_id'),
    destination: str(row, 'destination'),
    transport: str(row, 'transport') as NotificationTransport,
    version: str(row, 'version'),
    eventTypes: JSON.parse(str(row, 'event_types')) as NotificationEventType[],
    active: num(row, 'active') === 1,
    updatedAt: num(row, 'updated_at'),
  };
}

export function notificationSettingsFor(db: ReadDb, connectionId: number, hitTypeId: string): StoredNotificationSettings | null {
  const row = prepared(db, `SELECT * FROM notification_settings WHERE connection_id = ? AND hit_type_id = ?`).get(connectionId, hitTypeId) as SqlRow | undefined;
  return row ? fromRow(row) : null;
}

export function allNotificationSettings(db: ReadDb, connectionId: number): StoredNotificationSettings[] {
  const rows = prepared(db, `SELECT * FROM notification_settings WHERE connection_id = ? ORDER BY updated_at DESC`).all(connectionId) as SqlRow[];
  return rows.map(fromRow);
}

export interface HitTypeNotifications {
  readonly hitTypeId: string;
  readonly title: string;
  readonly hits: number;
  readonly settings: StoredNotificationSettings | null;
}

/** Every archived HIT type, newest first, with its specification when one was set from here. */
export function hitTypesWithNotifications(db: ReadDb, connectionId: number): HitTypeNotifications[] {
  const rows = prepared(
    db,
    `SELECT t.hit_type_id AS type_id, t.title, (SELECT COUNT(*) FROM hits h WHERE h.connection_id = t.connection_id AND h.hit_type_id = t.hit_type_id) AS hits, n.*
       FROM hit_types t LEFT JOIN notification_settings n ON n.connection_id = t.connection_id AND n.hit_type_id = t.hit_type_id
      WHERE t.connection_id = ? ORDER BY t.last_seen_at DESC, t.id DESC`,
  ).all(connectionId) as SqlRow[];
  return rows.map((row) => ({
    hitTypeId: str(row, 'type_id'),
    title: str(row, 'title'),
    hits: num(row, 'hits'),
    settings: row.destination === null || row.destination === undefined ? null : fromRow(row),
  }));
}
