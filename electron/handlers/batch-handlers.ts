import { isAbsolute, resolve } from 'node:path';
import { appError } from '../../shared/errors';
import { err, ok } from '../../shared/result';
import type { Handler } from '../core/handlers';
import type { BatchLauncher } from '../services/batches/batch-launcher';
import { checkBatchFolder } from '../services/batches/batch-folder';
import type { BatchOverview } from '../services/batches/batch-overview';

/** The desktop shell's folder picker (null when cancelled); browser mode has none. */
export type FolderPicker = () => Promise<string | null>;

/** The window has no working folder of its own: a relative path would be read from wherever the app was started. */
function absoluteFolder(folder: string) {
  return isAbsolute(folder)
    ? ok(resolve(folder))
    : err(appError('validation', `"${folder}" is not a full path. Type the batch folder's full path (starting with / — or a drive letter on Windows).`, { field: 'folder' }));
}

export function createBatchHandlers(overview: BatchOverview, launcher: BatchLauncher, pickFolder?: FolderPicker) {
  const list: Handler<'batches.list'> = async () => overview.list();
  const detail: Handler<'batches.detail'> = async (input) => overview.detail(input.batchId);
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
    return folder.ok ? launcher.plan(folder.value, { newBatch: input.newBatch }) : folder;
  };
  const launch: Handler<'batches.launch'> = async (input) => {
    const folder = absoluteFolder(input.folder);
    if (!folder.ok) return folder;
    return launcher.launch(folder.value, { newBatch: input.newBatch, ...(input.typedConnectionName !== undefined ? { typedConnectionName: input.typedConnectionName } : {}) });
  };
  const pick: Handler<'batches.pickFolder'> = async () =>
    pickFolder ? ok({ folder: await pickFolder() }) : err(appError('validation', 'A browser page cannot open a folder picker: type or paste the folder\'s path.'));
  return { 'batches.list': list, 'batches.detail': detail, 'batches.check': check, 'batches.plan': plan, 'batches.launch': launch, 'batches.pickFolder': pick } as const;
}
