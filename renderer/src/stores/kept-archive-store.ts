import { create } from 'zustand';

/** A kept archive the user opened from "Archives on this computer": its connection was removed, so it is read-only. */
export interface OpenKeptArchive {
  readonly archiveId: number;
  readonly label: string;
  /** Where its account lives (an endpoint, or the built-in Local MTurk): where a connection would have to point again. */
  readonly where: string;
}

interface KeptArchiveState {
  /** The kept archive the HITs grid and the Archive screen show instead of the active connection's; null for that one. */
  readonly open: OpenKeptArchive | null;
  openArchive(archive: OpenKeptArchive): void;
  closeArchive(): void;
}

export const useKeptArchiveStore = create<KeptArchiveState>((set) => ({
  open: null,
  openArchive: (archive) => set({ open: archive }),
  closeArchive: () => set({ open: null }),
}));

/** What every archive read adds to its input: the kept archive open now, or nothing (the active connection's). */
export function archiveScope(): { archiveId?: number } {
  const open = useKeptArchiveStore.getState().open;
  return open ? { archiveId: open.archiveId } : {};
}

/** Why a write is not offered while a kept archive is open. */
export const KEPT_READ_ONLY = 'Read-only: no connection uses this archive, so nothing can be sent to MTurk from it. Add its connection again to act on its HITs.';
