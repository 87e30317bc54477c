/** Label-level results of a quality report, as a file: CSV (formula-safe, like every Turkbench CSV) or JSON. */
import { stringifyCsv } from '../domain/csv';
import type { QualityReport } from './report';

const round = (x: number): string => String(Math.round(x * 10_000) / 10_000);

export function labelsCsv(report: Pick<QualityReport, 'labels'>): string {
  return stringifyCsv([
    ['HITId', 'field', 'label', 'confidence', 'answers', 'agreement', 'gold'],
    ...report.labels.map((l) => [l.HITId, l.field, l.label, round(l.confidence), String(l.answers), round(l.agreement), l.gold ?? '']),
  ]);
}

export function labelsJson(report: Pick<QualityReport, 'labels'>): string {
  return `${JSON.stringify(report.labels, null, 2)}\n`;
}
