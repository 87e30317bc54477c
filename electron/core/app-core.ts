import type { AppInfo } from '../../shared/contract/app';
import { createAppHandlers } from '../handlers/app-handlers';
import { createArchiveHandlers } from '../handlers/archive-handlers';
import { createAuditHandlers } from '../handlers/audit-handlers';
import { createBatchFolderHandlers } from '../handlers/batch-folder-handlers';
import { createBatchHandlers, type FolderPicker } from '../handlers/batch-handlers';
import { createBrowseHandlers } from '../handlers/browse-handlers';
import { createConnectionHandlers } from '../handlers/connection-handlers';
import { createJobHandlers } from '../handlers/job-handlers';
import { createLocalMTurkHandlers } from '../handlers/local-mturk-handlers';
import { createNotificationHandlers } from '../handlers/notification-handlers';
import { createBonusHandlers } from '../handlers/bonus-handlers';
import { createBonusRuleHandlers } from '../handlers/bonus-rule-handlers';
import { createCompensationHandlers } from '../handlers/compensation-handlers';
import { settleCompensationsAfterSync } from '../services/compensation/settle-after-sync';
import { stepBatchesAfterSync } from '../services/batches/step-batches-after-sync';
import { createDashboardHandlers } from '../handlers/dashboard-handlers';
import { createWorkersHandlers } from '../handlers/workers-handlers';
import { createExclusionHandlers } from '../handlers/exclusion-handlers';
import { createManageHitsHandlers } from '../handlers/manage-hits-handlers';
import { createReviewHandlers } from '../handlers/review-handlers';
import { createQualityHandlers } from '../handlers/quality-handlers';
import type { Logger } from '../logging/logger';
import type { PrefsStore } from '../prefs/prefs-store';
import { startAutoSync } from '../services/sync/auto-sync';
import type { Cipher } from '../services/connections/secret-vault';
import { ok } from '../../shared/result';
import { dispatch, type Dispatch } from './dispatch';
import type { EventBus } from './event-bus';
import type { Handlers } from './handlers';
import { createServices, type Services } from './services';

const AUTO_SYNC_EVERY_MS = 15 * 60_000;

export interface AppCoreDeps {
  readonly info: AppInfo;
  readonly prefs: PrefsStore;
  readonly log: Logger;
  /** The OS keychain (Electron's safeStorage), or why there is none (browser mode, no secret service). */
  readonly keychain: { cipher: Cipher } | { unavailable: string };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** Probe the active connection at start (starting the embedded Local MTurk if it is active) and sync automatically. */
  readonly autoConnect?: boolean;
  /** The desktop shell's folder picker; absent in browser mode and the tests. */
  readonly pickFolder?: FolderPicker;
}

export interface AppCore {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly dispatch: Dispatch;
  readonly services: Services;
  dispose(): Promise<void>;
}

/**
 * Everything behind the contract, with no Electron in sight: the Electron shell and serve mode both
 * build one of these and put their transport in front of it. The services themselves are wired in createServices.
 */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const front = deps.info.mode === 'electron' ? 'the Turkbench app' : 'Turkbench in browser mode';
  const services = createServices({ dataDir: deps.info.dataDir, log: deps.log, keychain: deps.keychain, env: deps.env, homeDir: deps.homeDir, front });
  const { events, connections } = services;
  services.actionJobs.markInterrupted(Date.now());

  // `satisfies` makes a contract method without a handler a compile error.
  const handlers = {
    ...createAppHandlers({ info: deps.info, prefs: deps.prefs, events, connectionStatus: () => connections.status() }),
    ...createConnectionHandlers(connections),
    ...createArchiveHandlers(services.archive, services.contexts),
    ...createBrowseHandlers(services.browse),
    ...createJobHandlers({
      runner: services.jobs,
      actionJobs: services.actionJobs,
      reconcile: () => services.reconciler.run(services.contexts.active()),
      resumeSync: async (configId) => {
        const context = services.contexts.get(configId);
        if (!context.ok) return context;
        const started = await services.archive.startSync('incremental', context.value);
        return started.ok ? ok(started.value.jobId) : started;
      },
    }),
    ...createManageHitsHandlers(services.manageHits),
    ...createBonusHandlers(services.bonuses),
    ...createBonusRuleHandlers(services.bonusRules),
    ...createCompensationHandlers(services.compensation),
    ...createAuditHandlers(services.audit, Date.now),
    ...createReviewHandlers(services.review, services.replay),
    ...createQualityHandlers(services.quality),
    ...createBatchFolderHandlers(services.batchEditor),
    ...createBatchHandlers(
      { archive: services.archiveDb, contexts: services.contexts, overview: services.batchOverview, launcher: services.batches, controls: services.batchControls, crowd: services.batchCrowd },
      deps.pickFolder,
    ),
    ...createLocalMTurkHandlers(services.localMTurk),
    ...createDashboardHandlers(services.dashboard, services.contexts),
    ...createWorkersHandlers({ workers: services.workers, messages: services.messages, qualifications: services.qualifications, testPreview: services.testPreview, contexts: services.contexts }),
    ...createNotificationHandlers(services.notifications, services.contexts),
    ...createExclusionHandlers(services.exclusions),
  } satisfies Handlers;

  let stopAutoSync = (): void => undefined;
  const stopSettling = settleCompensationsAfterSync({ events, contexts: services.contexts, compensation: services.compensation, log: deps.log.child('compensation') });
  const stopStepping = stepBatchesAfterSync({ events, contexts: services.contexts, archive: services.archiveDb, runner: services.batchRunner, log: deps.log.child('batches') });
  if (deps.autoConnect !== false) {
    stopAutoSync = startAutoSync({ events, sync: () => services.archive.autoSync(), intervalMs: AUTO_SYNC_EVERY_MS, log: deps.log.child('auto-sync') });
    // Once the active connection answers, settle what a crash or a lost answer left open.
    void connections.refreshStatus().then((status) => {
      if (status.state === 'online') void services.reconciler.ensure(services.contexts.active());
    });
  }

  return {
    handlers,
    events,
    services,
    dispatch: (name, input) => dispatch(handlers, name, input, deps.log.child('dispatch')),
    dispose: async () => {
      stopAutoSync();
      stopSettling();
      stopStepping();
      await services.dispose();
    },
  };
}
