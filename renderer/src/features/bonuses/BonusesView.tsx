import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { LedgerSent } from '../../../../shared/contract/bonuses';
import { useResolvedTheme } from '../../app/theme';
import { UntrustedText } from '../../components/UntrustedText';
import { useStartedJob } from '../../components/use-started-job';
import { useAppStore } from '../../stores/app-store';
import { offeredBonuses } from '../../stores/bonus-draft-store';
import '../manage-hits/manage-hits.css';
import { CompensateDialog } from './CompensateDialog';
import { CompensationsPanel } from './CompensationsPanel';
import { DryRunDialog } from './DryRunDialog';
import { draftFromWork, dryRunBlocker, fileErrors } from './ledger-draft';
import { FillBar } from './FillBar';
import { OptionsBar } from './OptionsBar';
import { RowProblems } from './RowProblems';
import { RuleDialog } from './RuleDialog';
import { LedgerGrid } from './LedgerGrid';
import { LedgersPanel } from './LedgersPanel';
import { useLedgerDraft } from './use-ledger-draft';
import './bonuses.css';

/**
 * Bonuses: a ledger CSV imported, every row checked with its problems named by field, fixed or dropped in the grid,
 * then a dry run (fees, balance, connection) and one journaled job; below, every ledger with its rows' states and a
 * reconciliation against MTurk's own payments.
 */
export function BonusesView() {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const ledger = useLedgerDraft();
  const { draft, check } = ledger;
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [compensating, setCompensating] = useState(false);
  const [byRule, setByRule] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [started, setStarted] = useStartedJob();
  const { start } = ledger;

  // Work chosen in the review queue or a worker's dossier arrives as a draft to complete.
  useEffect(() => {
    const offered = offeredBonuses.take();
    if (offered) start(draftFromWork(offered.name, offered.work));
  }, [start]);

  const onChoose = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    e.target.value = ''; // choosing the same file again (after fixing it) fires again
    if (file) void ledger.importFile(file);
  };
  const onSent = (sent: LedgerSent): void => {
    setDryRun(false);
    ledger.discard();
    setSelected(sent.ledgerId);
    setStarted(sent.job);
  };
  const { drop } = ledger;
  const dropOne = useCallback((rowNumber: number) => drop([rowNumber]), [drop]);
  const blocker = draft ? dryRunBlocker(draft, check) : null;
  const current = draft && check && check.version === draft.version ? check.value : null;

  return (
    <div className="bonuses-view">
      <div className="bonus-toolbar">
        <input ref={fileInput} type="file" accept=".csv,text/csv" className="bonus-file-input" tabIndex={-1} aria-hidden="true" onChange={onChoose} data-testid="ledger-file" />
        <button type="button" className="button button--primary" disabled={ledger.busy} onClick={() => fileInput.current?.click()}>
          {ledger.busy ? 'Checking…' : 'Import ledger CSV…'}
        </button>
        <button type="button" className="button" disabled={ledger.busy} onClick={() => setByRule(true)}>From a rule…</button>
        <span className="muted bonus-toolbar__hint">Columns WorkerId, AssignmentId, Amount (like 1.25), Reason; UTF-8.</span>
        <button type="button" className="button" onClick={() => setCompensating(true)}>Compensate workers…</button>
      </div>
      {ledger.error && <p className="notice notice--error" role="alert">{ledger.error}</p>}
      {ledger.refusedFile && (
        <div className="notice notice--error" role="alert" data-testid="ledger-file-refused">
          <strong>Nothing was imported from <UntrustedText value={ledger.refusedFile.fileName} limit={255} />:</strong>
          <ul>
            {(fileErrors(ledger.refusedFile).length ? fileErrors(ledger.refusedFile) : ledger.refusedFile.findings).map((f, i) => (
              <li key={i}><UntrustedText value={f.message} limit={600} /></li>
            ))}
          </ul>
          Fix the file and import it again.{' '}
          <button type="button" className="button button--small button--ghost" onClick={ledger.discard}>Dismiss</button>
        </div>
      )}
      {draft ? (
        <section className="bonus-draft" aria-label="Ledger draft">
          <div className="bonus-draft__head">
            <label className="bonus-draft__name">
              <span>Ledger name</span>
              <input value={draft.name} onChange={(e) => ledger.rename(e.target.value)} maxLength={120} aria-label="Ledger name" />
            </label>
            <p className={current && current.errors > 0 ? 'bonus-draft__verdict bonus-draft__verdict--error' : 'bonus-draft__verdict'} data-testid="draft-verdict" aria-live="polite">
              {draft.rows.length} row{draft.rows.length === 1 ? '' : 's'}
              {current ? ` · ${current.ready} ready · ${current.alreadyPaid} already paid · ${current.errors} error${current.errors === 1 ? '' : 's'}` : ' · checking…'}
            </p>
                <button type="button" className="button button--ghost" onClick={ledger.discard}>Discard</button>
            <button type="button" className="button button--primary" disabled={blocker !== null} title={blocker ?? undefined} onClick={() => setDryRun(true)}>Dry run…</button>
          </div>
          <div className="bonus-bars">
            <FillBar onFill={ledger.fill} />
            <OptionsBar options={draft.options} onChange={ledger.setOptions} />
          </div>
          {blocker && current && <p className="muted" data-testid="draft-blocker">{blocker}{current.errors > 0 ? ' Double-click a cell to fix it, or drop the row.' : ''}</p>}
          <LedgerGrid rows={draft.rows} check={current} theme={theme} onEdit={ledger.edit} onDrop={dropOne} />
          {current && <RowProblems check={current} />}
        </section>
      ) : (
        !ledger.refusedFile && (
          <p className="bonus-empty muted">
            Import a ledger CSV to see every row checked before a cent moves: the assignment is this connection&apos;s and that worker&apos;s, the amount has two decimals and is within the $20.00 cap,
            the reason is given, and nothing repeats a payment already made. Fix or drop rows here, then see the dry run.
          </p>
        )
      )}
      <LedgersPanel selected={selected} onSelect={setSelected} />
      <CompensationsPanel />
      {compensating && <CompensateDialog onClose={() => setCompensating(false)} onStarted={(job) => { setCompensating(false); setStarted(job); }} />}
      {byRule && <RuleDialog onClose={() => setByRule(false)} onOpen={(made) => { setByRule(false); start(made); }} />}
      {dryRun && draft && current && <DryRunDialog draft={draft} check={current} onClose={() => setDryRun(false)} onSent={onSent} />}
      {started && (
        <div className="manage-toast" role="status" data-testid="bonuses-started">
          <span>Started: {started.label} — see Jobs</span>
          <button type="button" className="button button--small button--ghost" onClick={() => setStarted(null)} aria-label="Dismiss">✕</button>
        </div>
      )}
    </div>
  );
}
