/** A launched batch's consensus labels (Dawid–Skene) per HIT and categorical field, for its results export. */
import { qualityReport } from '../../../shared/quality/report';
import type { ReadDb } from '../../archive/db-types';
import { answeredAssignments } from '../../archive/repos/quality-answers';

export interface BatchConsensus {
  readonly fields: readonly string[];
  readonly ofHit: (hitId: string) => Readonly<Record<string, string>> | null;
}

export function batchConsensus(db: ReadDb, connectionId: number, batchId: string): BatchConsensus {
  const assignments = answeredAssignments(db, connectionId, { batchId });
  const report = qualityReport({ assignments, gold: new Map(), method: 'ds' });
  const byHit = new Map<string, Record<string, string>>();
  for (const l of report.labels) {
    // No prototype: a field may be named `__proto__`.
    const labels = byHit.get(l.HITId) ?? (Object.create(null) as Record<string, string>);
    labels[l.field] = l.label;
    byHit.set(l.HITId, labels);
  }
  return { fields: report.fields, ofHit: (hitId) => byHit.get(hitId) ?? null };
}
