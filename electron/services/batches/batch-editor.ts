/**
 * The batch editor's service: open a folder as texts with its findings, save edited files (each file whole or not at
 * all, and a save of several files renames nothing until every one is written), scaffold a new folder, and host one
 * row's substituted question for the sandboxed preview.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, unlinkSync, writeFileSync, fsyncSync, openSync, closeSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildQuestion } from '../../../shared/batch/question';
import type { BatchFolderContents, BatchFolderFinding, RowPreview } from '../../../shared/contract/batch-folders';
import { isBatchFileName } from '../../../shared/contract/batch-folders';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { BATCH_FILE, INPUT_FILE_NAMES, readFolderText, scaffoldBatchFolder } from './batch-folder';
import { FolderReads } from './folder-reads';
import { questionFormDocument } from '../review/replay-document';
import { REPLAY_STYLE_PATH, startPreviewHost, type PreviewHost } from './preview-server';

export interface SaveFile {
  readonly name: string;
  readonly text: string;
}

export interface PreviewRequest {
  readonly dir: string;
  readonly row: number;
  readonly template?: string | undefined;
  readonly questionFile?: string | undefined;
  readonly trustedColumns?: readonly string[] | undefined;
  readonly values?: Readonly<Record<string, string>> | undefined;
}

const noFolder = (dir: string): Result<never> => err(appError('not-found', `There is no folder ${dir}. Create one with "New batch folder".`, { field: 'dir' }));

export interface BatchEditorDeps {
  /** Writes one new file whole and flushed to disk (tests make it fail part-way through a save). */
  readonly writeNewFile?: (path: string, text: string) => void;
}

export class BatchEditorService {
  private previewHost: Promise<PreviewHost> | null = null;
  private startedOrigin: string | null = null;
  /** The folder's rows and check, read again only when a file of it changes. */
  private readonly reads = new FolderReads();
  private readonly writeNewFile: (path: string, text: string) => void;

  constructor(deps: BatchEditorDeps = {}) {
    this.writeNewFile = deps.writeNewFile ?? writeDurably;
  }

  open(dirInput: string): Result<BatchFolderContents> {
    const dir = resolve(dirInput);
    if (!existsSync(dir)) return noFolder(dir);
    const check = this.reads.check(dir);
    const properties = check.source?.properties;
    const questionName = properties ? properties.questionFile : questionFileOf(dir);
    const inputName = INPUT_FILE_NAMES.find((name) => existsSync(join(dir, name))) ?? null;
    return ok({
      dir,
      batchJson: { name: BATCH_FILE, text: readFolderText(dir, BATCH_FILE) },
      question: questionName ? { name: questionName, text: readFolderText(dir, questionName) } : null,
      input: inputName ? { name: inputName, text: readFolderText(dir, inputName) } : null,
      findings: check.findings as readonly BatchFolderFinding[],
      cost: check.cost,
      launchable: check.launchable,
    });
  }

  /**
   * Every file goes to a temporary name beside its target first; only when all are written (and flushed) are they
   * renamed over the targets, so a failure leaves the folder exactly as it was.
   */
  save(dirInput: string, files: readonly SaveFile[]): Result<BatchFolderContents> {
    const dir = resolve(dirInput);
    if (!existsSync(join(dir, BATCH_FILE))) return err(appError('not-found', `${dir} is not a batch folder (it has no ${BATCH_FILE}); create one with "New batch folder".`, { field: 'dir' }));
    for (const file of files) {
      if (!isBatchFileName(file.name) || basename(file.name) !== file.name || resolve(dir, file.name) !== join(dir, file.name)) {
        return err(appError('validation', `${file.name} is not a file of the batch folder; only batch.json, the question and the input file are saved.`, { field: 'files' }));
      }
    }
    if (new Set(files.map((f) => f.name.toLowerCase())).size !== files.length) return err(appError('validation', 'The same file is listed twice in one save.', { field: 'files' }));

    const written: { temp: string; target: string }[] = [];
    try {
      for (const file of files) {
        const target = join(dir, file.name);
        const temp = join(dir, `.${file.name}.${randomBytes(6).toString('hex')}.saving`);
        written.push({ temp, target });
        this.writeNewFile(temp, file.text);
      }
    } catch (cause) {
      for (const { temp } of written) removeQuietly(temp);
      return err(appError('internal', `Nothing was saved: ${(cause as Error).message}`, { field: 'files' }));
    }
    for (const { temp, target } of written) renameSync(temp, target);
    this.reads.forget(dir);
    return this.open(dir);
  }

