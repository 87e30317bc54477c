import { useEffect, useState } from 'react';
import type { LocalCrowd, LocalMTurkAccess } from '../../../../shared/contract/local-mturk';
import { clientSnippets } from '../../../../shared/domain/local-mturk-snippets';
import { bridge } from '../../api/bridge';
import { CopyButton } from './CopyButton';
import { DemoOffer } from './DemoOffer';
import './built-in.css';

type Loaded = { state: 'loading' } | { state: 'ready'; access: LocalMTurkAccess } | { state: 'failed'; message: string };

/**
 * Settings → Built-in Local MTurk: where it listens (the port is kept across starts) and the keys to sign with, so
 * boto3, the AWS CLI or a script can use it next to Turkbench. The secret only comes from the main process on "Show".
 */
export function LocalMTurkPanel() {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [secret, setSecret] = useState<string | null>(null);
  const [secretError, setSecretError] = useState<string | null>(null);

  // Bumped after the demo fill, which starts the crowd shown here.
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    void bridge?.api['localMTurk.access']().then((result) => {
      if (live) setLoaded(result.ok ? { state: 'ready', access: result.value } : { state: 'failed', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [reload]);

  const show = async (): Promise<void> => {
    const result = await bridge?.api['localMTurk.revealSecret']();
    if (!result) return;
    if (result.ok) {
      setSecret(result.value.secretAccessKey);
      setSecretError(null);
    } else setSecretError(result.error.message);
  };

  return (
    <section className="settings-section local-mturk" aria-labelledby="local-mturk-title" data-testid="local-mturk-panel">
      <h2 id="local-mturk-title">Built-in Local MTurk</h2>
      <p className="muted">
        A local MTurk API that runs inside Turkbench, with simulated workers and play money. Point boto3, the AWS CLI or your own scripts at it
        while Turkbench is open: it keeps this address across starts.
      </p>
      {loaded.state === 'loading' && <p className="muted" aria-busy="true">Starting the Local MTurk…</p>}
      {loaded.state === 'failed' && <p className="notice notice--error" role="alert">{loaded.message}</p>}
      {loaded.state === 'ready' && (
        <>
          <AccessDetails access={loaded.access} secret={secret} secretError={secretError} onShow={() => void show()} onHide={() => setSecret(null)} />
          <CrowdControl crowd={loaded.access.crowd} onChange={(access) => setLoaded({ state: 'ready', access })} />
        </>
      )}
      <DemoOffer placement="settings" onFilled={() => setReload((n) => n + 1)} />
    </section>
  );
}

function AccessDetails(props: { access: LocalMTurkAccess; secret: string | null; secretError: string | null; onShow(): void; onHide(): void }) {
  const { access, secret } = props;
  const snippets = clientSnippets({ ...access, ...(secret ? { secretAccessKey: secret } : {}) });
  return (
    <>
      <dl className="local-mturk__facts">
        <Fact label="Endpoint" value={access.endpoint} testId="local-endpoint" />
        <Fact label="Region" value={access.region} testId="local-region" />
        <Fact label="Access key id" value={access.accessKeyId} testId="local-access-key" />
        <dt>Secret access key</dt>
        <dd className="local-mturk__value">
          {secret ? (
            <>
              <code className="mono" data-testid="local-secret">{secret}</code>
              <CopyButton text={secret} label="secret access key" />
              <button type="button" className="button button--small button--ghost" onClick={props.onHide}>Hide</button>
            </>
          ) : (
            <>
              <code className="mono" data-testid="local-secret" aria-label="hidden">••••••••••••••••</code>
              <button type="button" className="button button--small" onClick={props.onShow}>Show</button>
              <span className="muted">a key for this computer's Local MTurk only</span>
            </>
          )}
        </dd>
      </dl>
      {props.secretError && <p className="notice notice--error" role="alert">{props.secretError}</p>}
      <div className="local-mturk__snippets">
        <Snippet title="boto3 (Python)" text={snippets.boto3} testId="snippet-boto3" />
        <Snippet title="AWS CLI" text={snippets.awsCli} testId="snippet-aws-cli" />
      </div>
      {!secret && <p className="muted">Press Show to put the secret access key into the snippets.</p>}
    </>
  );
}

/** The demo's simulated crowd: whether it works in the Local MTurk, and a way to start or stop it. */
function CrowdControl(props: { crowd: LocalCrowd | null; onChange(access: LocalMTurkAccess): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = async (running: boolean): Promise<void> => {
    setBusy(true);
    const result = await bridge?.api['localMTurk.setCrowd']({ running });
    setBusy(false);
    if (!result) return;
    if (result.ok) {
      setError(null);
      props.onChange(result.value);
    } else setError(result.error.message);
  };
  return (
    <div className="local-mturk__crowd" data-testid="local-crowd">
      {props.crowd ? (
        <span>
          <strong>Simulated crowd:</strong> {props.crowd.workers} workers take and submit HITs {describePace(props.crowd.speed)} while Turkbench runs.
        </span>
      ) : (
        <span className="muted">No simulated crowd is working: HITs created here wait until you submit work through the control API.</span>
      )}
      <button type="button" className="button button--small" disabled={busy} onClick={() => void set(props.crowd === null)}>
        {props.crowd ? 'Stop the crowd' : 'Start the demo crowd'}
      </button>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
    </div>
  );
}

const describePace = (speed: number): string => (speed === 1 ? 'at real-time pace' : `${speed}× faster than real time`);

function Fact(props: { label: string; value: string; testId: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd className="local-mturk__value">
        <code className="mono" data-testid={props.testId}>{props.value}</code>
        <CopyButton text={props.value} label={props.label.toLowerCase()} />
      </dd>
    </>
  );
}

function Snippet(props: { title: string; text: string; testId: string }) {
  return (
    <figure className="local-mturk__snippet">
      <figcaption>
        {props.title}
        <CopyButton text={props.text} label={`${props.title} snippet`} />
      </figcaption>
      <pre className="mono" data-testid={props.testId}>{props.text}</pre>
    </figure>
  );
}
