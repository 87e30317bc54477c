/**
 * The one contract between the renderer and the main process. Both transports (Electron IPC via the
 * preload, and the loopback HTTP bridge of serve mode) are generated from these two tables; nothing
 * crosses the boundary that is not named here. Later areas add their own files and combine them in.
 */
import type { z } from 'zod';
import type { Result } from '../result';
import { combine, type EventSpec, type MethodSpec } from './define';
import { appEvents, appMethods } from './app';
import { archiveEvents, archiveMethods } from './archive';
import { auditMethods } from './audit';
import { dashboardMethods } from './dashboard';
import { exclusionMethods } from './exclusions';
import { batchFolderMethods } from './batch-folders';
import { batchMethods } from './batches';
import { bonusMethods } from './bonuses';
import { bonusRuleMethods } from './bonus-rules';
import { compensationMethods } from './compensation';
import { browseMethods } from './browse';
import { connectionEvents, connectionMethods } from './connections';
import { jobEvents, jobMethods } from './jobs';
import { localMTurkMethods } from './local-mturk';
import { manageHitsMethods } from './manage-hits';
import { notificationMethods } from './notifications';
import { qualityMethods } from './quality';
import { reviewFileMethods } from './review-file';
import { reviewMethods } from './review';
import { workersMethods } from './workers';

export const methods = combine(appMethods, connectionMethods, archiveMethods, browseMethods, jobMethods, manageHitsMethods, auditMethods, reviewMethods, batchFolderMethods, batchMethods, localMTurkMethods, bonusMethods, bonusRuleMethods, workersMethods, dashboardMethods, notificationMethods, qualityMethods, reviewFileMethods, exclusionMethods, compensationMethods);

export const events = combine(appEvents, connectionEvents, archiveEvents, jobEvents);

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Events = typeof events;
export type EventName = keyof Events;

export type MethodInput<M extends MethodName> = Methods[M] extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInput<M extends MethodName> = Methods[M] extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type MethodOutput<M extends MethodName> = Methods[M] extends MethodSpec<z.ZodType, infer O> ? O : never;
export type EventPayload<E extends EventName> = Events[E] extends EventSpec<infer P> ? P : never;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/** What the renderer sees, whichever transport carries it. */
export type TurkbenchApi = {
  readonly [M in MethodName]: undefined extends MethodInput<M>
    ? (input?: MethodInput<M>) => Promise<Result<MethodOutput<M>>>
    : (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
};

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;
export type Unsubscribe = () => void;

/** The full bridge object the preload exposes (and the HTTP client mirrors). */
export interface TurkbenchBridge {
  readonly api: TurkbenchApi;
  on<E extends EventName>(name: E, listener: EventListener<E>): Unsubscribe;
  /**
   * Called whenever events may have been missed — browser mode's event stream opened or reopened — so every view
   * asks again. Electron's IPC loses no event and leaves it out.
   */
  onResync?(listener: () => void): Unsubscribe;
}

/** IPC channel names, derived so the preload and main can never disagree. */
export const ipcChannel = (name: MethodName): string => `turkbench:${name}`;
export const IPC_EVENT_CHANNEL = 'turkbench:event';
