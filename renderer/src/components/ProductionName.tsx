import { useState, type ReactElement } from 'react';
import { useAppStore } from '../stores/app-store';

export interface ProductionName {
  /** The name to type, or null where the active connection is not Production. */
  readonly typeToConfirm: string | null;
  /** True when nothing needs typing or the right name is typed. */
  readonly confirmed: boolean;
  /** What the call sends (the main process checks the name again). */
  readonly input: { readonly typedConnectionName?: string };
  /** The field to type it in, or null where none is needed. */
  field(doing: string): ReactElement | null;
}

/** The typed-name confirmation a write that touches workers' standing or money needs on Production. */
export function useProductionName(): ProductionName {
  const [typed, setTyped] = useState('');
  const connection = useAppStore((s) => s.connection);
  const typeToConfirm = connection?.kind === 'production' ? connection.label.trim() : null;
  return {
    typeToConfirm,
    confirmed: typeToConfirm === null || typed.trim() === typeToConfirm,
    input: typeToConfirm === null ? {} : { typedConnectionName: typed },
    field: (doing) =>
      typeToConfirm === null ? null : (
        <label className="production-name">
          Type “{typeToConfirm}” to {doing} on PRODUCTION
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} aria-label="Connection name to confirm" />
        </label>
      ),
  };
}
