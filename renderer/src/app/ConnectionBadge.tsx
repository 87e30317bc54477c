import type { ConnectionStatus } from '../../../shared/contract/app';
import { displayMoney } from '../../../shared/domain/money';
import { UntrustedText } from '../components/UntrustedText';

const KIND_LABEL: Record<ConnectionStatus['kind'], string> = {
  local: 'Local MTurk',
  sandbox: 'Sandbox',
  production: 'PRODUCTION',
  custom: 'Custom endpoint',
};

const STATE_LABEL: Record<ConnectionStatus['state'], string> = {
  online: 'online',
  offline: 'offline — working from the archive',
  connecting: 'connecting…',
  'not-configured': 'not started',
};

/**
 * Which MTurk the app is talking to. Production spends real money, so it is never subtle: a filled
 * red badge here, and the shell adds a red frame around the whole window.
 */
export function ConnectionBadge({ status }: { status: ConnectionStatus | null }) {
  if (!status) return <span className="conn conn--unknown">No connection</span>;
  return (
    <span className={`conn conn--${status.kind} conn--${status.state}`} title={status.detail} data-testid="connection-badge">
      <span className="conn__dot" aria-hidden="true" />
      <strong>{KIND_LABEL[status.kind]}</strong>
      {status.label !== KIND_LABEL[status.kind] && <span className="conn__label"><UntrustedText value={status.label} limit={200} /></span>}
      <span className="conn__state">{STATE_LABEL[status.state]}</span>
      {status.state === 'online' && status.balanceCents !== undefined && (
        <span className="conn__balance" data-testid="connection-balance" title="Available balance when the connection was last checked">
          {displayMoney(status.balanceCents)}
        </span>
      )}
    </span>
  );
}
