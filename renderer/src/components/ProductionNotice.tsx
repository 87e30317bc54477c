import { UntrustedText } from './UntrustedText';

/**
 * The warning a confirmation dialog shows before it spends money or changes live work on Production, with the field
 * where the connection's name is typed to confirm (the dialog keeps what is typed; the main process checks it again).
 */
export function ProductionNotice({ consequence, connectionLabel, typedName, onTypedName }: {
  /** What the action does there, e.g. "this pays real money". */
  consequence: string;
  connectionLabel: string;
  typedName: string;
  onTypedName(name: string): void;
}) {
  return (
    <div className="production-notice" data-testid="production-notice">
      <p>
        <strong>Production: {consequence}</strong> on “<UntrustedText value={connectionLabel} limit={120} />”.
      </p>
      <label className="field">
        <span>Type the connection&apos;s name to confirm</span>
        <input value={typedName} onChange={(e) => onTypedName(e.target.value)} autoComplete="off" spellCheck={false} aria-label="Connection name to confirm" />
      </label>
    </div>
  );
}
