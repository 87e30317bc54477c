import { useEffect, useState } from 'react';
import type { ConnectionView } from '../../../../shared/contract/connections';
import type { AppError } from '../../../../shared/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useConnectionsStore } from '../../stores/connections-store';
import { ConnectionCard } from './ConnectionCard';
import { ConnectionForm } from './ConnectionForm';
import { draftFrom, newDraft, type ConnectionDraft } from './connection-form-model';
import { RemoveConnectionDialog } from './RemoveConnectionDialog';
import { UntrustedText } from '../../components/UntrustedText';

export function ConnectionsPanel() {
  const { overview, tests, error, load, test, activate, remove } = useConnectionsStore();
  const [editing, setEditing] = useState<{ draft: ConnectionDraft; isNew: boolean } | null>(null);
  const [confirmProduction, setConfirmProduction] = useState<ConnectionView | null>(null);
  const [activateError, setActivateError] = useState<AppError | null>(null);
  const [removing, setRemoving] = useState<ConnectionView | null>(null);

  useEffect(() => void load(), [load]);

  const use = async (view: ConnectionView, confirmed: boolean): Promise<void> => {
    if (view.production && !confirmed) return setConfirmProduction(view);
    setConfirmProduction(null);
    const result = await activate(view.config.id, confirmed);
    setActivateError(result.ok ? null : result.error);
  };

  if (!overview) return <p className="muted">{error ? error.message : 'Loading connections…'}</p>;
  return (
    <section className="settings-section" aria-labelledby="connections-title">
      <div className="settings-section__head">
        <div>
          <h2 id="connections-title">Connections</h2>
          <p className="muted">Which MTurk Turkbench talks to. Everything is archived per connection, so sandbox and production never mix.</p>
        </div>
        <button type="button" className="button button--primary" onClick={() => setEditing({ draft: newDraft(), isNew: true })}>
          Add connection
        </button>
      </div>
      {(activateError ?? error) && <p className="notice notice--error" role="alert">{(activateError ?? error)?.message}</p>}
      <div className="conn-grid">
        {overview.connections.map((view) => (
          <ConnectionCard
            key={view.config.id}
            view={view}
            test={tests[view.config.id]}
            onTest={() => void test(view.config.id)}
            onActivate={() => void use(view, false)}
            onEdit={() => setEditing({ draft: draftFrom(view.config), isNew: false })}
            onRemove={() => setRemoving(view)}
          />
        ))}
      </div>
      <ConnectionForm draft={editing?.draft ?? null} isNew={editing?.isNew ?? true} keychain={overview.keychain} onClose={() => setEditing(null)} />
      <RemoveConnectionDialog
        view={removing}
        onCancel={() => setRemoving(null)}
        onRemove={(id) => {
          setRemoving(null);
          void remove(id);
        }}
      />
      <ConfirmDialog
        open={confirmProduction !== null}
        title="Switch to PRODUCTION?"
        confirmLabel="Use production"
        danger
        onCancel={() => setConfirmProduction(null)}
        onConfirm={() => confirmProduction && void use(confirmProduction, true)}
      >
        <p>
          From now on, publishing, approving and bonuses through <strong><UntrustedText value={confirmProduction?.config.label} limit={200} /></strong> spend real money from your MTurk
          account. Every spending action will still show its full cost and ask again.
        </p>
      </ConfirmDialog>
    </section>
  );
}
