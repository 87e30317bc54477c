import { useState, type ReactElement } from 'react';
import { useAppStore } from '../stores/app-store';
import { ProductionNotice } from './ProductionNotice';

export interface ProductionName {
  /** The name to type, or null where the active connection is not Production. */
  readonly typeToConfirm: string | null;
  /** True when nothing needs typing or the right name is typed. */
  readonly confirmed: boolean;
  /** What the call sends (the main process checks the name again). */
  readonly input: { readonly typedConnectionName?: string };
  /** The Production notice with the field to type it in (`consequence` as ProductionNotice's), or null where none is needed. */
  field(consequence: string): ReactElement | null;
}

/**
 * The typed-name confirmation a write that touches workers' standing or money needs on Production, for a form that
 * acts on the active connection without a plan from the main process (a plan names its connection: then the dialog
 * uses ProductionNotice with the plan's label directly).
 */
export function useProductionName(): ProductionName {
  const [typed, setTyped] = useState('');
  const connection = useAppStore((s) => s.connection);
  const typeToConfirm = connection?.kind === 'production' ? connection.label.trim() : null;
  return {
    typeToConfirm,
    confirmed: typeToConfirm === null || typed.trim() === typeToConfirm,
    input: typeToConfirm === null ? {} : { typedConnectionName: typed },
    field: (consequence) =>
      typeToConfirm === null ? null : <ProductionNotice consequence={consequence} connectionLabel={typeToConfirm} typedName={typed} onTypedName={setTyped} />,
  };
}
