import { handoff } from './handoff';

/** A worker chosen elsewhere (the review queue) whose dossier the Workers area opens as it mounts. */
export const workerToOpen = handoff<string>();
