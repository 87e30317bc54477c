/**
 * The Batches area's words and numbers (pure, unit-tested): a batch's figures as the cards show them, the launch
 * confirmation's money lines, findings naming their file and place, and the HIT grid's columns. Values that came from
 * a requester's files or from MTurk end up in grid cells or React text, never markup.
 */
import type { ColDef } from 'ag-grid-community';
import { BATCH_STATUS_LABELS, isBelowWageFloor, type BatchFigures } from '../../../../shared/batch/progress';
import type { BatchFinding, BatchHitRow, BatchLaunchPlan } from '../../../../shared/contract/batches';
import { displayMoney } from '../../../../shared/domain/money';
import { cellText } from '../../components/display-text';
import { formatTime } from '../../grid/format';

/** How much of the bar each part fills, in percent of all assignments the batch wants. */
export interface ProgressBar {
  readonly approvedPercent: number;
  /** Submitted and not approved (waiting, or rejected). */
  readonly submittedPercent: number;
  /** Submitted of all, in whole percent, rounded down: 100 only when every assignment is in. */
  readonly donePercent: number;
  readonly label: string;
}

const percent = (part: number, whole: number): number => (whole <= 0 ? 0 : Math.min(100, Math.round((part / whole) * 1000) / 10));

export function progressBar(figures: BatchFigures): ProgressBar {
  const { total, submitted, approved } = figures.assignments;
  return {
    approvedPercent: percent(approved, total),
    submittedPercent: percent(submitted - approved, total),
    donePercent: total <= 0 ? 0 : Math.min(100, Math.floor((submitted / total) * 100)),
    label: `${submitted.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} submitted · ${approved.toLocaleString('en-US')} approved`,
  };
}

/** "45 s", "3 min 20 s", "2 h 05 min". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h ${String(minutes).padStart(2, '0')} min`;
}

export const formatWage = (cents: number): string => `${displayMoney(cents)}/h`;

/** "in 3 h 20 min (14:05)", or why there is none. */
export function etaText(figures: BatchFigures, now: number): string {
  if (figures.etaAt !== null) return `in ${formatDuration(Math.max(0, (figures.etaAt - now) / 1000))} (${formatTime(figures.etaAt)})`;
  if (figures.status === 'launching' || figures.status === 'running') return figures.assignments.submitted === 0 ? 'after the first submissions' : '—';
  return '—';
}

export interface FigureLine {
  readonly label: string;
  readonly value: string;
  /** Shown as a warning (the wage under the floor). */
  readonly warn?: string;
}

/** The figures under a batch's progress bar, in reading order. */
export function figureLines(figures: BatchFigures, wageFloorCents: number, now: number): FigureLine[] {
  const wage = figures.hourlyWageCents;
  const below = isBelowWageFloor(wage, wageFloorCents);
  return [
    { label: 'HITs', value: figures.hitsCreated === figures.hits ? figures.hits.toLocaleString('en-US') : `${figures.hitsCreated.toLocaleString('en-US')} of ${figures.hits.toLocaleString('en-US')} created` },
    { label: 'Spent on rewards', value: displayMoney(figures.spentCents) }, // bonuses are in the Dashboard's spend per batch
    { label: 'Started', value: formatTime(figures.startedAt) },
    { label: 'ETA', value: etaText(figures, now) },
    { label: 'Median work', value: figures.medianWorkSeconds === null ? '—' : formatDuration(figures.medianWorkSeconds) },
    {
      label: 'Hourly wage',
      value: wage === null ? '—' : formatWage(wage),
      ...(below ? { warn: `below your floor of ${formatWage(wageFloorCents)}` } : {}),
    },
  ];
}

export const statusLabel = (figures: BatchFigures): string => BATCH_STATUS_LABELS[figures.status];

/** Where a finding is: "template.html line 12", "input.csv rows 3, 9 · column url", "batch.json · Reward". */
export function findingPlace(f: BatchFinding): string {
  const parts = [f.file];
  if (f.line !== undefined) parts[0] = `${f.file} line ${f.line}`;
  if (f.rows && f.rows.length > 0) {
    const shown = f.rows.slice(0, 5).join(', ');
    parts[0] = `${f.file} row${f.rows.length === 1 ? '' : 's'} ${shown}${f.rows.length > 5 ? ` and ${f.rows.length - 5} more` : ''}`;
  }
  if (f.column) parts.push(`column ${f.column}`);
  if (f.key) parts.push(f.key);
  return parts.join(' · ');
}

