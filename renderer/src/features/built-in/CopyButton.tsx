import { useEffect, useState } from 'react';
import { copyText } from './copy-text';

/** A small "Copy" button that says "Copied" (or that copying failed) for a moment. */
export function CopyButton(props: { text: string; label: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), 2000);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <button
      type="button"
      className="button button--small button--ghost copy-button"
      aria-label={`Copy ${props.label}`}
      onClick={() => void copyText(props.text).then((copied) => setOutcome(copied ? 'copied' : 'failed'))}
    >
      {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Select and copy by hand' : 'Copy'}
    </button>
  );
}
