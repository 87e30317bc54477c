import { useModalDialog } from '../components/use-modal-dialog';
import { REVIEW_SHORTCUTS } from '../features/review/review-model';
import { modKey } from './shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useModalDialog(open);
  const rows: [string, string][] = [
    [`${modKey()} 1 … 9`, 'Go to an area'],
    [`${modKey()} 0`, 'Go to Audit'],
    [`${modKey()} J`, 'Show jobs'],
    [`${modKey()} \\`, 'Collapse or expand the sidebar'],
    [`${modKey()} Shift L`, 'Switch theme (system → light → dark)'],
    [`${modKey()} R`, 'Archive: sync now'],
    [`${modKey()} O`, 'Archive: import a results CSV'],
    [`${modKey()} S`, 'Batch editor: save the edited files'],
    ['E · X · A · Del · Shift F10', `HITs grid: extend, expire, add assignments, delete; actions menu (${modKey()} A selects all)`],
    ...REVIEW_SHORTCUTS,
    ['?', 'Show this list'],
  ];
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcuts">
        <tbody>
          {rows.map(([keys, what]) => (
            <tr key={keys}>
              <td><kbd>{keys}</kbd></td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} autoFocus>Close</button>
      </div>
    </dialog>
  );
}
