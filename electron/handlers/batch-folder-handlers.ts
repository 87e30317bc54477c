import type { Handler } from '../core/handlers';
import type { BatchEditorService } from '../services/batches/batch-editor';

export function createBatchFolderHandlers(service: BatchEditorService) {
  const open: Handler<'batchFolders.open'> = async (input) => service.open(input.dir);
  const save: Handler<'batchFolders.save'> = async (input) => service.save(input.dir, input.files);
  const create: Handler<'batchFolders.new'> = async (input) => service.create(input.dir);
  const previewRow: Handler<'batchFolders.previewRow'> = (input) => service.previewRow(input);
  return { 'batchFolders.open': open, 'batchFolders.save': save, 'batchFolders.new': create, 'batchFolders.previewRow': previewRow } as const;
}
