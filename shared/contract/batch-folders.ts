import { z } from 'zod';
import type { BatchCost } from '../batch/cost';
import { method } from './define';

/** A folder path as the requester typed or picked it; the main process resolves it. */
const dir = z.string().trim().min(1, 'enter the batch folder').max(4096, 'at most 4,096 characters');

/** A file name inside the batch folder: never a path (nor hidden), so a save cannot reach outside the folder. */
const BATCH_FILE_NAME = /^(batch\.json|[^/\\:.][^/\\:]*\.(html|htm|xml)|input\.(csv|json|jsonl))$/i;
export const isBatchFileName = (name: string): boolean => BATCH_FILE_NAME.test(name);
const fileName = z
  .string()
  .max(255, 'at most 255 characters')
  .refine(isBatchFileName, 'a file of the batch folder (batch.json, the question .html/.xml, input.csv/.json/.jsonl), not a path');

const MAX_FILE_CHARS = 50 * 1024 * 1024;

/** A problem found in the folder: the file and line (template) or rows and column (input), or the property key. */
export interface BatchFolderFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly rule: string;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  readonly rows?: readonly number[];
  readonly column?: string;
  readonly key?: string;
}

/** One file of the folder as text (null when it is missing or cannot be decoded; the findings say why). */
export interface BatchFolderFile {
  readonly name: string;
  readonly text: string | null;
}

/** A batch folder as the editor shows it. */
export interface BatchFolderContents {
  readonly dir: string;
  readonly batchJson: BatchFolderFile;
  /** Null for an external-URL batch. */
  readonly question: BatchFolderFile | null;
  readonly input: BatchFolderFile | null;
  readonly findings: readonly BatchFolderFinding[];
  readonly cost: BatchCost | null;
  readonly launchable: boolean;
}

/** One row's page as a worker would see it. */
export interface RowPreview {
  readonly row: number;
  readonly kind: 'html' | 'question-form' | 'external';
  /** The substituted document (HTML or QuestionForm XML), or the external URL. */
  readonly content: string;
  /** Where a sandboxed frame loads the page from (its own origin and policy): the HTML, or the QuestionForm rendered as workers see it; null for an external URL. */
  readonly frameUrl: string | null;
}

export const batchFolderMethods = {
  'batchFolders.open': method<BatchFolderContents>()(z.object({ dir }).strict(), "Reads a batch folder's files with its findings and cost."),
  'batchFolders.save': method<BatchFolderContents>()(
    z
      .object({
        dir,
        files: z
          .array(z.object({ name: fileName, text: z.string().max(MAX_FILE_CHARS, 'at most 50 MB') }).strict())
          .min(1, 'save at least one file')
          .max(3, 'at most three files: batch.json, the question and the input'),
      })
      .strict(),
    'Writes files of a batch folder (each whole or not at all), then checks the folder again.',
  ),
  'batchFolders.new': method<BatchFolderContents>()(z.object({ dir }).strict(), 'Creates a batch folder with a starting template, properties and rows.'),
  'batchFolders.previewRow': method<RowPreview>()(
    z
      .object({
        dir,
        row: z.number().int().min(1, 'rows start at 1').max(10_000_000),
        /** The unsaved template text; the saved file when absent. */
        template: z.string().max(MAX_FILE_CHARS, 'at most 50 MB').optional(),
        questionFile: fileName.optional(),
        trustedColumns: z.array(z.string().max(200)).max(500).optional(),
        /** The row's unsaved values as edited in the grid; the saved input's row when absent. */
        values: z.record(z.string().max(200), z.string().max(MAX_FILE_CHARS)).optional(),
      })
      .strict(),
    "One row's substituted question, hosted for a sandboxed preview frame.",
  ),
};
