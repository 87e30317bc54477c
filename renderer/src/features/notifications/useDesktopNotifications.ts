import { useEffect, useRef } from 'react';
import { bridge } from '../../api/bridge';
import { useAppStore } from '../../stores/app-store';
import { useArchiveRefresh } from '../hits/useArchiveRefresh';
import { dueSoonGroups, notificationsBetween, type WatchSnapshot } from './desktop-notifications';

const NONE: readonly string[] = [];

/** One look at the archive: work received per watched batch, and work due within 24 hours per batch. */
async function look(watched: readonly string[]): Promise<WatchSnapshot | null> {
  if (!bridge) return null;
  const [batches, deadlines] = await Promise.all([bridge.api['batches.list'](), bridge.api['dashboard.deadlines']()]);
  if (!batches.ok || !deadlines.ok) return null;
  const wanted = new Set(watched);
  return {
    watched: new Map(batches.value.filter((b) => wanted.has(b.id)).map((b) => [b.id, { name: b.name, received: b.figures.assignments.submitted }])),
    dueSoon: dueSoonGroups(deadlines.value),
  };
}

/**
 * Desktop notifications for new work in watched batches and approaching auto-approval, shown through the web
 * Notification API (Electron turns it into an OS notification). It looks again whenever the archive's assignments
 * or batches change — no timer of its own.
 */
export function useDesktopNotifications(): void {
  const ready = useAppStore((s) => s.status === 'ready');
  const watched = useAppStore((s) => s.prefs.watchedBatches) ?? NONE;
  const muted = useAppStore((s) => s.prefs.notificationsMuted) === true;
  const refresh = useArchiveRefresh(['assignments', 'batches']);
  const previous = useRef<WatchSnapshot | null>(null);
  const warned = useRef<ReadonlySet<string>>(new Set());
  // Looks run one after another, so two quick changes compare in order.
  const chain = useRef<Promise<void>>(Promise.resolve());
  const watchedKey = watched.join(',');

  useEffect(() => {
    if (!ready) return;
    chain.current = chain.current.then(async () => {
      const current = await look(watchedKey === '' ? [] : watchedKey.split(','));
      if (!current) return;
      const result = notificationsBetween(previous.current, current, warned.current, muted);
      previous.current = current;
      warned.current = result.warned;
      for (const n of result.notifications) show(n.title, n.body, n.tag);
    });
  }, [ready, refresh, watchedKey, muted]);
}

function show(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  new Notification(title, { body, tag });
}

/** Asks for permission from a click (browsers only ask on a user gesture); Electron grants it already. */
export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
}
