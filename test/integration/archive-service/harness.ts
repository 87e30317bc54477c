import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, MethodName, MethodOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { ArchiveDb } from '../../../electron/archive/connection';
import { dispatch } from '../../../electron/core/dispatch';
import { createServices } from '../../../electron/core/services';
import type { ArchiveService } from '../../../electron/services/archive/archive-service';
import type { ConnectionService } from '../../../electron/services/connections/connection-service';
import type { Handlers } from '../../../electron/core/handlers';
import { createArchiveHandlers } from '../../../electron/handlers/archive-handlers';
import type { LocalMTurk } from '../../../local-mturk/src/index';
import { memoryLogger } from '../../helpers/memory-log';

type ArchiveMethod = keyof ReturnType<typeof createArchiveHandlers>;

export interface ArchiveServiceHarness {
  readonly archive: ArchiveDb;
  readonly service: ArchiveService;
  readonly connections: ConnectionService;
  readonly events: { name: EventName; payload: unknown }[];
  /** Through the app's real dispatch: the contract's zod schema, then the handler. */
  call<M extends ArchiveMethod & MethodName>(name: M, input?: unknown): Promise<Result<MethodOutput<M>>>;
  close(): Promise<void>;
}

/**
 * The archive service wired as the app wires it (connections, sync, one archive file, an event bus), over
 * either the embedded Local MTurk or a standalone "lab" endpoint whose keys come from the environment.
 */
export function archiveServiceHarness(lab?: LocalMTurk): ArchiveServiceHarness {
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-archive-svc-'));
  const log = memoryLogger().log;
  if (lab) {
    const config = { id: 'lab', label: 'Lab', kind: 'custom', endpoint: lab.url, region: 'us-east-1', credentials: { type: 'env' } };
    writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections: [config] }));
  }
  const services = createServices({
    dataDir,
    log,
    keychain: { unavailable: 'no keychain in tests.' },
    env: lab ? { AWS_ACCESS_KEY_ID: lab.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.credentials.secretAccessKey } : {},
    homeDir: join(dataDir, 'home'),
  });
  const events: { name: EventName; payload: unknown }[] = [];
  services.events.subscribe((name, payload) => events.push({ name, payload }));
  const { archiveDb: archive, archive: service, connections } = services;
  const handlers = createArchiveHandlers(service, services.contexts);
  return {
    archive,
    service,
    connections,
    events,
    async call(name, input) {
      // Only archive methods are ever dispatched here, so the other handlers of the table are never looked up.
      const result = await dispatch(handlers as unknown as Handlers, name, input, log);
      return result as Result<MethodOutput<typeof name>>;
    },
    close: () => services.dispose(),
  };
}
