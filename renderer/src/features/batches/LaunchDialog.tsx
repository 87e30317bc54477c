import { useEffect, useRef, useState } from 'react';
import { microBatchingNote } from '../../../../shared/batch/cost';
import type { BatchCheckResult, BatchLaunchPlan } from '../../../../shared/contract/batches';
import { displayMoney } from '../../../../shared/domain/money';
import { bridge } from '../../api/bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAppStore } from '../../stores/app-store';
import { UntrustedText } from '../../components/UntrustedText';
import { typedNameMatches } from '../manage-hits/manage-model';
import '../manage-hits/manage-hits.css';
import { asksForAnotherBatch, findingPlace, launchLabel, launchMoney, sortFindings } from './batches-model';
import { connectionIdFor, type LaunchTarget } from './launch-target';
import { ProductionNotice } from '../../components/ProductionNotice';

type Step =
  | { readonly step: 'folder'; readonly check: BatchCheckResult | null; readonly checkedFor: string }
  | { readonly step: 'planning' }
  | { readonly step: 'confirm'; readonly plan: BatchLaunchPlan; readonly newBatch: boolean; readonly connectionId: string | undefined };

type Outcome<T> = { ok: true; value: T } | { ok: false; error: { message: string } } | undefined;

/**
 * Launching a folder: its path → every problem in it (errors block) → the full cost and the balance after (on
 * Production, the connection's name typed) → the launch job. A folder launched before asks whether another batch is
 * meant; an unfinished one is resumed. `start` skips the path (the editor's folder) and goes straight to the cost on
 * the active connection, or on the built-in Local MTurk to try the folder out.
 */
