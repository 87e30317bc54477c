import { useState } from 'react';
import { displayText, revealHidden } from './display-text';

/**
 * Text that came from outside (a worker, an imported file, another requester tool), shown safely: as a
 * text node inside <bdi> (its direction cannot reorder what surrounds it), hidden characters as visible
 * markers, long values cut with a way to read all of it.
 */
export function UntrustedText(props: { value: string | null | undefined; limit?: number; className?: string; block?: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const shown = displayText(props.value, props.limit);
  const Tag = props.block ? 'pre' : 'bdi';
  const className = `untrusted${props.block ? ' untrusted--block' : ''}${props.className ? ` ${props.className}` : ''}`;
  if (expanded) {
    // A read-only text box lays out megabytes of text far faster than a wrapped text node, and can only show text.
    return (
      <span className="untrusted-all">
        <textarea className="untrusted-all__text" readOnly value={revealHidden(props.value ?? '')} aria-label="Full value" dir="ltr" />
        <button type="button" className="button button--small button--ghost" onClick={() => setExpanded(false)}>Show less</button>
      </span>
    );
  }
  return (
    <>
      <Tag className={className} dir={props.block ? 'ltr' : undefined}>
        {props.block ? <bdi>{shown.text}</bdi> : shown.text}
      </Tag>
      {shown.truncated && (
        <button type="button" className="button button--small button--ghost untrusted__more" onClick={() => setExpanded(true)}>
          … show all {shown.length.toLocaleString('en-US')} characters
        </button>
      )}
    </>
  );
}
