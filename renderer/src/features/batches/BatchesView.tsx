import { useMemo, useState } from 'react';
import { DEFAULT_WAGE_FLOOR_CENTS } from '../../../../shared/batch/progress';
import type { BatchSummary } from '../../../../shared/contract/batches';
import { parseMoney } from '../../../../shared/domain/money';
import { bridge } from '../../api/bridge';
import { UntrustedText } from '../../components/UntrustedText';
import { useLiveQuery } from '../../data/useLiveQuery';
import { useAppStore } from '../../stores/app-store';
import { useBatchFocus } from './batch-focus';
import { BatchPage, REFRESH_GAP_MS } from './BatchPage';
import { coalesce } from './coalesce';
import { FigureList, ProgressMeter } from './BatchFigures';
import { statusLabel } from './batches-model';
import { LaunchDialog } from './LaunchDialog';
import { connectionIdFor } from './launch-target';
import './batches.css';

const notConnected = { ok: false as const, error: { kind: 'internal' as const, message: 'Not connected to Turkbench.' } };

/**
 * Every batch of the active connection — launched here, or found on MTurk by its tag — with its progress and
 * figures; a batch page with its HITs; and "Launch a folder…". Reads the archive only, so it works offline.
 */
export function BatchesView() {
  const { openId, open: setOpenId } = useBatchFocus();
  const [launching, setLaunching] = useState(false);
  const wageFloorCents = useAppStore((s) => s.prefs.wageFloorCents ?? DEFAULT_WAGE_FLOOR_CENTS);
  const activeIsLocal = useAppStore((s) => s.connection?.kind === 'local');
  const fetchList = useMemo(() => coalesce(async () => (await bridge?.api['batches.list']()) ?? notConnected, REFRESH_GAP_MS), []);
  const batches = useLiveQuery<readonly BatchSummary[]>(fetchList, {
    tables: ['batches', 'hits', 'assignments'],
    events: ['connection.changed'],
  });

  const launched = (batchId: string): void => {
    setLaunching(false);
    setOpenId(batchId);
  };

  return (
    <div className="batches-view">
      {openId ? (
        <BatchPage batchId={openId} wageFloorCents={wageFloorCents} onBack={() => setOpenId(null)} />
      ) : (
        <>
          <div className="toolbar">
            <button type="button" className="button button--primary" onClick={() => setLaunching(true)}>Launch a folder…</button>
            <span className="toolbar__spacer" />
            <WageFloorField cents={wageFloorCents} />
          </div>
          {batches.error && <p className="notice notice--error" role="alert">{batches.error.message}</p>}
          {batches.status === 'ready' && batches.value?.length === 0 && <BatchesEmpty onLaunch={() => setLaunching(true)} />}
          <div className="batches-scroll">
            {batches.value && batches.value.length > 0 && (
              <ul className="batch-list" aria-label="Batches">
                {batches.value.map((batch) => (
                  <BatchCard key={batch.id} batch={batch} wageFloorCents={wageFloorCents} onOpen={() => setOpenId(batch.id)} />
                ))}
              </ul>
            )}
            {!activeIsLocal && <TrialBatches wageFloorCents={wageFloorCents} onOpen={setOpenId} />}
          </div>
        </>
      )}
      {launching && <LaunchDialog onClose={() => setLaunching(false)} onLaunched={launched} />}
    </div>
  );
}

/** Batches tried on the built-in Local MTurk while another connection is active: they stay there, listed apart. */
function TrialBatches({ wageFloorCents, onOpen }: { wageFloorCents: number; onOpen(batchId: string): void }) {
  const fetchTrials = useMemo(
    () =>
      coalesce(async () => {
        const local = await connectionIdFor('local-mturk');
        if (!local.ok) return local;
        return (await bridge?.api['batches.list']({ connectionId: local.value })) ?? notConnected;
      }, REFRESH_GAP_MS),
    [],
  );
  const trials = useLiveQuery<readonly BatchSummary[]>(fetchTrials, { tables: ['batches', 'hits', 'assignments'], anyConnection: true });
  if (!trials.value || trials.value.length === 0) return null;
  return (
    <section className="batch-trials" aria-labelledby="batch-trials-title" data-testid="batch-trials">
      <h2 id="batch-trials-title" className="batch-trials__title">Tried on Local MTurk</h2>
      <p className="muted batch-trials__summary">Play money and simulated workers, on the built-in Local MTurk — not on the active connection.</p>
      <ul className="batch-list" aria-label="Batches tried on Local MTurk">
        {trials.value.map((batch) => (
          <BatchCard key={batch.id} batch={batch} wageFloorCents={wageFloorCents} onOpen={() => onOpen(batch.id)} />
        ))}
      </ul>
    </section>
  );
}

function BatchesEmpty({ onLaunch }: { onLaunch(): void }) {
  return (
    <section className="empty" aria-labelledby="batches-empty">
      <h2 id="batches-empty" className="empty__title">No batches yet</h2>
      <p className="empty__summary">
        A batch is a folder: <code>batch.json</code> (title, reward, assignments…), a question template with <code>{'${column}'}</code> placeholders and
        an <code>input.csv</code> with one row per HIT. Make one with <code>turkbench batch new DIR</code> or the template editor, then launch it here:
        you see every problem and the full cost before anything is sent.
      </p>
      <button type="button" className="button button--primary" onClick={onLaunch}>Launch a folder…</button>
    </section>
  );
}

function BatchCard({ batch, wageFloorCents, onOpen }: { batch: BatchSummary; wageFloorCents: number; onOpen(): void }) {
  return (
    <li className="batch-card" data-testid="batch-card" data-batch-id={batch.id}>
      <button type="button" className="batch-card__open" onClick={onOpen} aria-label={`Open batch ${batch.name}`}>
        <span className="batch-card__name"><UntrustedText value={batch.name} limit={100} /></span>
        <span className={`batch-status batch-status--${batch.figures.status}`} data-testid="batch-status">{statusLabel(batch.figures)}</span>
        {batch.origin === 'found' && <span className="batch-status batch-status--found">found on MTurk</span>}
      </button>
      <ProgressMeter batch={batch} />
      <FigureList batch={batch} wageFloorCents={wageFloorCents} />
    </li>
  );
}

/** The hourly wage under which batches are flagged, kept in preferences. */
function WageFloorField({ cents }: { cents: number }) {
  const updatePrefs = useAppStore((s) => s.updatePrefs);
  const [text, setText] = useState((cents / 100).toFixed(2));
  const parsed = parseMoney(text.trim().replace(/^\$/, ''));
  const save = (): void => {
    if (parsed !== null && parsed !== cents) void updatePrefs({ wageFloorCents: parsed });
  };
  return (
    <label className="toolbar__check">
      Flag wages under $
      <input
        className="batches-floor"
        value={text}
        inputMode="decimal"
        aria-label="Hourly wage floor in dollars"
        aria-invalid={parsed === null}
        onChange={(e) => setText(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => e.key === 'Enter' && save()}
      />
      /h
    </label>
  );
}
