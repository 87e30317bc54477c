import type { ConnectionView } from '../../../../shared/contract/connections';
import { revealHidden } from '../../components/display-text';

/** What removing a connection takes: refused while it is in use; Production needs its name typed. */
export type RemovalCheck =
  | { readonly allowed: false; readonly reason: string }
  | { readonly allowed: true; readonly typeToConfirm: string | null };

export function removalCheck(view: Pick<ConnectionView, 'active' | 'production'> & { readonly config: { readonly label: string } }): RemovalCheck {
  if (view.active) {
    return {
      allowed: false,
      reason: `“${revealHidden(view.config.label)}” is the connection in use. Switch to another connection first (“Use this connection” on it), then remove this one.`,
    };
  }
  return { allowed: true, typeToConfirm: view.production ? view.config.label : null };
}

/** Typed exactly (surrounding spaces aside): a near miss does not remove a production connection. */
export function confirmationMatches(typed: string, expected: string): boolean {
  return typed.trim() === expected.trim();
}
