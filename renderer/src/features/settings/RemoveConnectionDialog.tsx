import { useEffect, useState } from 'react';
import type { ConnectionView } from '../../../../shared/contract/connections';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { revealHidden } from '../../components/display-text';
import { confirmationMatches, removalCheck } from './remove-connection';
import { UntrustedText } from '../../components/UntrustedText';

/**
 * Asks before a connection is removed and says what happens: the connection's settings (and any keys stored
 * for it) go; its archive stays. The connection in use cannot be removed; Production needs its name typed.
 */
export function RemoveConnectionDialog(props: { view: ConnectionView | null; onRemove(id: string): void; onCancel(): void }) {
  const [typed, setTyped] = useState('');
  useEffect(() => setTyped(''), [props.view]);
  const view = props.view;
  const check = view ? removalCheck(view) : null;
  // Shown inside a sentence: hidden and direction-changing characters become visible markers.
  const label = revealHidden(view?.config.label ?? '');

  if (check && !check.allowed) {
    return (
      <ConfirmDialog open title="This connection is in use" confirmLabel={null} cancelLabel="OK" testId="remove-connection" onConfirm={props.onCancel} onCancel={props.onCancel}>
        <p>{check.reason}</p>
      </ConfirmDialog>
    );
  }
  const typeToConfirm = check?.allowed ? check.typeToConfirm : null;
  return (
    <ConfirmDialog
      open={view !== null}
      title={`Remove “${label}”?`}
      confirmLabel="Remove connection"
      danger
      confirmDisabled={typeToConfirm !== null && !confirmationMatches(typed, typeToConfirm)}
      testId="remove-connection"
      onCancel={props.onCancel}
      onConfirm={() => view && props.onRemove(view.config.id)}
    >
      <p>
        Turkbench will forget this connection{view?.hasStoredKeys ? ' and the keys stored for it' : ''}. <strong>Its archive is kept</strong>: everything
        already synced stays on this computer and is shown again if you add a connection to the same account.
      </p>
      {typeToConfirm !== null && (
        <label className="field">
          <span>This is a PRODUCTION connection. Type its name, <UntrustedText value={typeToConfirm} limit={200} />, to confirm.</span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} name="confirm-name" autoComplete="off" spellCheck={false} />
        </label>
      )}
    </ConfirmDialog>
  );
}
