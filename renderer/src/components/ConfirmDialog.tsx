import { useModalDialog } from './use-modal-dialog';
import type { ReactNode } from 'react';

/**
 * A modal yes/no question. `danger` makes the confirm button red (spending real money, deleting);
 * `confirmDisabled` holds it back until the question is answered (e.g. a name typed); a null
 * `confirmLabel` makes it a notice with only a way out.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string | null;
  cancelLabel?: string;
  danger?: boolean;
  confirmDisabled?: boolean;
  testId?: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useModalDialog(props.open);
  return (
    <dialog ref={ref} className="dialog" onClose={props.onCancel} aria-labelledby="confirm-title" data-testid={props.testId}>
      <h2 id="confirm-title">{props.title}</h2>
      <div className="dialog__body">{props.children}</div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={props.onCancel} autoFocus>{props.cancelLabel ?? 'Cancel'}</button>
        {props.confirmLabel !== null && (
          <button
            type="button"
            className={`button ${props.danger ? 'button--danger' : 'button--primary'}`}
            disabled={props.confirmDisabled}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </button>
        )}
      </div>
    </dialog>
  );
}
