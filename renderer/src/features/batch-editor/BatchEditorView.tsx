import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { InputTable } from '../../../../shared/batch/input-rows';
import type { BatchFolderContents, BatchFolderFinding, RowPreview } from '../../../../shared/contract/batch-folders';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { UntrustedText } from '../../components/UntrustedText';
import { useAppStore } from '../../stores/app-store';
import { showBatchPage } from '../batches/batch-focus';
import { LaunchDialog } from '../batches/LaunchDialog';
import type { LaunchTarget } from '../batches/launch-target';
import { checkForm, formCost, formFromJson, formToJson, type PropertiesForm as Form } from './form-model';
import { inputTableOf, liveLint } from './live-lint';
import { PreviewFrame } from './PreviewFrame';
import { PropertiesForm } from './PropertiesForm';
import { RowsGrid, type RowEdits } from './RowsGrid';
import { addRow, deleteRow, inputCsv, setCell } from './rows-model';
import { TemplateEditor } from './TemplateEditor';
import './batch-editor.css';

const NOT_CONNECTED = 'Not connected to Turkbench.';
/** Typing pauses this long before the preview is rebuilt from the unsaved template. */
const PREVIEW_DEBOUNCE_MS = 200;

type Tab = 'template' | 'properties';

/** batch.json as an object, or why not (the form then starts from the defaults and says so). */
function parseBatchJson(text: string | null): { json: Record<string, unknown>; problem: string | null } {
  if (text === null) return { json: {}, problem: 'batch.json could not be read; the form starts from the defaults.' };
  try {
    const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return { json: json as Record<string, unknown>, problem: null };
    return { json: {}, problem: 'batch.json does not hold one object of properties; saving replaces it with the form.' };
  } catch (cause) {
    return { json: {}, problem: `batch.json is not valid JSON (${(cause as Error).message}); saving replaces it with the form.` };
  }
}

/**
 * The batch editor: a folder's question in CodeMirror with lint findings at their lines, its properties as a form
 * checked as typed, the cost, the input rows, and a sandboxed live preview of the selected row.
 */
