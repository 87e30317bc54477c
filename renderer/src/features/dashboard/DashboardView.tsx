import { useMemo, useState } from 'react';
import type { AuditEntry } from '../../../../shared/contract/audit';
import type { BatchSummary } from '../../../../shared/contract/batches';
import type { DashboardSummary, RadarBand, SpendGrouping, SpendReport } from '../../../../shared/contract/dashboard';
import type { AreaId } from '../../../../shared/preferences';
import { displayMoney } from '../../../../shared/domain/money';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { UntrustedText } from '../../components/UntrustedText';
import { useLiveQuery } from '../../data/useLiveQuery';
import { useAppStore } from '../../stores/app-store';
import { ProgressMeter } from '../batches/BatchFigures';
import { statusLabel } from '../batches/batches-model';
import { coalesce } from '../batches/coalesce';
import { calendarDays, calendarWeeks, CHART_BATCHES, CHART_DAYS, CHART_WEEKS, daysTotal, topBatches } from './dashboard-model';
import { SpendChart } from './SpendChart';
import './dashboard.css';
import { showBatchPage } from '../batches/batch-focus';
import { reviewBatch } from '../../stores/review-batch-store';

const notConnected = { ok: false as const, error: { kind: 'internal' as const, message: 'Not connected to Turkbench.' } };
const REFRESH_GAP_MS = 500;

