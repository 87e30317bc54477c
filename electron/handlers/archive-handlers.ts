import type { Handler } from '../core/handlers';
import type { ArchiveService } from '../services/archive/archive-service';

export function createArchiveHandlers(service: ArchiveService) {
  const overview: Handler<'archive.overview'> = () => service.overview();
  const start: Handler<'sync.start'> = ({ mode }) => service.startSync(mode);
  const cancel: Handler<'sync.cancel'> = async ({ jobId }) => service.cancel(jobId);
  return { 'archive.overview': overview, 'sync.start': start, 'sync.cancel': cancel } as const;
}
