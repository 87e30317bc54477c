/**
 * A fetch that asks at most once at a time. A launch or a sync changes the archive many times a second, and each
 * change asks the Batches views to refetch; every ask made while one is in flight shares a single follow-up, sent
 * `gapMs` after the one in flight answers. So the main process reads a large batch a few times a second at most,
 * and the last answer is always from after the last change.
 */
export function coalesce<T>(run: () => Promise<T>, gapMs: number, wait: (ms: number) => Promise<void> = delay): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const current = run().finally(() => {
      if (inFlight === current) inFlight = null;
    });
    inFlight = current;
    return current;
  };
  return () => {
    if (!inFlight) return start();
    next ??= inFlight
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => wait(gapMs))
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
