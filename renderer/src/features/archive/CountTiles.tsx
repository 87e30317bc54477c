import { useState } from 'react';
import type { ArchiveCounts } from '../../../../shared/domain/archive-types';
import { count, plural } from './archive-format';
import { RecordGrid, type RecordKind } from './RecordGrid';

interface Tile {
  readonly label: string;
  readonly value: number;
  readonly detail?: string;
  /** Where the rows themselves can be browsed: another area, or a grid opened below the tiles. */
  readonly browse?: { readonly href: string; readonly label: string } | { readonly records: RecordKind; readonly label: string };
}

function tilesFor(counts: ArchiveCounts): Tile[] {
  return [
    { label: 'HITs', value: counts.hits, detail: plural(counts.hitTypes, 'HIT type'), browse: { href: '#/hits', label: 'Browse HITs' } },
    { label: 'Assignments', value: counts.assignments, browse: { href: '#/hits', label: 'Browse by HIT' } },
    { label: 'Workers', value: counts.workers, browse: { records: 'workers', label: 'Browse workers' } },
    { label: 'Bonuses', value: counts.bonuses, browse: { records: 'bonuses', label: 'Browse bonuses' } },
    {
      label: 'Qualification types',
      value: counts.qualificationTypes,
      detail: plural(counts.qualificationGrants, 'grant'),
      browse: { records: 'qualificationTypes', label: 'Browse qualification types' },
    },
    { label: 'Worker blocks', value: counts.workerBlocks, browse: { records: 'workerBlocks', label: 'Browse blocks' } },
  ];
}

/** What the archive holds, each count a way into its rows. */
export function CountTiles({ counts }: { counts: ArchiveCounts }) {
  const [open, setOpen] = useState<RecordKind | null>(null);
  return (
    <>
      <ul className="archive-tiles" aria-label="Archived objects">
        {tilesFor(counts).map((tile) => {
          const records = tile.browse && 'records' in tile.browse ? tile.browse.records : null;
          return (
            <li key={tile.label} className={`archive-tile${records && open === records ? ' archive-tile--open' : ''}`} data-tile={tile.label}>
              <span className="archive-tile__value">{count(tile.value)}</span>
              <span className="archive-tile__label">{tile.label}</span>
              {tile.detail && <span className="archive-tile__detail">{tile.detail}</span>}
              {tile.browse && tile.value > 0 && 'href' in tile.browse && (
                <a className="archive-tile__link" href={tile.browse.href}>
                  {tile.browse.label} →
                </a>
              )}
              {tile.browse && tile.value > 0 && records && (
                <button type="button" className="archive-tile__link archive-tile__button" aria-expanded={open === records} onClick={() => setOpen(open === records ? null : records)}>
                  {tile.browse.label} →
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {open && <RecordGrid key={open} kind={open} onClose={() => setOpen(null)} />}
    </>
  );
}