/** Errors first, then warnings, then notes. */
export function sortFindings(findings: readonly BatchFinding[]): BatchFinding[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

export interface LaunchMoney {
  readonly rewards: string;
  readonly fees: string;
  readonly total: string;
  readonly balance: string;
  /** The balance does not cover it. */
  readonly short: boolean;
}

/** The confirmation's money: rewards, MTurk's fee and its percentage, the total, and the balance before → after. */
export function launchMoney(plan: Pick<BatchLaunchPlan, 'cost' | 'resumes' | 'toSpendCents' | 'balance'>): LaunchMoney | null {
  const cost = plan.cost;
  if (!cost) return null;
  const resuming = plan.resumes !== null;
  const balance = plan.balance
    ? `Balance ${displayMoney(plan.balance.availableCents)} → ${displayMoney(plan.balance.afterCents)} after`
    : 'Balance unknown: MTurk could not be asked (offline?).';
  return {
    rewards: `${displayMoney(cost.rewardsCents)} rewards (${cost.assignments.toLocaleString('en-US')} assignment${cost.assignments === 1 ? '' : 's'} over ${cost.hits.toLocaleString('en-US')} HIT${cost.hits === 1 ? '' : 's'})`,
    fees: `${displayMoney(cost.feesCents)} MTurk fee (${cost.feePercent} %)`,
    total: resuming ? `${displayMoney(plan.toSpendCents)} for the HITs still to create (batch total ${displayMoney(cost.totalCents)})` : `${displayMoney(cost.totalCents)} in total`,
    balance,
    short: plan.balance !== null && plan.balance.afterCents < 0,
  };
}

/** What the launch button says. */
export function launchLabel(plan: Pick<BatchLaunchPlan, 'cost' | 'resumes' | 'toSpendCents'>): string {
  if (plan.resumes) return `Resume: create ${(plan.resumes.hits - plan.resumes.created).toLocaleString('en-US')} more HITs`;
  const hits = plan.cost?.hits ?? 0;
  return `Launch ${hits.toLocaleString('en-US')} HIT${hits === 1 ? '' : 's'} · ${displayMoney(plan.toSpendCents)}`;
}

/** The launch asks first whether a second batch of an already launched folder is meant. */
export const asksForAnotherBatch = (plan: Pick<BatchLaunchPlan, 'resumes' | 'launchedBefore'>, newBatch: boolean): boolean =>
  !newBatch && plan.resumes === null && plan.launchedBefore.length > 0;

/** The HIT grid of a batch page: fixed columns, then one per input column (as text, cut long). */
export function hitColumns(inputColumns: readonly string[]): ColDef<BatchHitRow>[] {
  const fixed: ColDef<BatchHitRow>[] = [
    { colId: 'row', headerName: 'Row', width: 80, valueGetter: (p) => (p.data ? (p.data.part > 0 ? `${p.data.rowNumber}.${p.data.part}` : String(p.data.rowNumber)) : '') },
    { colId: 'hitId', headerName: 'HIT id', width: 250, valueGetter: (p) => p.data?.hitId ?? 'not created yet', cellClass: 'mono' },
    { colId: 'status', headerName: 'Status', width: 120, valueGetter: (p) => p.data?.status ?? '' },
    { colId: 'submitted', headerName: 'Submitted', width: 110, valueGetter: (p) => (p.data ? `${p.data.submitted} / ${p.data.maxAssignments}` : '') },
    { colId: 'approved', headerName: 'Approved', width: 100, valueGetter: (p) => p.data?.approved ?? '' },
    { colId: 'rejected', headerName: 'Rejected', width: 100, valueGetter: (p) => p.data?.rejected ?? '' },
  ];
  const inputs: ColDef<BatchHitRow>[] = inputColumns.map((name, index) => ({
    colId: `input-${index}`,
    headerName: cellText(name, 60),
    minWidth: 140,
    flex: 1,
    valueGetter: (p) => cellText(p.data?.input[name] ?? '', 300),
  }));
  return [...fixed, ...inputs];
}
