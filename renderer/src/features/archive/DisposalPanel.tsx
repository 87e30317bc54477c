import { DISPOSAL_WARNING_DAYS } from '../../../../shared/contract/archive';
import type { DisposalRisk } from '../../../../shared/domain/archive-types';
import { count, disposalHeadline, disposalReassurance, formatDateTime, formatRelative } from './archive-format';
import { UntrustedText } from '../../components/UntrustedText';

/** More rows than this would bury the screen; the export has them all. */
const SHOWN = 100;

/** MTurk deletes results 120 days after review: this says which HITs go soon and whether the archive has them. */
export function DisposalPanel({ risks, now }: { risks: readonly DisposalRisk[]; now: number }) {
  if (risks.length === 0) {
    return (
      <p className="notice notice--ok archive-disposal-none" role="status">
        No archived HIT is due to be disposed by MTurk in the next {DISPOSAL_WARNING_DAYS} days.
      </p>
    );
  }
  const safe = risks.every((risk) => risk.resultsArchived);
  return (
    <section className={`archive-card archive-disposal${safe ? '' : ' archive-disposal--unsafe'}`} aria-labelledby="disposal-title" data-testid="disposal">
      <h3 id="disposal-title">{disposalHeadline(risks.length, DISPOSAL_WARNING_DAYS)}</h3>
      <p className={safe ? 'archive-disposal__safe' : 'archive-disposal__unsafe'}>{disposalReassurance(risks)}</p>
      <div className="archive-table-wrap">
        <table className="archive-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">HIT id</th>
              <th scope="col">Disposed by MTurk</th>
              <th scope="col" className="num">Assignments archived</th>
              <th scope="col">In the archive</th>
            </tr>
          </thead>
          <tbody>
            {risks.slice(0, SHOWN).map((risk) => (
              <tr key={risk.hit.hitId}>
                <td className="archive-table__title"><UntrustedText value={risk.hit.title} limit={300} /></td>
                <td className="mono">{risk.hit.hitId}</td>
                <td title={formatDateTime(risk.disposesAt)}>
                  {risk.disposesAt <= now ? 'any time now' : `${formatDateTime(risk.disposesAt)} (${formatRelative(risk.disposesAt, now)})`}
                </td>
                <td className="num">
                  {count(risk.archivedAssignments)}
                  {risk.hit.assignmentsCompleted !== null && ` of ${count(risk.hit.assignmentsCompleted)}`}
                </td>
                <td>{risk.resultsArchived ? <span className="pill pill--ok">Safe</span> : <span className="pill pill--warn">Incomplete</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {risks.length > SHOWN && <p className="muted">…and {count(risks.length - SHOWN)} more. Export the archive to see them all.</p>}
    </section>
  );
}
