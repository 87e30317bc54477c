import { useEffect, useState } from 'react';
import type { QualificationType } from '../../../../shared/domain/archive-types';
import { bridge } from '../../api/bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';

type Uses = { hitTypeIds: string[]; hitIds: string[] };

/** Deleting a type, after saying what it would break: the archived HIT types and open HITs that require it. */
export function DeleteTypeDialog(props: { type: QualificationType; onClose(): void; onDeleted(): void }) {
  const [uses, setUses] = useState<Uses | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const { qualificationTypeId } = props.type;
  useEffect(() => {
    void bridge?.api['quals.usesOf']({ qualificationTypeId }).then((result) => (result.ok ? setUses(result.value) : setError(result.error.message)));
  }, [qualificationTypeId]);
  const remove = (): void => {
    setDeleting(true);
    void bridge?.api['quals.delete']({ qualificationTypeId }).then((result) => {
      setDeleting(false);
      if (result.ok) props.onDeleted();
      else setError(result.error.message);
    });
  };
  const breaks = uses !== null && uses.hitTypeIds.length + uses.hitIds.length > 0;
  return (
    <ConfirmDialog open title={`Delete “${props.type.name}”?`} confirmLabel="Delete type" danger confirmDisabled={uses === null || deleting} testId="delete-type-dialog" onConfirm={remove} onCancel={props.onClose}>
      <div className="workers-form">
        {uses === null && !error && <p className="muted">Checking what requires this type…</p>}
        {uses !== null && !breaks && <p>No archived HIT type or open HIT requires it. Workers lose it and can no longer request it.</p>}
        {breaks && (
          <div className="workers-form__warning" role="alert" data-testid="delete-type-uses">
            <p>Workers can no longer meet the requirement of:</p>
            <ul>
              {uses.hitTypeIds.length > 0 && <li>{uses.hitTypeIds.length} archived HIT type{uses.hitTypeIds.length === 1 ? '' : 's'}: <span className="mono">{uses.hitTypeIds.slice(0, 5).join(', ')}{uses.hitTypeIds.length > 5 ? ', …' : ''}</span></li>}
              {uses.hitIds.length > 0 && <li>{uses.hitIds.length} open HIT{uses.hitIds.length === 1 ? '' : 's'}: <span className="mono">{uses.hitIds.slice(0, 5).join(', ')}{uses.hitIds.length > 5 ? ', …' : ''}</span></li>}
            </ul>
            <p>Consider deactivating it instead: workers keep their scores and HITs keep working.</p>
          </div>
        )}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}
