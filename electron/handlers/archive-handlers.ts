import type { Handler } from '../core/handlers';
import type { ArchiveService } from '../services/archive/archive-service';
import type { ConnectionContexts } from '../services/connections/connection-context';

export function createArchiveHandlers(service: ArchiveService, contexts: ConnectionContexts) {
  const overview: Handler<'archive.overview'> = (input) =>
    service.overview({ probe: input?.probe === true, ...(input?.archiveId !== undefined ? { archiveId: input.archiveId } : {}) });
  const list: Handler<'archive.list'> = async () => service.list();
  const importFile: Handler<'archive.import'> = ({ fileName, base64 }) => service.importBatchFile(fileName, base64);
  const exportFile: Handler<'archive.export'> = async ({ format, selection, archiveId }) => {
    const context = contexts.scoped(archiveId);
    return context.ok ? service.exportFile(format, selection, context.value) : context;
  };
  const start: Handler<'sync.start'> = ({ mode }) => service.startSync(mode);
  const cancel: Handler<'sync.cancel'> = async ({ jobId }) => service.cancel(jobId);
  return {
    'archive.overview': overview,
    'archive.list': list,
    'archive.import': importFile,
    'archive.export': exportFile,
    'sync.start': start,
    'sync.cancel': cancel,
  } as const;
}
