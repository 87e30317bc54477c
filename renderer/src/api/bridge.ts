import type { TurkbenchBridge } from '../../../shared/contract';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    /** Present only inside the Electron window (exposed by the preload). */
    readonly turkbench?: TurkbenchBridge;
  }
}

/**
 * Electron's preload bridge when it exists, otherwise serve mode's HTTP bridge: the server serves this
 * page only to a browser signed in with the one-time code, and its session cookie authenticates calls.
 */
function pickBridge(): TurkbenchBridge | null {
  return window.turkbench ?? createHttpBridge();
}

export const bridge = pickBridge();
