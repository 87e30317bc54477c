import type { TurkbenchBridge } from '../../../shared/contract';
import { createHttpBridge, takeSessionToken } from './http-bridge';

declare global {
  interface Window {
    /** Present only inside the Electron window (exposed by the preload). */
    readonly turkbench?: TurkbenchBridge;
  }
}

/** Electron's preload bridge when it exists, otherwise serve mode's HTTP bridge. Null: no session. */
function pickBridge(): TurkbenchBridge | null {
  if (window.turkbench) return window.turkbench;
  const token = takeSessionToken(window.location, window.history, window.sessionStorage);
  return token ? createHttpBridge(token) : null;
}

export const bridge = pickBridge();