export function BatchEditorView() {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const [dirText, setDirText] = useState('');
  const [contents, setContents] = useState<BatchFolderContents | null>(null);
  const [busy, setBusy] = useState<'open' | 'new' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('template');
  const [template, setTemplate] = useState('');
  const [form, setForm] = useState<Form | null>(null);
  const [row, setRow] = useState(1);
  const [preview, setPreview] = useState<RowPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [renderMs, setRenderMs] = useState<number | null>(null);
  const [launching, setLaunching] = useState<LaunchTarget | null>(null);
  const previewStarted = useRef(0);
  const previewSeq = useRef(0);

  const base = useMemo(() => parseBatchJson(contents?.batchJson.text ?? null), [contents]);
  const savedTable = useMemo(() => inputTableOf(contents?.input?.name ?? null, contents?.input?.text ?? null), [contents]);
  // The rows as edited in the grid (CSV input only), null while they are as saved.
  const [editedTable, setEditedTable] = useState<InputTable | null>(null);
  const table = editedTable ?? savedTable;
  const inputName = contents?.input?.name ?? null;
  const rowEdits = useMemo<RowEdits | undefined>(() => {
    if (!inputName || !/\.csv$/i.test(inputName) || savedTable.columns.length === 0) return undefined;
    const edit = (change: (t: InputTable) => InputTable): void => setEditedTable((current) => change(current ?? savedTable));
    return {
      setCell: (r, column, value) => edit((t) => setCell(t, r, column, value)),
      addRow: () => edit(addRow),
      deleteRow: (r) => {
        edit((t) => deleteRow(t, r));
        setRow((current) => Math.max(1, current > r ? current - 1 : Math.min(current, table.rows.length - 1)));
      },
    };
  }, [inputName, savedTable, table.rows.length]);
  const questionFile = contents?.question?.name ?? null;

  const load = (next: BatchFolderContents): void => {
    setContents(next);
    setEditedTable(null);
    setTemplate(next.question?.text ?? '');
    setForm(formFromJson(parseBatchJson(next.batchJson.text).json));
    setRow((current) => (current <= Math.max(1, inputTableOf(next.input?.name ?? null, next.input?.text ?? null).rows.length) ? current : 1));
    setDirText(next.dir);
  };

  // Opening another folder over unsaved edits asks first.
  const [pendingRun, setPendingRun] = useState<'open' | 'new' | null>(null);
  const request = (kind: 'open' | 'new'): void => {
    if (propertiesDirty || templateDirty || inputDirty) setPendingRun(kind);
    else void run(kind);
  };

  const run = async (kind: 'open' | 'new'): Promise<void> => {
    setPendingRun(null);
    if (!bridge) return setError(NOT_CONNECTED);
    setBusy(kind);
    setError(null);
    setSaved(null);
    const result = await bridge.api[kind === 'open' ? 'batchFolders.open' : 'batchFolders.new']({ dir: dirText });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    setRow(1);
    load(result.value);
  };

  // What the form shows for the file as it is: a key the file leaves out shows its default (the same one a launch uses),
  // which is not an edit — comparing against the raw file would call a folder "unsaved" the moment it opens.
  const savedJson = useMemo(() => (contents ? JSON.stringify(formToJson(formFromJson(base.json), base.json)) : ''), [contents, base]);
  const formJson = useMemo(() => (form ? formToJson(form, base.json) : null), [form, base]);
  const propertiesDirty = form !== null && JSON.stringify(formJson) !== savedJson;
  const templateDirty = contents?.question !== null && contents !== null && template !== (contents.question?.text ?? '');
  const inputDirty = editedTable !== null;

  const save = async (): Promise<void> => {
    if (!bridge || !contents || !form || busy !== null) return;
    const files = [
      ...(propertiesDirty ? [{ name: contents.batchJson.name, text: `${JSON.stringify(formJson, null, 2)}\n` }] : []),
      ...(templateDirty && questionFile ? [{ name: questionFile, text: template }] : []),
      ...(inputDirty && inputName ? [{ name: inputName, text: inputCsv(editedTable) }] : []),
    ];
    if (files.length === 0) return;
    setBusy('save');
    setError(null);
    const result = await bridge.api['batchFolders.save']({ dir: contents.dir, files });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    load(result.value);
    setSaved(`Saved ${files.map((f) => f.name).join(' and ')}.`);
  };

  // The preview follows the selected row and the unsaved template (after a pause in typing).
  const requestPreview = useCallback(
    /** `edited` is the unsaved question; without one (an external-URL batch) the folder's saved question is used. */
    async (dir: string, rowNumber: number, edited: { text: string; file: string; trustedColumns: readonly string[] } | null, values?: Readonly<Record<string, string>>): Promise<void> => {
      if (!bridge) return;
      const seq = ++previewSeq.current;
      previewStarted.current = performance.now();
      const unsaved = edited ? { template: edited.text, questionFile: edited.file, trustedColumns: [...edited.trustedColumns] } : {};
      const result = await bridge.api['batchFolders.previewRow']({ dir, row: rowNumber, ...unsaved, ...(values ? { values: { ...values } } : {}) });
      if (seq !== previewSeq.current) return;
      if (!result.ok) {
        setPreview(null);
        setPreviewError(result.error.message);
        return;
      }
      setPreviewError(null);
      setPreview(result.value);
      if (result.value.frameUrl === null) setRenderMs(performance.now() - previewStarted.current);
    },
    [],
  );
  // The columns ticked in the form, saved or not: the preview follows the form as it is typed.
  const formTrusted = form?.trustedColumns;
  const trustedColumns = useMemo(
    () => formTrusted ?? (Array.isArray(base.json['trustedColumns']) ? (base.json['trustedColumns'] as unknown[]).filter((c): c is string => typeof c === 'string') : []),
    [base, formTrusted],
  );
  const lastRequested = useRef({ row: 0, template: '' });
  useEffect(() => {
    if (!contents || table.rows.length === 0) return;
    const rowChanged = lastRequested.current.row !== row;
    lastRequested.current = { row, template };
    // A row edited in the grid (or added there) previews with its unsaved values.
    const values = editedTable?.rows[row - 1]?.values;
    const timer = setTimeout(() => void requestPreview(contents.dir, row, questionFile ? { text: template, file: questionFile, trustedColumns } : null, values), rowChanged ? 0 : PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [contents, questionFile, row, template, table, editedTable, trustedColumns, requestPreview]);

  const check = useMemo(() => (form ? checkForm(form, base.json) : null), [form, base]);
  const cost = useMemo(() => (form ? formCost(form, base.json, table.rows.length) : null), [form, base, table]);
  const lint = useMemo(
    () => (contents && questionFile ? liveLint(template, questionFile, { name: contents.input?.name ?? 'input.csv', table }, formJson ?? base.json) : null),
    [contents, questionFile, template, table, formJson, base],
  );
  const folderFindings: BatchFolderFinding[] = (contents?.findings ?? []).filter((f) => f.rule === 'folder');

  // Ctrl/⌘+S saves from anywhere in the editor (the template, a form field, the grid), never the browser's "save page".
  const onKeyDown = (event: KeyboardEvent): void => {
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  };

  return (
    <div className="batch-editor" onKeyDown={onKeyDown}>
      <form
        className="toolbar batch-editor__folder"
        onSubmit={(e) => {
          e.preventDefault();
          request('open');
        }}
      >
        <input className="toolbar__search" type="text" placeholder="Batch folder, e.g. /home/me/batches/animals" value={dirText} onChange={(e) => setDirText(e.target.value)} aria-label="Batch folder" />
        <button type="submit" className="button" disabled={busy !== null || dirText.trim() === ''}>
          {busy === 'open' ? 'Opening…' : 'Open'}
        </button>
        <button type="button" className="button" disabled={busy !== null || dirText.trim() === ''} onClick={() => request('new')}>
          New batch folder
        </button>
        <span className="toolbar__spacer" />
        {contents && (
          <span className="batch-editor__state" role="status">
            {propertiesDirty || templateDirty || inputDirty ? 'Unsaved changes' : (saved ?? 'Saved')}
          </span>
        )}
        <button type="button" className="button button--primary" disabled={!contents || busy !== null || !(propertiesDirty || templateDirty || inputDirty)} onClick={() => void save()}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        {contents && (
          <LaunchButtons
            unsaved={propertiesDirty || templateDirty || inputDirty}
            disabled={busy !== null}
            onLaunch={setLaunching}
          />
        )}
      </form>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {base.problem && contents && <p className="notice notice--warn">{base.problem}</p>}
      {folderFindings.map((f, i) => (
        <p key={i} className={`notice notice--${f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warn' : 'info'}`}>
          <UntrustedText value={f.message} />
        </p>
      ))}

      {!contents ? (
        <section className="empty" aria-labelledby="batch-editor-empty">
          <h2 id="batch-editor-empty" className="empty__title">Open or create a batch folder</h2>
          <p className="empty__summary">
            A batch is a folder with batch.json (the HIT&apos;s properties), a template (template.html or question.xml) with ${'{column}'} placeholders, and
            input.csv with one row per HIT. Type its path above and press Open, or New batch folder to start from a working example. Here you edit the
            template with lint findings at their lines, set the properties with the cost beside them, and preview any row exactly as a worker sees it.
          </p>
        </section>
      ) : (
        <div className="batch-editor__panes">
          <section className="batch-editor__left" aria-label="Edit">
            <div className="tabs" role="tablist" aria-label="Edit">
              <button type="button" role="tab" aria-selected={tab === 'template'} className={`tab${tab === 'template' ? ' tab--active' : ''}`} onClick={() => setTab('template')}>
                {questionFile ?? 'Question'} {templateDirty ? '•' : ''}
              </button>
              <button type="button" role="tab" aria-selected={tab === 'properties'} className={`tab${tab === 'properties' ? ' tab--active' : ''}`} onClick={() => setTab('properties')}>
                Properties {propertiesDirty ? '•' : ''} {check && !check.valid ? <span className="tab__problem">needs attention</span> : null}
              </button>
            </div>
            {tab === 'template' ? (
              questionFile ? (
                <div className="batch-editor__template">
                  <TemplateEditor value={template} language={/\.xml$/i.test(questionFile) ? 'xml' : 'html'} dark={theme === 'dark'} diagnostics={lint?.diagnostics ?? []} onChange={setTemplate} label={`${questionFile} text`} />
                  <ul className="batch-findings" aria-label="Findings">
                    {lint?.diagnostics.map((d, i) => (
                      <li key={`d${i}`} className={`batch-findings__item batch-findings__item--${d.severity}`}>
                        <span className="batch-findings__where">Line {d.line}</span> <UntrustedText value={d.message} />
                      </li>
                    ))}
                    {lint?.others.map((f, i) => (
                      <li key={`o${i}`} className={`batch-findings__item batch-findings__item--${f.severity}`}>
                        <UntrustedText value={f.message} />
                      </li>
                    ))}
                    {lint && lint.diagnostics.length === 0 && lint.others.length === 0 && <li className="batch-findings__item batch-findings__item--ok">No findings: every placeholder names a column.</li>}
                  </ul>
                </div>
              ) : (
                <p className="notice notice--info">This batch uses an external URL (externalUrl in batch.json): there is no template file to edit.</p>
              )
            ) : (
              form &&
              check && (
                <>
                  {check.other.map((p, i) => (
                    <p key={i} className={`notice notice--${p.severity === 'error' ? 'error' : 'warn'}`}>
                      <UntrustedText value={p.message} />
                    </p>
                  ))}
                  <PropertiesForm form={form} check={check} cost={cost} rows={table.rows.length} columns={table.columns} onChange={setForm} />
                </>
              )
            )}
          </section>
          <section className="batch-editor__right" aria-label="Preview">
            <div className="batch-preview">
              <div className="batch-preview__bar">
                <strong>Preview of row {row}</strong>
                <span className="batch-preview__note">as a worker previews it: submitting is refused</span>
                <span className="toolbar__spacer" />
                {renderMs !== null && <span className="batch-preview__note" data-testid="preview-ms">shown in {Math.round(renderMs)} ms</span>}
              </div>
              <PreviewFrame preview={preview} error={previewError} loading={table.rows.length > 0} onLoaded={() => setRenderMs(performance.now() - previewStarted.current)} />
            </div>
            {table.rows.length > 0 ? (
              <RowsGrid
                table={table}
                selected={row}
                onSelect={setRow}
                theme={theme}
                {...(rowEdits ? { edits: rowEdits } : inputName ? { readOnly: `The rows of ${inputName} are edited in the file itself: saved from this grid, its numbers and true/false would become text. Only an input.csv is edited here.` } : {})}
              />
            ) : (
              <p className="notice notice--info">No input rows yet: add rows to {contents.input?.name ?? 'input.csv'} to preview them.</p>
            )}
          </section>
        </div>
      )}
      {launching && contents && (
        <LaunchDialog
          start={{ folder: contents.dir, target: launching }}
          onClose={() => setLaunching(null)}
          onLaunched={(batchId) => {
            setLaunching(null);
            showBatchPage(batchId);
          }}
        />
      )}
      {pendingRun !== null && (
      <ConfirmDialog
        open
        title="Discard unsaved changes?"
        confirmLabel={pendingRun === 'new' ? 'Discard and create' : 'Discard and open'}
        danger
        testId="discard-changes"
        onConfirm={() => void run(pendingRun ?? 'open')}
        onCancel={() => setPendingRun(null)}
      >
        <p>
          Your edits to {[propertiesDirty ? 'the properties' : null, templateDirty ? questionFile : null, inputDirty ? inputName : null].filter(Boolean).join(' and ')} are not saved. Save them
          first, or discard them to {pendingRun === 'new' ? 'create the new folder' : 'open the folder'}.
        </p>
      </ConfirmDialog>
      )}
    </div>
  );
}

/** Try the saved folder on the built-in Local MTurk, or publish it on the active connection (with its confirmation). */
function LaunchButtons(props: { unsaved: boolean; disabled: boolean; onLaunch(target: LaunchTarget): void }) {
  const active = useAppStore((s) => s.connection?.label ?? 'the active connection');
  const why = props.unsaved ? 'Save first: a launch reads the saved folder' : undefined;
  return (
    <>
      <button type="button" className="button" disabled={props.disabled || props.unsaved} title={why ?? 'Launch this folder on the built-in Local MTurk: simulated workers, play money'} onClick={() => props.onLaunch('local-mturk')}>
        Try on Local MTurk
      </button>
      <button type="button" className="button" disabled={props.disabled || props.unsaved} title={why ?? `Launch this folder on ${active}, the active connection, after the full cost`} onClick={() => props.onLaunch('active')}>
        Publish…
      </button>
    </>
  );
}
