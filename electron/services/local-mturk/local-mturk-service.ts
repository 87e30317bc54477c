import type { DemoFillResult, LocalMTurkAccess } from '../../../shared/contract/local-mturk';
import type { LocalNotificationEvent } from '../../../shared/contract/notifications';
import { MTURK_REGION } from '../../../shared/domain/connections';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { DEMO_CROWD, type LocalMTurk } from '../../../local-mturk/src/index';
import type { Logger } from '../../logging/logger';
import type { ArchiveService } from '../archive/archive-service';
import type { ConnectionContexts } from '../connections/connection-context';
import type { ConnectionService } from '../connections/connection-service';
import { LOCAL_CONNECTION_ID } from '../connections/connection-store';
import type { LocalMTurkHost } from '../connections/local-host';

export interface LocalMTurkServiceDeps {
  readonly host: LocalMTurkHost;
  readonly folder: string;
  readonly connections: ConnectionService;
  readonly contexts: ConnectionContexts;
  readonly archive: ArchiveService;
  readonly log: Logger;
}

const KIND_WORDS = { sandbox: 'an MTurk Sandbox', production: 'an MTurk PRODUCTION', custom: 'a custom-endpoint' } as const;

/**
 * The built-in Local MTurk as a tool of its own: how to reach it from boto3 or the AWS CLI, and the demo account a
 * newcomer can fill it with, whose simulated crowd keeps working while Turkbench runs. Only ever acts on the embedded
 * server — never on a connection that could be real MTurk.
 */
export class LocalMTurkService {
  constructor(private readonly deps: LocalMTurkServiceDeps) {}

  async access(): Promise<Result<LocalMTurkAccess>> {
    const server = await this.#server();
    if (!server.ok) return server;
    const { url, port, credentials } = server.value;
    const crowd = server.value.crowd();
    return ok({
      endpoint: url,
      port,
      region: MTURK_REGION,
      accessKeyId: credentials.accessKeyId,
      folder: this.deps.folder,
      crowd: crowd ? { workers: crowd.workers, speed: crowd.speed } : null,
    });
  }

  /** Starts or stops the demo's crowd; a started one works again after every start until stopped. */
  async setCrowd(running: boolean): Promise<Result<LocalMTurkAccess>> {
    try {
      if (running) await this.deps.host.startCrowd({ ...DEMO_CROWD });
      else await this.deps.host.stopCrowd();
    } catch (cause) {
      return err(appError('network', `The built-in Local MTurk did not start: ${cause instanceof Error ? cause.message : String(cause)}`));
    }
    return this.access();
  }

  /** What the built-in Local MTurk would have sent to SQS, SNS or e-mail (its event log), after `after`. */
  async events(after = 0): Promise<Result<LocalNotificationEvent[]>> {
    const server = await this.#server();
    if (!server.ok) return server;
    return ok(
      server.value.control.events(after).map((event) => ({
        seq: event.seq,
        time: event.time,
        eventType: event.eventType,
        hitTypeId: event.hitTypeId ?? null,
        hitId: event.hitId ?? null,
        assignmentId: event.assignmentId ?? null,
        destination: event.destination,
        transport: event.transport,
        test: event.test,
        message: typeof event.message === 'string' ? event.message : JSON.stringify(event.message),
      })),
    );
  }

  /** The secret of a local test key; still only on request, and never logged. */
  async revealSecret(): Promise<Result<{ secretAccessKey: string }>> {
    const server = await this.#server();
    if (!server.ok) return server;
    this.deps.log.info('the built-in Local MTurk\'s secret access key was shown on request');
    return ok({ secretAccessKey: server.value.credentials.secretAccessKey });
  }

  /** Creates the demo account in the built-in Local MTurk (once), then syncs it into the archive. */
  async fillDemo(connectionId: string): Promise<Result<DemoFillResult>> {
    const config = this.deps.connections.find(connectionId);
    if (!config) return err(appError('not-found', `No connection with id "${connectionId}".`));
    if (config.id !== LOCAL_CONNECTION_ID || config.kind !== 'local') {
      const kind = config.kind === 'local' ? 'another local' : KIND_WORDS[config.kind];
      return err(
        appError(
          'validation',
          `The demo account only goes into the built-in Local MTurk. "${config.label}" is ${kind} connection, where it would create HITs that workers could see.`,
          { field: 'connectionId' },
        ),
      );
    }
    const server = await this.#server();
    if (!server.ok) return server;
    let summary;
    try {
      summary = await server.value.fillDemo();
    } catch (cause) {
      this.deps.log.error('demo account: filling the built-in Local MTurk failed', cause);
      return err(appError('internal', `The demo account could not be created: ${cause instanceof Error ? cause.message : String(cause)}`));
    }
    this.deps.log.info(summary.alreadyThere ? `demo account: already there (${summary.hits} HITs)` : `demo account: created ${summary.hits} HITs, ${summary.submitted} assignments submitted`);
    const crowd = await this.deps.host.startCrowd({ ...DEMO_CROWD });
    const syncJobId = await this.#syncIntoArchive(connectionId);
    // The demo spent play money: the balance shown with the connection should say so.
    if (this.deps.connections.activeConfig().id === connectionId) void this.deps.connections.refreshStatus();
    const { alreadyThere, hits, qualificationTypes, workers, submitted, approved, rejected } = summary;
    const batches = summary.batches.map((b) => ({ title: b.title, hits: b.hits }));
    return ok({ alreadyThere, hits, batches, qualificationTypes, workers, submitted, approved, rejected, syncJobId, crowd: { workers: crowd.workers, speed: crowd.speed } });
  }

  async #syncIntoArchive(connectionId: string): Promise<string | null> {
    const context = this.deps.contexts.get(connectionId);
    if (!context.ok) return null;
    const started = await this.deps.archive.startSync('incremental', context.value);
    if (!started.ok) this.deps.log.warn(`demo account: the sync did not start: ${started.error.message}`);
    return started.ok ? started.value.jobId : null;
  }

  async #server(): Promise<Result<LocalMTurk>> {
    try {
      return ok(await this.deps.host.start());
    } catch (cause) {
      return err(appError('network', `The built-in Local MTurk did not start: ${cause instanceof Error ? cause.message : String(cause)}`));
    }
  }
}
