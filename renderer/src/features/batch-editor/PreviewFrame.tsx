import type { RowPreview } from '../../../../shared/contract/batch-folders';
import { UntrustedText } from '../../components/UntrustedText';

/** What the frame's sandbox allows: the template's scripts run, in an opaque origin (no allow-same-origin). */
export const PREVIEW_SANDBOX = 'allow-scripts';

/**
 * One row's page as a worker previews it. The document comes from the preview host's own origin under its own policy,
 * framed sandboxed: nothing in it can reach the app's page, storage or bridge. A QuestionForm comes rendered as the
 * Local MTurk worker site renders it; an external URL is shown as text (its page is not loaded).
 */
export function PreviewFrame(props: { preview: RowPreview | null; error: string | null; loading: boolean; onLoaded: () => void }) {
  const { preview } = props;
  if (props.error) return <p className="notice notice--error batch-preview__message">{props.error}</p>;
  if (!preview) return <p className="batch-preview__message">{props.loading ? 'Building the preview…' : 'Open a batch folder to preview its rows.'}</p>;
  if (!preview.frameUrl) {
    return (
      <div className="batch-preview__text">
        <p className="batch-preview__message">
          {preview.kind === 'external' ? 'This batch shows workers an external page; row ' + preview.row + ' opens:' : 'The question for row ' + preview.row + ':'}
        </p>
        <UntrustedText value={preview.content} block limit={20_000} />
      </div>
    );
  }
  return (
    <iframe
      key={preview.frameUrl}
      className="batch-preview__frame"
      title={`Preview of row ${preview.row}`}
      src={preview.frameUrl}
      sandbox={PREVIEW_SANDBOX}
      referrerPolicy="no-referrer"
      onLoad={props.onLoaded}
    />
  );
}
