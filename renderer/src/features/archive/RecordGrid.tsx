import type { ArchiveTable } from '../../../../shared/contract/archive';
import type { ColDef } from 'ag-grid-community';
import { useCallback, useState } from 'react';
import type { Bonus, QualificationType, WorkerBlock, WorkerSummary } from '../../../../shared/domain/archive-types';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { useAppStore } from '../../stores/app-store';
import { archiveScope } from '../../stores/kept-archive-store';
import { ArchiveGrid, type RowCount } from '../hits/ArchiveGrid';
import { rowCountLabel } from '../hits/row-count';
import { unwrapPage } from '../hits/unwrap-page';
import { useArchiveRefresh } from '../hits/useArchiveRefresh';
import { BONUS_COLUMNS, QUALIFICATION_TYPE_COLUMNS, WORKER_BLOCK_COLUMNS, WORKER_COLUMNS } from './record-columns';

export type RecordKind = 'workers' | 'bonuses' | 'qualificationTypes' | 'workerBlocks';

interface RecordGridSpec<T> {
  readonly title: string;
  readonly noun: readonly [singular: string, plural: string];
  readonly columns: ColDef<T>[];
  readonly tables: readonly ArchiveTable[];
  readonly rowId: (row: T) => string;
  readonly fetch: (after: string | null, limit: number) => ReturnType<typeof unwrapPage<T>>;
}

const none = (): void => undefined;

const SPECS: { [K in RecordKind]: RecordGridSpec<RecordOf<K>> } = {
  workers: {
    title: 'Workers',
    noun: ['worker', 'workers'],
    columns: WORKER_COLUMNS,
    tables: ['assignments', 'bonuses'],
    rowId: (w) => w.workerId,
    fetch: (after, limit) => unwrapPage(bridge?.api['workers.page']({ after, limit, ...archiveScope() }), none),
  },
  bonuses: {
    title: 'Bonuses',
    noun: ['bonus', 'bonuses'],
    columns: BONUS_COLUMNS,
    tables: ['bonuses'],
    rowId: (b) => `${b.assignmentId}/${b.workerId}/${b.grantTime}/${b.amountCents}`,
    fetch: (after, limit) => unwrapPage(bridge?.api['bonuses.page']({ after, limit, ...archiveScope() }), none),
  },
  qualificationTypes: {
    title: 'Qualification types',
    noun: ['qualification type', 'qualification types'],
    columns: QUALIFICATION_TYPE_COLUMNS,
    tables: ['qualification_types'],
    rowId: (q) => q.qualificationTypeId,
    fetch: (after, limit) => unwrapPage(bridge?.api['qualificationTypes.page']({ after, limit, ...archiveScope() }), none),
  },
  workerBlocks: {
    title: 'Worker blocks',
    noun: ['block', 'blocks'],
    columns: WORKER_BLOCK_COLUMNS,
    tables: ['worker_blocks'],
    rowId: (b) => b.workerId,
    fetch: (after, limit) => unwrapPage(bridge?.api['workerBlocks.page']({ after, limit, ...archiveScope() }), none),
  },
};

type RecordOf<K extends RecordKind> = {
  workers: WorkerSummary;
  bonuses: Bonus;
  qualificationTypes: QualificationType;
  workerBlocks: WorkerBlock;
}[K];

/** One kind of archived record in a keyset-paged grid, opened from its count on the Archive screen. */
export function RecordGrid({ kind, onClose }: { kind: RecordKind; onClose(): void }) {
  return <RecordGridOf spec={SPECS[kind] as RecordGridSpec<unknown>} kind={kind} onClose={onClose} />;
}

function RecordGridOf<T>({ spec, kind, onClose }: { spec: RecordGridSpec<T>; kind: RecordKind; onClose(): void }) {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const refresh = useArchiveRefresh(spec.tables);
  const [count, setCount] = useState<RowCount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { fetch } = spec;
  const fetchPage = useCallback((_sort: unknown, _filters: unknown, after: string | null, limit: number) => fetch(after, limit), [fetch]);
  return (
    <section className="archive-card archive-records" aria-labelledby="records-title" data-testid={`records-${kind}`}>
      <header className="archive-records__head">
        <h3 id="records-title">{spec.title}</h3>
        <span className="muted" data-testid="records-count">{count ? rowCountLabel(count, ...spec.noun) : ''}</span>
        {error && <span className="notice notice--error">{error}</span>}
        <button type="button" className="button button--small" onClick={onClose}>Close</button>
      </header>
      <div className="archive-records__grid">
        <ArchiveGrid<T>
          label={spec.title}
          columns={spec.columns}
          fetchPage={fetchPage}
          queryKey={kind}
          refreshKey={refresh}
          theme={theme}
          rowId={spec.rowId}
          onRowCount={setCount}
          onError={setError}
          noRowsText={`No ${spec.noun[1]} in this archive.`}
        />
      </div>
    </section>
  );
}
