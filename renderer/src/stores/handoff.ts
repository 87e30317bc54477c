/**
 * A value one area hands to another it is about to open (the worker whose dossier to show, the work to bonus, the
 * batch to review): given once, taken once as the other area mounts, so coming back later starts afresh.
 */
export interface Handoff<T> {
  give(value: T): void;
  /** The value given, once; null when none is waiting. */
  take(): T | null;
}

export function handoff<T>(): Handoff<T> {
  let held: T | null = null;
  return {
    give: (value) => {
      held = value;
    },
    take: () => {
      const value = held;
      held = null;
      return value;
    },
  };
}
