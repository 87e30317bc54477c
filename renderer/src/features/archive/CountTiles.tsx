import type { ArchiveCounts } from '../../../../shared/domain/archive-types';
import { count, plural } from './archive-format';

interface Tile {
  readonly label: string;
  readonly value: number;
  readonly detail?: string;
  /** Where the rows themselves can be browsed. */
  readonly browse?: { readonly href: string; readonly label: string };
}

function tilesFor(counts: ArchiveCounts): Tile[] {
  return [
    { label: 'HITs', value: counts.hits, detail: plural(counts.hitTypes, 'HIT type'), browse: { href: '#/hits', label: 'Browse HITs' } },
    { label: 'Assignments', value: counts.assignments, browse: { href: '#/hits', label: 'Browse by HIT' } },
    { label: 'Workers', value: counts.workers },
    { label: 'Bonuses', value: counts.bonuses },
    { label: 'Qualification types', value: counts.qualificationTypes, detail: plural(counts.qualificationGrants, 'grant') },
    { label: 'Worker blocks', value: counts.workerBlocks },
  ];
}

export function CountTiles({ counts }: { counts: ArchiveCounts }) {
  return (
    <ul className="archive-tiles" aria-label="Archived objects">
      {tilesFor(counts).map((tile) => (
        <li key={tile.label} className="archive-tile" data-tile={tile.label}>
          <span className="archive-tile__value">{count(tile.value)}</span>
          <span className="archive-tile__label">{tile.label}</span>
          {tile.detail && <span className="archive-tile__detail">{tile.detail}</span>}
          {tile.browse && tile.value > 0 && (
            <a className="archive-tile__link" href={tile.browse.href}>
              {tile.browse.label} →
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
