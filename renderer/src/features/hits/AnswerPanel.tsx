import type { Assignment } from '../../../../shared/domain/archive-types';
import { UntrustedText } from '../../components/UntrustedText';

/** Every answer of one assignment in full (the grid shows one cut line): as text, long ones behind "show all". */
export function AnswerPanel({ assignment }: { assignment: Assignment }) {
  const answers = Object.entries(assignment.answers);
  return (
    <section className="answer-panel" aria-label="Answers of the selected assignment" data-testid="answer-panel">
      <h3>
        Answers of <span className="mono">{assignment.assignmentId}</span> by <span className="mono">{assignment.workerId}</span>
      </h3>
      {answers.length === 0 ? (
        <p className="muted">No answers were archived for this assignment.</p>
      ) : (
        <dl className="answer-panel__list">
          {answers.map(([name, value]) => (
            <div key={name} className="answer-panel__item">
              <dt className="mono"><UntrustedText value={name} limit={200} /></dt>
              <dd><UntrustedText value={value} block /></dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
