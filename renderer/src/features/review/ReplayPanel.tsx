import { useEffect, useState } from 'react';
import type { AssignmentReplay, ReviewQueueRow } from '../../../../shared/contract/review';
import { bridge } from '../../api/bridge';
import { UntrustedText } from '../../components/UntrustedText';
import { archiveScope } from '../../stores/kept-archive-store';

/** The template's scripts run, in an opaque origin (no allow-same-origin): nothing in the frame reaches the app. */
export const REPLAY_SANDBOX = 'allow-scripts';
const DEFAULT_FRAME_HEIGHT = 560;

/** Frames are as tall as the HIT asked workers' frames to be, within what fits beside the queue. */
export function replayFrameHeight(frameHeight: number | null): number {
  return frameHeight && frameHeight > 0 ? Math.min(Math.max(frameHeight, 320), 900) : DEFAULT_FRAME_HEIGHT;
}

function useReplay(row: ReviewQueueRow): { replay: AssignmentReplay | null; error: string | null } {
  const [state, setState] = useState<{ replay: AssignmentReplay | null; error: string | null }>({ replay: null, error: null });
  useEffect(() => {
    let current = true;
    setState({ replay: null, error: null });
    void bridge?.api['review.replay']({ assignmentId: row.assignmentId, ...archiveScope() }).then((result) => {
      if (current) setState(result.ok ? { replay: result.value, error: null } : { replay: null, error: result.error.message });
    });
    return () => {
      current = false;
    };
    // Not on every archive change (a draft marked elsewhere): the page would reload under the reviewer's eyes.
  }, [row.assignmentId, row.status]);
  return state;
}

/**
 * The selected assignment as the worker saw it: inside its own HIT's question, answers filled in, read-only. The
 * page comes from the preview host's own origin under its own policy and is framed sandboxed; an external page is
 * never loaded — its submitted fields are shown instead.
 */
export function ReplayPanel({ row }: { row: ReviewQueueRow }) {
  const { replay, error } = useReplay(row);
  return (
    <section className="replay-panel" aria-label="The answer as the worker saw it" data-testid="replay-panel">
      <h3>As the worker saw it</h3>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {!replay && !error && <p className="muted">Loading the replay…</p>}
      {replay?.frameUrl && (
        <iframe
          key={replay.frameUrl}
          className="replay-panel__frame"
          title={`Replay of ${replay.assignmentId}`}
          src={replay.frameUrl}
          sandbox={REPLAY_SANDBOX}
          referrerPolicy="no-referrer"
          style={{ height: replayFrameHeight(replay.frameHeight) }}
          data-testid="replay-frame"
        />
      )}
      {replay && replay.kind === 'external' && (
        <>
          <p className="muted">
            This HIT shows workers an external page, which is not loaded here: <UntrustedText value={replay.externalUrl} limit={500} />. The fields it posted:
          </p>
          <ReplayFields fields={replay.fields} />
        </>
      )}
      {replay && replay.kind === 'unavailable' && <p className="notice" role="status">{replay.problem}</p>}
    </section>
  );
}

function ReplayFields({ fields }: { fields: AssignmentReplay['fields'] }) {
  if (fields.length === 0) return <p className="muted">No fields were submitted.</p>;
  return (
    <table className="replay-panel__fields" data-testid="replay-fields">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field, index) => (
          <tr key={`${index}:${field.name}`}>
            <td className="mono"><UntrustedText value={field.name} limit={200} /></td>
            <td><UntrustedText value={field.values.join(' | ')} block limit={5_000} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
