import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';

/**
 * Keeps the archive current without the user thinking about it: an incremental sync whenever the
 * active connection comes online (an interrupted sync resumes then), and again on an interval.
 */
export function startAutoSync(opts: {
  events: EventBus;
  sync: () => Promise<unknown>;
  intervalMs: number;
  log: Logger;
}): () => void {
  const run = (): void => {
    opts.sync().catch((cause: unknown) => opts.log.warn('automatic sync could not start', cause));
  };
  const unsubscribe = opts.events.subscribe((name, payload) => {
    if (name === 'connection.changed' && (payload as { state?: string }).state === 'online') run();
  });
  const timer = setInterval(run, opts.intervalMs);
  timer.unref();
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
