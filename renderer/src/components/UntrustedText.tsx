import { useState } from 'react';
import { saveTextFile } from '../features/archive/download';
import { displayText, revealHidden, SHOW_MORE_STEP } from './display-text';
import './untrusted.css';

/**
 * Text that came from outside (a worker, an imported file, another requester tool), shown safely: as a
 * text node inside <bdi> (its direction cannot reorder what surrounds it), hidden characters as visible
 * markers, long values cut. "Show more" reveals the rest a step at a time, so even 20 MB never has to be laid
 * out at once; when only the start of the value is at hand, `loadFull` fetches the rest first.
 */
export function UntrustedText(props: {
  value: string | null | undefined;
  limit?: number;
  className?: string;
  block?: boolean;
  /** The value's real length when `value` is only its start. */
  fullLength?: number;
  loadFull?: () => Promise<string | null>;
}) {
  const [full, setFull] = useState<string | null>(null);
  const [shownLength, setShownLength] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const value = full ?? props.value ?? '';
  const total = Math.max(value.length, props.fullLength ?? 0);
  const first = displayText(value, props.limit);
  const limit = shownLength ?? (first.truncated ? first.text.length : value.length);
  const text = shownLength === null ? first.text : revealHidden(value.slice(0, shownLength));
  const more = total > limit;
  const Tag = props.block ? 'pre' : 'bdi';
  const className = `untrusted${props.block ? ' untrusted--block' : ''}${shownLength !== null ? ' untrusted--expanded' : ''}${props.className ? ` ${props.className}` : ''}`;

  /** The whole value, fetched once when only its start is at hand. */
  const whole = async (): Promise<string | null> => {
    if (value.length >= total || !props.loadFull) return value;
    const loaded = await props.loadFull().catch((cause: unknown) => {
      setLoadError(cause instanceof Error ? cause.message : String(cause));
      return null;
    });
    if (loaded !== null) setFull(loaded);
    return loaded;
  };
  const showMore = async (): Promise<void> => {
    const source = await whole();
    if (source !== null) setShownLength(Math.min(source.length, limit + SHOW_MORE_STEP));
  };
  const saveAll = async (): Promise<void> => {
    const source = await whole();
    // Saved exactly as it is (a plain-text file); only the screen gets the markers.
    if (source !== null) saveTextFile({ fileName: 'value.txt', mimeType: 'text/plain', text: source });
  };

  return (
    <>
      <Tag className={className} dir={props.block ? 'ltr' : undefined}>
        {props.block ? <bdi>{text}</bdi> : text}
      </Tag>
      {more && (
        <span className="untrusted__more">
          <span className="muted">Showing {Math.min(limit, total).toLocaleString('en-US')} of {total.toLocaleString('en-US')} characters.</span>{' '}
          <button type="button" className="button button--small button--ghost" onClick={() => void showMore()}>
            Show more
          </button>
          <button type="button" className="button button--small button--ghost" onClick={() => void saveAll()}>
            Save all as a text file
          </button>
          {loadError && <span className="notice notice--error">{loadError}</span>}
        </span>
      )}
      {shownLength !== null && (
        <button type="button" className="button button--small button--ghost" onClick={() => setShownLength(null)}>
          Show less
        </button>
      )}
    </>
  );
}
