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
  // One look at a time; changes during it make one more look after it, not one each (a sync changes a lot).
  const looking = useRef(false);
  const latest = useRef<{ watched: readonly string[]; muted: boolean } | null>(null);
  const watchedKey = watched.join(',');

  useEffect(() => {
    if (!ready) return;
    latest.current = { watched: watchedKey === '' ? [] : watchedKey.split(','), muted };
    if (looking.current) return;
    looking.current = true;
    void (async () => {
      try {
        while (latest.current) {
          const wanted = latest.current;
          latest.current = null;
          // A failed look (offline, signed out) is skipped: the next archive change looks again.
          const current = await look(wanted.watched).catch(() => null);
          if (!current) continue;
          const result = notificationsBetween(previous.current, current, warned.current, wanted.muted);
          previous.current = current;
          warned.current = result.warned;
          for (const n of result.notifications) show(n.title, n.body, n.tag);
        }
      } finally {
        looking.current = false;
      }
    })();
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
