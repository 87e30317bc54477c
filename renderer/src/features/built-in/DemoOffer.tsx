import { useState } from 'react';
import type { DemoFillResult } from '../../../../shared/contract/local-mturk';
import { bridge } from '../../api/bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAppStore } from '../../stores/app-store';
import { describeDemoResult } from './demo-result';
import './built-in.css';

type Fill = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: DemoFillResult } | { state: 'failed'; message: string };

/**
 * The first-run offer: fill the built-in Local MTurk with a demo account, after a confirmation. Shown only while the
 * built-in connection is active (the main process refuses any other connection as well).
 */
export function DemoOffer(props: { placement: 'hits' | 'archive' | 'settings'; onFilled?(): void }) {
  const connection = useAppStore((s) => s.connection);
  const [confirming, setConfirming] = useState(false);
  const [fill, setFill] = useState<Fill>({ state: 'idle' });
  if (!connection || connection.kind !== 'local') return null;

  const run = async (): Promise<void> => {
    setConfirming(false);
    setFill({ state: 'running' });
    const result = await bridge?.api['localMTurk.fillDemo']({ connectionId: connection.id });
    if (!result) return setFill({ state: 'failed', message: 'Turkbench is not connected to its main process.' });
    setFill(result.ok ? { state: 'done', result: result.value } : { state: 'failed', message: result.error.message });
    if (result.ok) props.onFilled?.();
  };

  return (
    <div className={`demo-offer demo-offer--${props.placement}`} data-testid="demo-offer">
      {props.placement !== 'settings' && (
        <p className="demo-offer__text">
          <strong>New to Turkbench?</strong> Fill the built-in Local MTurk with a demo account — HITs of three kinds, qualifications and simulated workers — so
          every screen has something to show. Nothing leaves this computer.
        </p>
      )}
      <button type="button" className="button" onClick={() => setConfirming(true)} disabled={fill.state === 'running'}>
        {fill.state === 'running' ? 'Filling…' : 'Fill the built-in Local MTurk with a demo account'}
      </button>
      {fill.state === 'done' && <p className="notice notice--ok" role="status" data-testid="demo-result">{describeDemoResult(fill.result)}</p>}
      {fill.state === 'failed' && <p className="notice notice--error" role="alert">{fill.message}</p>}
      <ConfirmDialog
        open={confirming}
        title="Fill the built-in Local MTurk with a demo account?"
        confirmLabel="Create the demo account"
        testId="demo-confirm"
        onConfirm={() => void run()}
        onCancel={() => setConfirming(false)}
      >
        <p>In the built-in Local MTurk only — not on MTurk, and with its play money — Turkbench creates:</p>
        <ul className="demo-offer__list">
          <li>12 road-sign labelling HITs (an HTMLQuestion with the crowd HTML elements),</li>
          <li>a QuestionForm shopping survey and an ExternalQuestion commute survey,</li>
          <li>two qualification types, one with a scored test,</li>
          <li>simulated workers whose first submissions arrive at once, some of them reviewed.</li>
        </ul>
        <p>Then it syncs them into the archive. If the demo is already there, nothing is added.</p>
      </ConfirmDialog>
    </div>
  );
}
