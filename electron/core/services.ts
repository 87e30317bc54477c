import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCheckpointer } from '../archive/checkpointer';
import { openArchive, type ArchiveDb } from '../archive/connection';
import type { Logger } from '../logging/logger';
import { ActionJobs } from '../services/actions/action-jobs';
import { JournaledExecutor } from '../services/actions/journaled-executor';
import { Reconciler } from '../services/actions/reconciler';
import { actionRegistry } from '../services/actions/registry';
import { ArchiveService } from '../services/archive/archive-service';
import { AuditService } from '../services/audit/audit-service';
import { BrowseService } from '../services/browse/browse-service';
import { ConnectionContexts } from '../services/connections/connection-context';
import { ConnectionService } from '../services/connections/connection-service';
import { createConnectionFileStore } from '../services/connections/connection-store';
import { GatewayPool } from '../services/connections/gateway-pool';
import { LocalMTurkHost } from '../services/connections/local-host';
import { NotificationsService } from '../services/notifications/notifications-service';
import { createEncryptedFileVault, type Cipher } from '../services/connections/secret-vault';
import { BatchControls } from '../services/batches/batch-controls';
import { BatchCrowd } from '../services/batches/batch-crowd';
import { BatchEditorService } from '../services/batches/batch-editor';
import { BatchLauncher } from '../services/batches/batch-launcher';
import { BatchOverview } from '../services/batches/batch-overview';
import { BatchRunner } from '../services/batches/batch-runner';
import { LocalMTurkService } from '../services/local-mturk/local-mturk-service';
import { BonusLedgerService } from '../services/bonuses/bonus-ledger-service';
import { BonusRuleService } from '../services/bonuses/bonus-rule-service';
import { CompensationService } from '../services/compensation/compensation-service';
import { recordRefusalsWhenBonusJobsEnd } from '../services/bonuses/record-refusals';
import { DashboardService } from '../services/dashboard/dashboard-service';
import { ManageHitsService } from '../services/hits/manage-hits-service';
import { MessagesService } from '../services/workers/messages-service';
import { QualificationsService } from '../services/workers/qualifications-service';
import { TestPreviewService } from '../services/workers/test-preview-service';
import { ExclusionService } from '../services/workers/exclusion-service';
import { WorkersService } from '../services/workers/workers-service';
import { JobRunner } from '../services/jobs/job-runner';
import { ReplayService } from '../services/review/replay-service';
import { ReviewService } from '../services/review/review-service';
import { QualityService } from '../services/quality/quality-service';
import { SyncService } from '../services/sync/sync-service';
import { lockDataFolder } from './data-folder-lock';
import { EventBus } from './event-bus';

export interface ServicesDeps {
  readonly dataDir: string;
  readonly log: Logger;
  /** The OS keychain (Electron's safeStorage), or why there is none (browser mode, the CLI, tests). */
  readonly keychain: { cipher: Cipher } | { unavailable: string };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly now?: () => number;
  /** Who opens the data folder ("the app", "the turkbench CLI"): named to the next one that tries. */
  readonly front?: string;
}

export interface Services {
  readonly events: EventBus;
  readonly archiveDb: ArchiveDb;
  readonly connections: ConnectionService;
  readonly contexts: ConnectionContexts;
  readonly sync: SyncService;
  readonly archive: ArchiveService;
  readonly browse: BrowseService;
  readonly executor: JournaledExecutor;
  readonly jobs: JobRunner;
  readonly reconciler: Reconciler;
  readonly actionJobs: ActionJobs;
  readonly manageHits: ManageHitsService;
  readonly batches: BatchLauncher;
  readonly batchEditor: BatchEditorService;
  readonly batchOverview: BatchOverview;
  /** Results, pause, resume and add assignments for a launched batch. */
  readonly batchControls: BatchControls;
  /** Keeps a launched batch going: sync, exclusions, next sub-HITs. */
  readonly batchRunner: BatchRunner;
  /** A batch tried on the built-in Local MTurk: its simulated crowd, then the batch's work archived. */
  readonly batchCrowd: BatchCrowd;
  readonly bonuses: BonusLedgerService;
  readonly bonusRules: BonusRuleService;
  readonly compensation: CompensationService;
  readonly audit: AuditService;
  readonly review: ReviewService;
  /** An assignment replayed read-only in its own HIT question (on the batch editor's preview host). */
  readonly replay: ReplayService;
  readonly quality: QualityService;
  readonly localMTurk: LocalMTurkService;
  /** Workers list, dossiers, notes and tags, hard and soft blocks. */
  readonly workers: WorkersService;
  /** NotifyWorkers in checked chunks with per-worker delivery. */
  readonly messages: MessagesService;
  /** Qualification types, grants and requests. */
  readonly qualifications: QualificationsService;
  /** HIT types' notification settings and test events. */
  readonly notifications: NotificationsService;
  readonly testPreview: TestPreviewService;
  readonly exclusions: ExclusionService;
  /** Spend, liabilities, the auto-approval radar: the Dashboard's figures. */
  readonly dashboard: DashboardService;
  dispose(): Promise<void>;
}

