import type { ConnectionView } from '../../../../shared/contract/connections';
import { endpointFor } from '../../../../shared/domain/connections';
import { displayMoney } from '../../../../shared/domain/money';
import type { TestState } from '../../stores/connections-store';
import { describeSource } from './connection-form-model';
import { UntrustedText } from '../../components/UntrustedText';

const KIND_BADGE = { local: 'Local', sandbox: 'Sandbox', production: 'PRODUCTION', custom: 'Custom' } as const;

export function ConnectionCard(props: {
  view: ConnectionView;
  test: TestState | undefined;
  onTest(): void;
  onActivate(): void;
  onEdit(): void;
  onRemove(): void;
}) {
  const { config, active, builtIn, hasStoredKeys } = props.view;
  const endpoint = config.kind === 'local' ? 'Runs inside Turkbench' : endpointFor(config) ?? '—';
  return (
    <article className={`conn-card conn-card--${config.kind}${active ? ' conn-card--active' : ''}`} data-connection={config.id}>
      <header className="conn-card__head">
        <span className={`kind-badge kind-badge--${config.kind}`}>{KIND_BADGE[config.kind]}</span>
        <h3><UntrustedText value={config.label} limit={200} /></h3>
        {active && <span className="conn-card__active">In use</span>}
      </header>
      <dl className="conn-card__facts">
        <dt>Endpoint</dt>
        <dd className="mono">{endpoint}</dd>
        <dt>Credentials</dt>
        <dd>{describeSource(config, hasStoredKeys)}</dd>
      </dl>
      <TestOutcome test={props.test} />
      <footer className="conn-card__actions">
        <button type="button" className="button button--small" onClick={props.onTest} disabled={props.test?.state === 'running'}>
          {props.test?.state === 'running' ? 'Testing…' : 'Test connection'}
        </button>
        {!active && (
          <button type="button" className={`button button--small ${config.kind === 'production' ? 'button--danger' : 'button--primary'}`} onClick={props.onActivate}>
            Use this connection
          </button>
        )}
        {!builtIn && <button type="button" className="button button--small button--ghost" onClick={props.onEdit}>Edit</button>}
        {!builtIn && <button type="button" className="button button--small button--ghost" onClick={props.onRemove}>Remove</button>}
      </footer>
    </article>
  );
}

function TestOutcome({ test }: { test: TestState | undefined }) {
  if (!test || test.state === 'running') return null;
  const { result } = test;
  if (result.ok) {
    return (
      <p className="notice notice--ok" role="status">
        Connected · balance {displayMoney(result.value.balanceCents)} · {result.value.latencyMs} ms
      </p>
    );
  }
  return <p className="notice notice--error" role="alert">{result.error.message}</p>;
}
