import type { BatchSummary } from '../../../../shared/contract/batches';
import { figureLines, progressBar } from './batches-model';

/** A batch's progress bar: approved (green) and submitted-not-approved (blue) out of every assignment it wants. */
export function ProgressMeter({ batch }: { batch: BatchSummary }) {
  const bar = progressBar(batch.figures);
  const { total, submitted } = batch.figures.assignments;
  return (
    <div className="batch-progress">
      <div className="batch-progress__bar" role="progressbar" aria-label={`${batch.name}: submitted`} aria-valuemin={0} aria-valuemax={total} aria-valuenow={submitted}>
        <span className="batch-progress__approved" style={{ width: `${bar.approvedPercent}%` }} />
        <span className="batch-progress__submitted" style={{ width: `${bar.submittedPercent}%` }} />
      </div>
      <span className="batch-progress__line">
        <span className="batch-progress__label" data-testid="batch-progress">{bar.label}</span>
        <span className="batch-progress__percent" data-testid="batch-percent">{bar.donePercent} %</span>
      </span>
    </div>
  );
}

export function FigureList({ batch, wageFloorCents }: { batch: BatchSummary; wageFloorCents: number }) {
  return (
    <dl className="batch-figures">
      {figureLines(batch.figures, wageFloorCents, Date.now()).map((line) => (
        <div key={line.label} className={line.warn ? 'batch-figures__warn' : undefined}>
          <dt>{line.label}</dt>
          <dd data-testid={`figure-${line.label.toLowerCase().replace(/\s+/g, '-')}`}>
            {line.value}
            {line.warn && <span className="batch-figures__flag" title={line.warn}> ⚠ {line.warn}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
