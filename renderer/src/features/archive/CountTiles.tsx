import type { ArchiveCounts } from '../../../../shared/domain/archive-types';
import { count, plural } from './archive-format';

interface Tile {
  readonly label: string;
  readonly value: number;
  readonly detail?: string;
}

function tilesFor(counts: ArchiveCounts): Tile[] {
  return [
    { label: 'HITs', value: counts.hits, detail: plural(counts.hitTypes, 'HIT type') },
    { label: 'Assignments', value: counts.assignments },
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
        </li>
      ))}
    </ul>
  );
}