/**
 * Every service wired once, for every front: the Electron window, browser mode, the CLI and the tests all build
 * exactly this, so none of them can drift from the others.
 */
export function createServices(deps: ServicesDeps): Services {
  const { dataDir, log } = deps;
  const now = deps.now ?? Date.now;
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataFolder(dataDir, deps.front ?? 'Turkbench');
  const events = new EventBus();
  const vault = createEncryptedFileVault(join(dataDir, 'secrets.json'), deps.keychain);
  const localFolder = join(dataDir, 'local-mturk');
  const localHost = new LocalMTurkHost(localFolder, log.child('local-mturk'));
  const gateways = new GatewayPool({
    vault,
    localHost,
    env: deps.env,
    homeDir: deps.homeDir,
  });
  const connections = new ConnectionService({
    store: createConnectionFileStore(join(dataDir, 'connections.json'), log.child('connections')),
    vault,
    gateways,
    events,
    log: log.child('connections'),
  });
  const archiveDb = openArchive(join(dataDir, 'archive.sqlite'), log.child('archive'));
  const checkpointer = startCheckpointer(archiveDb, { log: log.child('archive') });
  const contexts = new ConnectionContexts({ connections, archive: archiveDb, now });
  const jobs = new JobRunner({ archive: archiveDb, events, log: log.child('jobs'), now, newId: randomUUID });
  const sync = new SyncService({ archive: archiveDb, events, log, now, jobs });
  const archive = new ArchiveService({ archive: archiveDb, connections, contexts, sync, now, events });
  const browse = new BrowseService({ archive: archiveDb, contexts });
  const executor = new JournaledExecutor({
    archive: archiveDb, events, log: log.child('journal'), now, definitions: actionRegistry(),
    onJobItemSettled: (jobId, outcome) => jobs.settleUnknownItem(jobId, outcome),
  });
  const actionJobs = new ActionJobs({ archive: archiveDb, runner: jobs, executor, contexts });
  const reconciler = new Reconciler({ archive: archiveDb, executor });
  const manageHits = new ManageHitsService({ archive: archiveDb, contexts, actionJobs, runner: jobs, reconciler, now });
  const review = new ReviewService({ archive: archiveDb, contexts, actionJobs, runner: jobs, reconciler, events, now });
  const quality = new QualityService({ archive: archiveDb, contexts });
  const bonusRules = new BonusRuleService({ archive: archiveDb, contexts, quality });
  const audit = new AuditService({ archive: archiveDb, contexts, connections });
  const exclusions = new ExclusionService({ archive: archiveDb, contexts, actionJobs, reconciler, now });
  const batches = new BatchLauncher({ archive: archiveDb, contexts, executor, actionJobs, runner: jobs, reconciler, exclusions, now });
  const batchEditor = new BatchEditorService();
  const replay = new ReplayService({ archive: archiveDb, contexts, previewHost: () => batchEditor.sharedPreviewHost() });
  const batchOverview = new BatchOverview({ archive: archiveDb, contexts, now });
  const batchControls = new BatchControls({ archive: archiveDb, contexts, manageHits, now });
  const batchRunner = new BatchRunner({ archive: archiveDb, contexts, actionJobs, runner: jobs, reconciler, launcher: batches, events, now });
  const batchCrowd = new BatchCrowd({ archive: archiveDb, contexts, host: localHost, runner: batchRunner });
  const localMTurk = new LocalMTurkService({ host: localHost, folder: localFolder, connections, contexts, archive, log: log.child('local-mturk') });
  const bonuses = new BonusLedgerService({ archive: archiveDb, contexts, actionJobs, runner: jobs, reconciler, now });
  const stopRecordingRefusals = recordRefusalsWhenBonusJobsEnd(events, archiveDb);
  const compensation = new CompensationService({ archive: archiveDb, contexts, executor, actionJobs, reconciler, runner: jobs, now });
  const workers = new WorkersService({ archive: archiveDb, contexts, executor, actionJobs, reconciler, now });
  const messages = new MessagesService({ contexts, actionJobs, reconciler });
  const qualifications = new QualificationsService({ archive: archiveDb, contexts, executor, actionJobs, reconciler, now });
  const notifications = new NotificationsService({ archive: archiveDb, contexts, executor, reconciler, now });
  const testPreview = new TestPreviewService(() => batchEditor.sharedPreviewHost());
  const stopExcluding = exclusions.followSyncs(events, log.child('exclusions'));
  const dashboard = new DashboardService({ archive: archiveDb, contexts, batchOverview, audit, now });
  return {
    events, archiveDb, connections, contexts, sync, archive, browse, executor, jobs, reconciler, actionJobs, manageHits, audit, batches, review, replay, batchEditor, batchOverview, batchControls, batchRunner, localMTurk, bonuses,
    workers, batchCrowd, messages, qualifications, notifications, testPreview, exclusions, dashboard, quality, compensation, bonusRules,
    dispose: async () => {
      stopExcluding();
      await batchEditor.dispose();
      await jobs.dispose();
      stopRecordingRefusals();
      await sync.dispose();
      await connections.dispose();
      await checkpointer.stop();
      archiveDb.close();
      unlock();
    },
  };
}