  create(dirInput: string): Result<BatchFolderContents> {
    const dir = resolve(dirInput);
    const made = scaffoldBatchFolder(dir);
    return made.ok ? this.open(dir) : made;
  }

  async previewRow(request: PreviewRequest): Promise<Result<RowPreview>> {
    const dir = resolve(request.dir);
    if (!existsSync(dir)) return noFolder(dir);
    const saved = request.values === undefined ? this.#savedRow(dir, request.row) : ok(request.values);
    if (!saved.ok) return saved;
    const values = saved.value;

    const check = request.template === undefined || request.questionFile === undefined || request.trustedColumns === undefined ? this.reads.check(dir) : null;
    const properties = check?.source?.properties;
    const questionFile = request.questionFile ?? properties?.questionFile ?? questionFileOf(dir);
    const externalUrl = properties?.externalUrl ?? null;
    const template = request.template ?? externalUrl ?? (questionFile ? readFolderText(dir, questionFile) : null);
    if (template === null) return err(appError('validation', 'The question cannot be read; see the findings for the question file.', { field: 'template' }));
    const kind = externalUrl !== null && request.template === undefined ? 'external' : /\.xml$/i.test(questionFile ?? '') ? 'question-form' : 'html';

    const built = buildQuestion(kind, template, values, { frameHeight: 0, trustedColumns: request.trustedColumns ?? properties?.trustedColumns ?? [] });
    if (!built.ok) return built;
    const host = await this.host();
    if (kind === 'question-form') {
      // Rendered as the worker site renders it, never framed as raw XML; a form it cannot read is named, not shown.
      try {
        const page = questionFormDocument(built.value.content, `${host.origin}${REPLAY_STYLE_PATH}`, `Preview of row ${request.row}`);
        return ok({ row: request.row, kind, content: built.value.content, frameUrl: host.hostQuestionForm(page) });
      } catch (e) {
        return err(appError('validation', `${questionFile ?? 'The QuestionForm'} cannot be shown for row ${request.row}: ${(e as Error).message}`, { field: 'template' }));
      }
    }
    const frameUrl = kind === 'html' ? host.host(built.value.content) : null;
    return ok({ row: request.row, kind, content: built.value.content, frameUrl });
  }

  /** A row of the saved input file (numbered from 1), or why there is none. */
  #savedRow(dir: string, rowNumber: number): Result<Readonly<Record<string, string>>> {
    const input = this.reads.input(dir);
    if ('findings' in input) return err(appError('validation', input.findings.map((f) => f.message).join(' '), { field: 'dir' }));
    const rows = input.table.rows;
    const row = rows[rowNumber - 1];
    if (!row) return err(appError('validation', `There is no row ${rowNumber}: the input has ${rows.length} rows (1 to ${rows.length}).`, { field: 'row' }));
    return ok(row.values);
  }

  /** Starts the preview host now (the fronts do, before serving the page whose policy names its origin). */
  async startPreviewHost(): Promise<string> {
    return (await this.host()).origin;
  }

  /** The one preview host, shared with the review's replay and the qualification test preview (its policy names only this origin). */
  sharedPreviewHost(): Promise<PreviewHost> {
    return this.host();
  }

  /** The preview host's origin once started, else null (then the page may frame nothing). */
  previewOrigin(): string | null {
    return this.startedOrigin;
  }

  async dispose(): Promise<void> {
    const host = this.previewHost;
    this.previewHost = null;
    this.startedOrigin = null;
    if (host) await (await host).close();
  }

  /** Started by the front at start-up, or on the first preview (the CLI and tests). */
  private host(): Promise<PreviewHost> {
    this.previewHost ??= startPreviewHost().then(
      (host) => {
        this.startedOrigin = host.origin;
        return host;
      },
      (cause: unknown) => {
        this.previewHost = null;
        throw cause;
      },
    );
    return this.previewHost;
  }
}

/** The question file named by batch.json even when other properties have problems (so it can still be edited). */
function questionFileOf(dir: string): string | null {
  const text = readFolderText(dir, BATCH_FILE);
  if (text === null) return null;
  try {
    const json = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    if (json['externalUrl'] !== undefined) return null;
    const name = json['question'] ?? 'template.html';
    return typeof name === 'string' && isBatchFileName(name) ? name : null;
  } catch {
    return existsSync(join(dir, 'template.html')) ? 'template.html' : null;
  }
}

function writeDurably(path: string, text: string): void {
  writeFileSync(path, text, { flag: 'wx' });
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
