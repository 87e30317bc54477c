import { AgGridReact } from 'ag-grid-react';
import { useMemo, useState } from 'react';
import type { BatchDetail, BatchHitRow } from '../../../../shared/contract/batches';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { UntrustedText } from '../../components/UntrustedText';
import { useLiveQuery } from '../../data/useLiveQuery';
import '../../grid/register';
import { gridTheme } from '../../grid/theme';
import { useAppStore } from '../../stores/app-store';
import { askNotificationPermission } from '../notifications/useDesktopNotifications';
import { BatchActions, OutcomeNotice, type ActionOutcome } from './BatchActions';
import { FigureList, ProgressMeter } from './BatchFigures';
import { hitColumns, statusLabel } from './batches-model';
import { coalesce } from './coalesce';

/** How long the Batches views wait between two reads of a batch while the archive keeps changing. */
export const REFRESH_GAP_MS = 250;

const notConnected = { ok: false as const, error: { kind: 'internal' as const, message: 'Not connected to Turkbench.' } };

const NOT_WATCHED: readonly string[] = [];

/** Watching a batch raises a desktop notification for its new submissions (kept in preferences). */
function WatchToggle({ batchId }: { batchId: string }) {
  const watched = useAppStore((s) => s.prefs.watchedBatches) ?? NOT_WATCHED;
  const updatePrefs = useAppStore((s) => s.updatePrefs);
  const on = watched.includes(batchId);
  return (
    <button
      type="button"
      className="button"
      aria-pressed={on}
      data-testid="batch-watch"
      title="Notify me on the desktop when new work comes in"
      onClick={() => {
        if (!on) askNotificationPermission();
        void updatePrefs({ watchedBatches: on ? watched.filter((id) => id !== batchId) : [...watched, batchId] });
      }}
    >
      {on ? 'Watching ✓' : 'Watch'}
    </button>
  );
}

/** One batch: its figures, and every HIT it wants with its input row — filling in live as the launch creates them. */
export function BatchPage({ batchId, wageFloorCents, onBack }: { batchId: string; wageFloorCents: number; onBack(): void }) {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const fetchDetail = useMemo(() => coalesce(async () => (await bridge?.api['batches.detail']({ batchId })) ?? notConnected, REFRESH_GAP_MS), [batchId]);
  const detail = useLiveQuery<BatchDetail>(fetchDetail, {
    tables: ['batches', 'hits', 'assignments'],
    // A batch tried on the built-in Local MTurk stays on it while another connection is active.
    anyConnection: true,
    key: batchId,
  });
  const columns = useMemo(() => hitColumns(detail.value?.columns ?? []), [detail.value?.columns]);
  const value = detail.value;
  const [outcome, setOutcome] = useState<ActionOutcome>(null);
  return (
    <div className="batch-page" data-testid="batch-page">
      <div className="batch-page__head">
        <button type="button" className="button" onClick={onBack}>← All batches</button>
        {value && (
          <h2 className="batch-page__title">
            <UntrustedText value={value.batch.name} limit={120} />
            <span className={`batch-status batch-status--${value.batch.figures.status}`} data-testid="batch-status">{statusLabel(value.batch.figures)}</span>
            {value.batch.origin === 'found' && <span className="batch-status batch-status--found">found on MTurk</span>}
          </h2>
        )}
        <span className="toolbar__spacer" />
        <WatchToggle batchId={batchId} />
      </div>
      {/* The actions get a row of their own: beside the title they squeezed it (and each other) onto several lines. */}
      {value && <BatchActions detail={value} onOutcome={setOutcome} />}
      <OutcomeNotice outcome={outcome} />
      {detail.error && <p className="notice notice--error" role="alert">{detail.error.message}</p>}
      {value && (
        <>
          <div className="batch-page__summary">
            <p className="muted batch-page__meta">
              <span className="mono">{value.batch.id}</span> · on <UntrustedText value={value.connection.label} limit={80} />
              {value.connection.localMTurk && <> (play money, simulated workers)</>}
              {value.batch.folder && <> · from <UntrustedText value={value.batch.folder} limit={200} /></>}
              {value.batch.origin === 'found' && <> · HITs with this batch&apos;s tag that no batch launched here explains; their inputs are not known</>}
            </p>
            <ProgressMeter batch={value.batch} />
            <FigureList batch={value.batch} wageFloorCents={wageFloorCents} />
          </div>
          <div className="batch-page__grid" aria-label="HITs of the batch">
            <AgGridReact<BatchHitRow>
              theme={gridTheme(theme)}
              columnDefs={columns}
              rowData={[...value.hits]}
              getRowId={(p) => `${p.data.rowNumber}.${p.data.part}`}
              defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true }}
              suppressColumnVirtualisation
            />
          </div>
        </>
      )}
    </div>
  );
}
