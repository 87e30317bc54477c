import { useCallback, useEffect, useRef, useState } from 'react';
import type { LedgerCheck } from '../../../../shared/contract/bonuses';
import { MAX_LEDGER_BYTES } from '../../../../shared/contract/bonuses';
import { bridge } from '../../api/bridge';
import { readAsBase64 } from '../archive/ImportPanel';
import { draftFromCheck, dropRows, editCell, fillEveryRow, rowsInput, withOptions, type EditableField, type LedgerDraft, type LedgerOptions } from './ledger-draft';

export interface CheckedVersion {
  readonly version: number;
  readonly value: LedgerCheck;
}

export interface LedgerDraftState {
  readonly draft: LedgerDraft | null;
  readonly check: CheckedVersion | null;
  /** A file whose own problems (encoding, columns) stop it from becoming a draft. */
  readonly refusedFile: LedgerCheck | null;
  readonly busy: boolean;
  readonly error: string | null;
  importFile(file: File): Promise<void>;
  edit(rowNumber: number, field: EditableField, value: string): void;
  drop(rowNumbers: readonly number[]): void;
  rename(name: string): void;
  fill(values: { Amount?: string; Reason?: string }): void;
  setOptions(options: LedgerOptions): void;
  /** Opens a draft made elsewhere (chosen work); it is checked at once. */
  start(draft: LedgerDraft): void;
  discard(): void;
}

const notConnected = { ok: false as const, error: { message: 'Not connected to Turkbench.' } };

/**
 * The ledger being prepared: a file is checked whole as it is imported (its bytes, so a wrong encoding is named), then
 * its rows are checked again as data after every fix or drop. An answer for an older version of the rows is ignored.
 */
export function useLedgerDraft(): LedgerDraftState {
  const [draft, setDraft] = useState<LedgerDraft | null>(null);
  const [check, setCheck] = useState<CheckedVersion | null>(null);
  const [refusedFile, setRefusedFile] = useState<LedgerCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef<LedgerDraft | null>(null);
  latest.current = draft;

  const importFile = useCallback(async (file: File) => {
    setError(null);
    setRefusedFile(null);
    if (file.size > MAX_LEDGER_BYTES) return setError(`${file.name} is larger than ${MAX_LEDGER_BYTES / 1024 / 1024} MB; split it into several ledgers.`);
    setBusy(true);
    const result = (await bridge?.api['bonuses.check']({ fileName: file.name, base64: await readAsBase64(file) })) ?? notConnected;
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    const imported = draftFromCheck(result.value);
    if (!imported) return setRefusedFile(result.value);
    setDraft(imported);
    setCheck({ version: imported.version, value: result.value });
  }, []);

  // Every edit (a new version) is checked again as data; only the answer for the current version is kept.
  useEffect(() => {
    if (!draft || draft.version === 0 || draft.rows.length === 0) return;
    let current = true;
    const input = rowsInput(draft);
    void (async () => {
      const result = (await bridge?.api['bonuses.checkRows'](input)) ?? notConnected;
      if (!current) return;
      if (result.ok) setCheck({ version: draft.version, value: result.value });
      else setError(result.error.message);
    })();
    return () => {
      current = false;
    };
    // The rows and their version change together; the name does not change what is checked.
  }, [draft?.version]);

  const edit = useCallback((rowNumber: number, field: EditableField, value: string) => {
    setError(null);
    setDraft((d) => (d ? editCell(d, rowNumber, field, value) : d));
  }, []);
  const drop = useCallback((rowNumbers: readonly number[]) => setDraft((d) => (d ? dropRows(d, rowNumbers) : d)), []);
  const rename = useCallback((name: string) => setDraft((d) => (d ? { ...d, name } : d)), []);
  const fill = useCallback((values: { Amount?: string; Reason?: string }) => setDraft((d) => (d ? fillEveryRow(d, values) : d)), []);
  const setOptions = useCallback((options: LedgerOptions) => setDraft((d) => (d ? withOptions(d, options) : d)), []);
  const start = useCallback((next: LedgerDraft) => {
    setError(null);
    setRefusedFile(null);
    setCheck(null);
    // A new version whatever the last draft's was, so the check below runs for it.
    setDraft((current) => ({ ...next, version: Math.max(next.version, (current?.version ?? 0) + 1) }));
  }, []);
  const discard = useCallback(() => {
    setDraft(null);
    setRefusedFile(null);
    setCheck(null);
    setError(null);
  }, []);
  return { draft, check, refusedFile, busy, error, importFile, edit, drop, rename, fill, setOptions, start, discard };
}
