import type { SyncRun } from '../../../../shared/domain/archive-types';
import { Icon } from '../../app/icons';
import { modKey } from '../../app/shortcuts';
import { DemoOffer } from '../built-in/DemoOffer';

/** Nothing archived for this connection yet: what a sync does, and the button that starts one. */
export function ArchiveEmpty(props: { label: string; lastSync: SyncRun | null; canSync: boolean; syncing: boolean; onSync(): void }) {
  const foundNothing = props.lastSync?.status === 'succeeded';
  return (
    <section className="empty archive-empty" aria-labelledby="archive-empty-title" data-testid="archive-empty">
      <div className="empty__icon" aria-hidden="true">
        <Icon name="archive" size={40} />
      </div>
      <h2 id="archive-empty-title" className="empty__title">Nothing archived for {props.label} yet</h2>
      {foundNothing && <p className="empty__summary"><strong>The last sync found no HITs, qualifications or blocks on this connection.</strong></p>}
      <p className="empty__summary">
        A sync copies every HIT, assignment, bonus, qualification and worker block from this connection into a database on this computer. MTurk
        deletes results 120 days after review; the archive keeps them. Later syncs fetch only what changed, and Turkbench syncs every 15 minutes
        while it runs.
      </p>
      <button type="button" className="button button--primary" onClick={props.onSync} disabled={!props.canSync || props.syncing} title={`Sync now (${modKey()}+R)`}>
        {props.syncing ? 'Syncing…' : 'Sync now'}
      </button>
      <p className="muted archive-empty__or">Have results from the requester website? Import their CSV files below.</p>
      <DemoOffer placement="archive" />
    </section>
  );
}