export function LaunchDialog({ onClose, onLaunched, start }: { onClose(): void; onLaunched(batchId: string): void; start?: { folder: string; target: LaunchTarget } }) {
  const [folder, setFolder] = useState(start?.folder ?? '');
  const [state, setState] = useState<Step>(start ? { step: 'planning' } : { step: 'folder', check: null, checkedFor: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [typedName, setTypedName] = useState('');
  // Only the desktop app has a native folder picker; in a browser the path is typed.
  const canPick = useAppStore((s) => s.info?.mode === 'electron');

  const run = async <T,>(work: () => Promise<Outcome<T>>, then: (value: T) => void): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await work();
    setBusy(false);
    if (!result) return setError('Not connected to Turkbench.');
    if (result.ok) then(result.value);
    else setError(result.error.message);
  };

  const check = (): Promise<void> => run(() => bridge?.api['batches.check']({ folder }) ?? Promise.resolve(undefined), (value) => setState({ step: 'folder', check: value, checkedFor: folder }));
  const pick = (): Promise<void> =>
    run(() => bridge?.api['batches.pickFolder']() ?? Promise.resolve(undefined), (value) => value.folder !== null && setFolder(value.folder));
  const plan = (newBatch: boolean, target: LaunchTarget): Promise<void> =>
    run(
      async () => {
        const connection = await connectionIdFor(target);
        if (!connection.ok) return connection;
        const planned = await bridge?.api['batches.plan']({ folder, newBatch, ...(connection.value ? { connectionId: connection.value } : {}) });
        return planned?.ok ? { ok: true as const, value: { plan: planned.value, connectionId: connection.value } } : planned;
      },
      (value) => setState({ step: 'confirm', plan: value.plan, newBatch, connectionId: value.connectionId }),
    );
  const launch = (p: BatchLaunchPlan, newBatch: boolean, connectionId: string | undefined): Promise<void> =>
    run(
      () =>
        bridge?.api['batches.launch']({ folder, newBatch, ...(connectionId ? { connectionId } : {}), ...(p.typeToConfirm !== null ? { typedConnectionName: typedName } : {}) }) ??
        Promise.resolve(undefined),
      (value) => onLaunched(value.batchId),
    );

  // Opened on a folder: plan at once (once, even when React runs effects twice in development).
  const planned = useRef(false);
  useEffect(() => {
    if (!start || planned.current) return;
    planned.current = true;
    void plan(false, start.target);
  }, [start, plan]);

  if (state.step === 'planning') {
    return (
      <ConfirmDialog open title={start?.target === 'local-mturk' ? 'Try the batch on Local MTurk' : 'Publish the batch'} confirmLabel={null} testId="launch-dialog" onConfirm={onClose} onCancel={onClose}>
        <div className="launch">
          {error ? <p className="notice notice--error" role="alert">{error}</p> : <p className="muted" aria-busy="true">Checking the folder and the cost…</p>}
        </div>
      </ConfirmDialog>
    );
  }

  if (state.step === 'folder') {
    // A check answers for the path it was asked about: typing another path needs another check.
    const checked = state.checkedFor === folder ? state.check : null;
    return (
      <ConfirmDialog
        open
        title="Launch a batch folder"
        confirmLabel="Review cost…"
        confirmDisabled={busy || !checked?.launchable}
        testId="launch-dialog"
        onConfirm={() => void plan(false, 'active')}
        onCancel={onClose}
      >
        <div className="launch">
          <form
            className="launch__folder"
            onSubmit={(e) => {
              e.preventDefault();
              void check();
            }}
          >
            <label className="field">
              <span>Batch folder (with batch.json, the template and input.csv)</span>
              <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/home/you/batches/sentiment" spellCheck={false} aria-label="Batch folder" className="mono" />
            </label>
            {canPick && <button type="button" className="button" disabled={busy} onClick={() => void pick()}>Browse…</button>}
            <button type="submit" className="button" disabled={busy || folder.trim() === ''}>{busy ? 'Checking…' : 'Check'}</button>
          </form>
          {checked && <CheckSummary check={checked} />}
          {checked?.launchable && (
            <p className="launch__trial">
              <button type="button" className="button button--small" disabled={busy} onClick={() => void plan(false, 'local-mturk')}>Try on Local MTurk</button>
              <span className="muted">first: the same folder on the built-in Local MTurk, with a simulated crowd and play money.</span>
            </p>
          )}
          {error && <p className="notice notice--error" role="alert">{error}</p>}
        </div>
      </ConfirmDialog>
    );
  }

  const { plan: p, newBatch, connectionId } = state;
  const trial = connectionId !== undefined && !p.connection.production;
  if (asksForAnotherBatch(p, newBatch)) {
    const last = p.launchedBefore[0]!;
    return (
      <ConfirmDialog open title="Launch another batch?" confirmLabel="Launch another batch" testId="launch-dialog" confirmDisabled={busy} onConfirm={() => void plan(true, trial ? 'local-mturk' : 'active')} onCancel={onClose}>
        <p data-testid="launched-before">
          This folder was launched before on <UntrustedText value={p.connection.label} limit={80} /> (batch <span className="mono">{last.batchId}</span>,{' '}
          {new Date(last.createdAt).toLocaleString()}). Launching it again creates a second, separate batch of HITs and pays for them again.
        </p>
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </ConfirmDialog>
    );
  }

  const money = launchMoney(p);
  const canLaunch = !busy && p.launchable && typedNameMatches(p.typeToConfirm, typedName) && !(money?.short ?? false);
  return (
    <ConfirmDialog
      open
      title={p.resumes ? 'Resume launching the batch' : trial ? 'Try the batch on Local MTurk' : 'Launch the batch'}
      confirmLabel={launchLabel(p)}
      confirmDisabled={!canLaunch}
      danger={p.typeToConfirm !== null}
      testId="launch-dialog"
      onConfirm={() => void launch(p, newBatch, connectionId)}
      onCancel={onClose}
    >
      <div className="launch">
        <p>
          <strong><UntrustedText value={p.name} limit={120} /></strong> on <UntrustedText value={p.connection.label} limit={80} />
          {p.resumes && (
            <span className="muted"> · {p.resumes.created.toLocaleString('en-US')} of {p.resumes.hits.toLocaleString('en-US')} HITs already created; only the rest are created</span>
          )}
        </p>
        {trial && <p className="muted" data-testid="trial-notice">Play money: the built-in Local MTurk&apos;s simulated workers do the work, and nothing reaches MTurk. When it works as meant, publish the same folder on your MTurk connection.</p>}
        {money && (
          <div className="launch__money" data-testid="launch-cost">
            <p>{money.rewards}</p>
            <p>+ {money.fees}</p>
            <p className="launch__total">= {money.total}</p>
            <p className={money.short ? 'manage__short' : 'muted'}>{money.balance}{money.short ? ' — not enough to cover it' : ''}</p>
          </div>
        )}
        {p.cost && microBatchingNote(p.cost) && (
          <p className="muted" data-testid="launch-micro-batching">
            Micro-batched: each row as sub-HITs of {p.cost.subHitSizes.join(' + ')} assignments, saving {displayMoney(p.cost.savingCents)}. {microBatchingNote(p.cost)}
          </p>
        )}
        {p.excludesParticipantsOf && (
          <p className={p.excludesParticipantsOf.problem ? 'notice notice--error' : 'muted'} data-testid="launch-excludes">
            {p.excludesParticipantsOf.problem ??
              `Keeps out the workers of ${[...p.excludesParticipantsOf.batches.map((b) => `batch ${b}`), ...p.excludesParticipantsOf.studies.map((s) => `study “${s}”`)].join(', ')}: they are granted this batch’s private past-participants qualification before any HIT is published.`}
          </p>
        )}
        {p.findings.some((f) => f.severity !== 'info') && <Findings findings={p.findings} />}
        {p.typeToConfirm !== null && (
          <ProductionNotice consequence="this spends real money" connectionLabel={p.connection.label} typedName={typedName} onTypedName={setTypedName} />
        )}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}

function CheckSummary({ check }: { check: BatchCheckResult }) {
  const errors = check.findings.filter((f) => f.severity === 'error').length;
  return (
    <div className="launch__check" data-testid="launch-check">
      <p className={errors > 0 ? 'launch__verdict launch__verdict--error' : 'launch__verdict'}>
        {errors > 0
          ? `${errors} problem${errors === 1 ? '' : 's'} to fix before this folder can be launched`
          : `Ready: ${check.rows.toLocaleString('en-US')} row${check.rows === 1 ? '' : 's'}${check.name ? ' · ' : ''}`}
        {errors === 0 && check.name && <UntrustedText value={check.name} limit={80} />}
      </p>
      {check.findings.length > 0 && <Findings findings={check.findings} />}
    </div>
  );
}

function Findings({ findings }: { findings: BatchCheckResult['findings'] }) {
  return (
    <ul className="launch__findings" aria-label="Findings" data-testid="launch-findings">
      {sortFindings(findings).map((f, i) => (
        <li key={i} className={`launch__finding launch__finding--${f.severity}`}>
          <span className="launch__severity">{f.severity}</span>
          <span className="launch__place mono"><UntrustedText value={findingPlace(f)} limit={200} /></span>
          <span className="launch__message"><UntrustedText value={f.message} limit={600} /></span>
        </li>
      ))}
    </ul>
  );
}
