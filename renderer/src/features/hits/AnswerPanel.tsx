import type { AssignmentRow } from '../../../../shared/contract/browse';
import { bridge } from '../../api/bridge';
import { archiveScope } from '../../stores/kept-archive-store';
import { UntrustedText } from '../../components/UntrustedText';

async function fullAnswer(assignmentId: string, field: string): Promise<string | null> {
  const result = await bridge?.api['assignments.answer']({ assignmentId, field, ...archiveScope() });
  if (!result) throw new Error('Not connected to Turkbench.');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Every answer of one assignment in full (the grid shows one cut line): as text, long ones behind "show all". */
export function AnswerPanel({ assignment }: { assignment: AssignmentRow }) {
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
              <dd>
                <UntrustedText value={value} block fullLength={assignment.cutAnswers[name]} loadFull={() => fullAnswer(assignment.assignmentId, name)} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