const CHART_TITLES: Record<SpendGrouping, string> = { day: 'Spend per day', week: 'Spend per week', batch: 'Spend per batch' };
const CHART_HINTS: Record<SpendGrouping, string> = {
  day: `last ${CHART_DAYS} days, UTC`,
  week: `last ${CHART_WEEKS} weeks, UTC, from Monday`,
  batch: `the ${CHART_BATCHES} most expensive`,
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const utcTime = (at: number): string => new Date(at).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Where the money goes, for the active connection: balance and what is still owed, spend per day (rewards, bonuses,
 * fees), the auto-approval radar, batches in progress, spend per batch and the latest MTurk writes. Figures come
 * from the archive (so they work offline); the balance is the one the connection last reported.
 */
export function DashboardView() {
  const fetchSummary = useMemo(() => coalesce(async () => (await bridge?.api['dashboard.summary']({ balance: false })) ?? notConnected, REFRESH_GAP_MS), []);
  const summary = useLiveQuery<DashboardSummary>(fetchSummary, {
    tables: ['assignments', 'bonuses', 'hits', 'batches', 'operations_journal'],
    events: ['connection.changed'],
  });
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const connection = useAppStore((s) => s.connection);
  const goTo = useAppStore((s) => s.goTo);
  const open = (area: AreaId): void => {
    window.location.hash = `/${area}`;
    goTo(area);
  };
  const value = summary.value;
  const [by, setBy] = useState<SpendGrouping>('day');
  const days = useMemo(() => (value ? calendarDays(value.perDay.buckets, value.at) : []), [value]);
  const bars = useMemo(() => {
    if (!value || by === 'day') return days;
    return by === 'week' ? calendarWeeks(value.perWeek.buckets, value.at) : topBatches(value.perBatch.buckets);
  }, [value, by, days]);

  if (summary.error && !value) {
    return (
      <section className="empty" aria-labelledby="dash-failed">
        <h2 id="dash-failed" className="empty__title">The Dashboard could not read the archive</h2>
        <p className="notice notice--error" role="alert">{summary.error.message}</p>
      </section>
    );
  }
  if (!value) return <p className="dashboard__loading">Reading the archive…</p>;
  const balanceCents = connection?.state === 'online' ? (connection.balanceCents ?? null) : null;
  const nothingYet = value.perDay.buckets.length === 0 && value.liabilities.totalCents === 0 && value.recentActions.length === 0 && value.batchesInProgress.length === 0;

  return (
    <div className="dashboard" data-testid="dashboard">
      {summary.error && <p className="notice notice--error" role="alert">{summary.error.message}</p>}
      <section className="dash-tiles" aria-label="Money">
        <Tile label="Available balance" testId="tile-balance" value={balanceCents === null ? '—' : displayMoney(balanceCents)} note={balanceCents === null ? 'Shown when the connection is online' : 'As MTurk last reported it'} />
        <Tile label="Owed for submitted work" testId="tile-submitted" value={displayMoney(value.liabilities.submittedCents)} note={`${plural(value.liabilities.submittedAssignments, 'assignment')} waiting for review, with fees`} />
        <Tile label="Open HITs can still cost" testId="tile-open" value={displayMoney(value.liabilities.openCents)} note={`${plural(value.liabilities.openAssignments, 'assignment')} on ${plural(value.liabilities.openHits, 'open HIT')}, with fees`} />
        <Tile label={`Spent in the last ${CHART_DAYS} days`} testId="tile-spent" value={displayMoney(daysTotal(days))} note={`${displayMoney(value.perDay.total.totalCents)} in the archive overall`} />
      </section>

      {nothingYet ? (
        <section className="empty" aria-labelledby="dash-empty">
          <h2 id="dash-empty" className="empty__title">Nothing spent on this connection yet</h2>
          <p className="empty__summary">
            Once approved work, bonuses or open HITs are in the archive, this page shows what each day and each batch cost (rewards, bonuses and MTurk's
            fees), what is still owed, and which submitted work MTurk will approve by itself soon. Launch a batch, or sync an account that already has work.
          </p>
          <div className="dash-empty__actions">
            <button type="button" className="button button--primary" onClick={() => open('batches')}>Go to Batches</button>
            <button type="button" className="button" onClick={() => open('archive')}>Go to Archive to sync</button>
          </div>
        </section>
      ) : (
        <>
          <section className="dash-card dash-card--wide" aria-labelledby="dash-chart">
            <div className="dash-card__head">
              <h2 id="dash-chart" className="dash-card__title">{CHART_TITLES[by]} <span className="dash-card__hint">{CHART_HINTS[by]}</span></h2>
              <div className="segmented" role="group" aria-label="Group spend by">
                {(['day', 'week', 'batch'] as const).map((g) => (
                  <button key={g} type="button" className="segmented__option" aria-pressed={by === g} onClick={() => setBy(g)}>{g === 'day' ? 'Days' : g === 'week' ? 'Weeks' : 'Batches'}</button>
                ))}
              </div>
            </div>
            <SpendChart bars={bars} by={by} theme={theme} label={`${CHART_TITLES[by]}, ${CHART_HINTS[by]}`} />
          </section>
          <div className="dash-columns">
            <Radar bands={value.radar} waiting={value.liabilities.submittedAssignments} onReview={() => open('review')} />
            <BatchesInProgress batches={value.batchesInProgress} onOpen={() => open('batches')} />
          </div>
          <div className="dash-columns">
            <PerBatch report={value.perBatch} />
            <RecentActions actions={value.recentActions} onAudit={() => open('audit')} />
          </div>
        </>
      )}
    </div>
  );
}

function Tile({ label, value, note, testId }: { label: string; value: string; note: string; testId: string }) {
  return (
    <div className="dash-tile" data-testid={testId}>
      <span className="dash-tile__label">{label}</span>
      <strong className="dash-tile__value">{value}</strong>
      <span className="dash-tile__note">{note}</span>
    </div>
  );
}

function Radar({ bands, waiting, onReview }: { bands: readonly RadarBand[]; waiting: number; onReview(): void }) {
  return (
    <section className="dash-card" aria-labelledby="dash-radar" data-testid="radar">
      <h2 id="dash-radar" className="dash-card__title">
        Auto-approval radar <span className="dash-card__hint">{plural(waiting, 'assignment')} waiting for review</span>
      </h2>
      {waiting === 0 ? (
        <p className="dash-card__empty">No submitted work is waiting: nothing will be approved without you looking.</p>
      ) : (
        <table className="dash-table">
          <thead><tr><th scope="col">MTurk approves it by itself in</th><th scope="col" className="num">Assignments</th><th scope="col" className="num">Cost with fees</th><th scope="col">Soonest (UTC)</th></tr></thead>
          <tbody>
            {bands.map((band, i) => (
              <tr key={band.label} className={i === 0 && band.assignments > 0 ? 'dash-table__urgent' : undefined}>
                <th scope="row">{band.label}</th>
                <td className="num">{band.assignments}</td>
                <td className="num">{displayMoney(band.costCents)}</td>
                <td>{band.soonestAt === null ? '—' : utcTime(band.soonestAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {waiting > 0 && <button type="button" className="button" onClick={onReview}>Review now</button>}
    </section>
  );
}

function BatchesInProgress({ batches, onOpen }: { batches: readonly BatchSummary[]; onOpen(): void }) {
  return (
    <section className="dash-card" aria-labelledby="dash-batches" data-testid="batches-in-progress">
      <h2 id="dash-batches" className="dash-card__title">Batches in progress</h2>
      {batches.length === 0 ? (
        <p className="dash-card__empty">No batch is running or waiting for review.</p>
      ) : (
        <ul className="dash-batches">
          {batches.slice(0, 6).map((batch) => {
            const { submitted, approved, rejected } = batch.figures.assignments;
            const waiting = submitted - approved - rejected;
            return (
              <li key={batch.id}>
                <span className="dash-batches__head">
                  <button type="button" className="dash-batches__name" onClick={() => showBatchPage(batch.id)} title="Open the batch's page">
                    <UntrustedText value={batch.name} limit={80} />
                  </button>
                  <span className={`batch-status batch-status--${batch.figures.status}`}>{statusLabel(batch.figures)}</span>
                  <span className="dash-batches__spent" title="Approved rewards and their fees; with bonuses in Spend per batch">{displayMoney(batch.figures.spentCents)}</span>
                  {waiting > 0 && (
                    <button type="button" className="button button--small" onClick={() => reviewBatch({ id: batch.id, name: batch.name })} title="The review queue with only this batch's work">
                      Review {waiting.toLocaleString('en-US')}
                    </button>
                  )}
                </span>
                <ProgressMeter batch={batch} />
              </li>
            );
          })}
        </ul>
      )}
      {batches.length > 0 && <button type="button" className="button" onClick={onOpen}>All batches</button>}
    </section>
  );
}

function PerBatch({ report }: { report: SpendReport }) {
  return (
    <section className="dash-card" aria-labelledby="dash-per-batch" data-testid="spend-per-batch">
      <h2 id="dash-per-batch" className="dash-card__title">Spend per batch</h2>
      {report.buckets.length === 0 ? (
        <p className="dash-card__empty">No approved work or bonuses yet.</p>
      ) : (
        <table className="dash-table">
          <thead><tr><th scope="col">Batch</th><th scope="col" className="num">Rewards</th><th scope="col" className="num">Bonuses</th><th scope="col" className="num">Fees</th><th scope="col" className="num">Total</th></tr></thead>
          <tbody>
            {report.buckets.slice(0, 10).map((b) => (
              <tr key={b.key}>
                <th scope="row"><UntrustedText value={b.label} limit={60} /></th>
                <td className="num">{displayMoney(b.rewardsCents)}</td>
                <td className="num">{displayMoney(b.bonusesCents)}</td>
                <td className="num">{displayMoney(b.feesCents)}</td>
                <td className="num"><strong>{displayMoney(b.totalCents)}</strong></td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All{report.buckets.length > 10 ? ` (${report.buckets.length} batches)` : ''}</th>
              <td className="num">{displayMoney(report.total.rewardsCents)}</td>
              <td className="num">{displayMoney(report.total.bonusesCents)}</td>
              <td className="num">{displayMoney(report.total.feesCents)}</td>
              <td className="num" data-testid="spend-total"><strong>{displayMoney(report.total.totalCents)}</strong></td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

const STATE_LABEL: Record<AuditEntry['state'], string> = { pending: 'not sent yet', sent: 'sent', confirmed: 'done', failed: 'failed', unknown: 'unknown' };

function RecentActions({ actions, onAudit }: { actions: readonly AuditEntry[]; onAudit(): void }) {
  return (
    <section className="dash-card" aria-labelledby="dash-recent" data-testid="recent-actions">
      <h2 id="dash-recent" className="dash-card__title">Recent actions</h2>
      {actions.length === 0 ? (
        <p className="dash-card__empty">Nothing sent to MTurk from Turkbench yet.</p>
      ) : (
        <ul className="dash-actions">
          {actions.map((a) => (
            <li key={a.id} className={`dash-actions__item dash-actions__item--${a.state}`}>
              <span className="dash-actions__when">{utcTime(a.at)}</span>
              <span className="dash-actions__what">{a.kind}{a.target ? <> · <UntrustedText value={a.target} limit={40} /></> : null}</span>
              <span className="dash-actions__amount">{a.amountCents === null ? '' : `${displayMoney(a.amountCents)}${a.amountIs === 'held' ? ' held' : ''}`}</span>
              <span className="dash-actions__state" title={a.answer}>{STATE_LABEL[a.state]}</span>
            </li>
          ))}
        </ul>
      )}
      {actions.length > 0 && <button type="button" className="button" onClick={onAudit}>Open the audit log</button>}
    </section>
  );
}
