import { isAbsolute, resolve } from 'node:path';
import { appError } from '../../shared/errors';
import { err, ok } from '../../shared/result';
import type { ArchiveDb } from '../archive/connection';
import type { Handler } from '../core/handlers';
import { batchContext } from '../services/batches/batch-connection';
import type { BatchControls } from '../services/batches/batch-controls';
import type { BatchCrowd } from '../services/batches/batch-crowd';
import type { BatchLauncher } from '../services/batches/batch-launcher';
import { checkBatchFolder } from '../services/batches/batch-folder';
import type { BatchOverview } from '../services/batches/batch-overview';
import type { ConnectionContexts } from '../services/connections/connection-context';

/** The desktop shell's folder picker (null when cancelled); browser mode has none. */
export type FolderPicker = () => Promise<string | null>;

/** The window has no working folder of its own: a relative path would be read from wherever the app was started. */
function absoluteFolder(folder: string) {
  return isAbsolute(folder)
    ? ok(resolve(folder))
    : err(appError('validation', `"${folder}" is not a full path. Type the batch folder's full path (starting with / — or a drive letter on Windows).`, { field: 'folder' }));
}

export interface BatchHandlerDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly overview: BatchOverview;
  readonly launcher: BatchLauncher;
  readonly controls: BatchControls;
  readonly crowd: BatchCrowd;
}

export function createBatchHandlers(deps: BatchHandlerDeps, pickFolder?: FolderPicker) {
  const { archive, contexts, overview, launcher, controls, crowd } = deps;
  /** The named connection, or the active one. */
  const on = (connectionId: string | undefined) => (connectionId === undefined ? ok(contexts.active()) : contexts.get(connectionId));
  const list: Handler<'batches.list'> = async (input) => {
    const context = on(input?.connectionId);
    return context.ok ? overview.list(context.value) : context;
  };
  const detail: Handler<'batches.detail'> = async (input) => overview.detail(input.batchId, batchContext(archive, contexts, input.batchId));
  const check: Handler<'batches.check'> = async (input) => {
    const absolute = absoluteFolder(input.folder);
    if (!absolute.ok) return absolute;
    const folder = absolute.value;
    const checked = checkBatchFolder(folder);
    const properties = checked.source?.properties;
    return ok({
      folder,
      name: properties?.name ?? properties?.title ?? null,
      rows: checked.source?.input.rows.length ?? 0,
      findings: checked.findings,
      cost: checked.cost,
      launchable: checked.launchable,
    });
  };
  const plan: Handler<'batches.plan'> = async (input) => {
    const folder = absoluteFolder(input.folder);
    if (!folder.ok) return folder;
    const context = on(input.connectionId);
    return context.ok ? launcher.plan(folder.value, { newBatch: input.newBatch }, context.value) : context;
  };
  const launch: Handler<'batches.launch'> = async (input) => {
    const folder = absoluteFolder(input.folder);
    if (!folder.ok) return folder;
    const context = on(input.connectionId);
    if (!context.ok) return context;
    return launcher.launch(folder.value, { newBatch: input.newBatch, ...(input.typedConnectionName !== undefined ? { typedConnectionName: input.typedConnectionName } : {}) }, context.value);
  };
  const results: Handler<'batches.results'> = async (input) => controls.resultsDownload(input.batchId, input.format, batchContext(archive, contexts, input.batchId));
  const planChange: Handler<'batches.planChange'> = (input) => controls.plan(input.batchId, input.change, batchContext(archive, contexts, input.batchId));
  const change: Handler<'batches.change'> = async (input) => {
    const options = input.typedConnectionName !== undefined ? { typedConnectionName: input.typedConnectionName } : {};
    const started = await controls.start(input.batchId, input.change, options, batchContext(archive, contexts, input.batchId));
    return started.ok ? ok({ job: started.value }) : started;
  };
  const simulateCrowd: Handler<'batches.simulateCrowd'> = (input) => crowd.simulate(input.batchId);
  const pick: Handler<'batches.pickFolder'> = async () =>
    pickFolder ? ok({ folder: await pickFolder() }) : err(appError('validation', 'A browser page cannot open a folder picker: type or paste the folder\'s path.'));
  return {
    'batches.list': list,
    'batches.detail': detail,
    'batches.check': check,
    'batches.plan': plan,
    'batches.launch': launch,
    'batches.pickFolder': pick,
    'batches.results': results,
    'batches.planChange': planChange,
    'batches.change': change,
    'batches.simulateCrowd': simulateCrowd,
  } as const;
}
