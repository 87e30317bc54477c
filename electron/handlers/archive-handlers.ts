import type { Handler } from '../core/handlers';
import type { ArchiveService } from '../services/archive/archive-service';

export function createArchiveHandlers(service: ArchiveService) {
  const overview: Handler<'archive.overview'> = (input) => service.overview({ probe: input?.probe === true });
  const importFile: Handler<'archive.import'> = ({ fileName, base64 }) => service.importBatchFile(fileName, base64);
  const exportFile: Handler<'archive.export'> = ({ format, selection }) => service.exportFile(format, selection);
  const start: Handler<'sync.start'> = ({ mode }) => service.startSync(mode);
  const cancel: Handler<'sync.cancel'> = async ({ jobId }) => service.cancel(jobId);
  return {
    'archive.overview': overview,
    'archive.import': importFile,
    'archive.export': exportFile,
    'sync.start': start,
    'sync.cancel': cancel,
  } as const;
}
