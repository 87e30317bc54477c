import { describeRowProblem } from '../../shared/domain/website-review';
import { allowOnly, type ParsedCommand } from '../args';
import type { Asker } from '../confirm';
import { CliFailure } from '../output';
import { readUserText } from '../user-files';
import type { Session } from '../session';
import { send } from './review';

/**
 * `review apply FILE.csv [--yes]`: the website's round trip — its results CSV with `x` in Approve or a reason in
 * Reject. Any row problem (unknown or no longer Submitted assignments included) stops it before anything is sent;
 * otherwise the same plan, confirmation and journaled job as `review approve` / `reject`.
 */
export async function applyVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  allowOnly(command, 'review apply', ['confirm-name']);
  const file = command.words[2];
  if (file === undefined || command.words.length > 3) throw new CliFailure('Name one file: review apply FILE.csv [--yes].', 2);
  const text = readUserText(file, file, session.out);
  const checked = await session.services.review.checkFile({ text }, session.context());
  if (!checked.ok) throw CliFailure.from(checked.error);
  const { decisions, undecided, problems } = checked.value;
  if (problems.length > 0) {
    const shown = problems.slice(0, 50).map((p) => `${file}: ${describeRowProblem(p)}`);
    if (problems.length > 50) shown.push(`… and ${problems.length - 50} more problems`);
    throw new CliFailure(`${shown.join('\n')}\nNothing was sent: correct the file and apply it again.`, 2);
  }
  if (decisions.length === 0) throw new CliFailure(`${file}: no row is marked — put x in Approve, or a reason in Reject (${undecided} rows undecided).`, 1);
  if (undecided > 0) session.out.note(`${undecided} row(s) with neither Approve nor Reject are left alone.`);
  await send(
    decisions.map((d) => ({ assignmentId: d.assignmentId, verdict: d.verdict, ...(d.feedback === undefined ? {} : { feedback: d.feedback }) })),
    command,
    session,
    asker,
  );
}
