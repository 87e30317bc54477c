import { useEffect, useRef } from 'react';
import type { MenuPoint } from '../hits/ArchiveGrid';
import { MANAGE_ACTIONS, type ManageAction } from './manage-model';

const keyLabel = (key: string | null): string => (key === null ? '' : key.length === 1 ? key.toUpperCase() : key === 'Delete' ? 'Del' : key);

/**
 * The toolbar over the HITs grid: how many are selected and every action, greyed while nothing is selected — and
 * greyed with the reason as their tooltip when `disabledReason` says nothing can be sent (a kept archive).
 */
export function ManageBar(props: { selected: number; onPick(action: ManageAction): void; onClear(): void; disabledReason?: string | null }) {
  const none = props.selected === 0;
  const blocked = props.disabledReason ?? null;
  return (
    <div className="manage-bar" role="toolbar" aria-label="Manage the selected HITs">
      <span className="manage-bar__count" data-testid="selection-count" aria-live="polite">
        {none ? <span className="muted">No HITs selected</span> : `${props.selected.toLocaleString('en-US')} selected`}
      </span>
      {MANAGE_ACTIONS.map((action) => (
        <button
          key={action.id}
          type="button"
          className="button button--small"
          disabled={none || blocked !== null}
          onClick={() => props.onPick(action)}
          title={blocked ?? (action.key ? `${action.label.replace(/…$/, '')} (${keyLabel(action.key)})` : undefined)}
        >
          {action.label}
        </button>
      ))}
      {!none && (
        <button type="button" className="button button--small button--ghost" onClick={props.onClear}>Clear selection</button>
      )}
    </div>
  );
}

/** The right-click (or Menu key) menu: the same actions; arrow keys move, Escape closes, the focus returns to the grid. */
export function ManageContextMenu(props: { at: MenuPoint; onPick(action: ManageAction): void; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const menu = ref.current;
    // Back to the row it was opened from, so the keyboard carries on where it was.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    menu?.querySelector('button')?.focus();
    const away = (e: MouseEvent): void => {
      if (!menu?.contains(e.target as Node)) props.onClose();
    };
    window.addEventListener('mousedown', away);
    window.addEventListener('blur', props.onClose);
    return () => {
      window.removeEventListener('mousedown', away);
      window.removeEventListener('blur', props.onClose);
      if (opener?.isConnected) opener.focus();
    };
  }, [props.onClose]);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const buttons = [...(ref.current?.querySelectorAll('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      props.onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      buttons[(index + step + buttons.length) % buttons.length]?.focus();
    }
    e.stopPropagation();
  };
  // Kept inside the window however near the edge the click was.
  const left = Math.max(4, Math.min(props.at.x, window.innerWidth - 230));
  const top = Math.max(4, Math.min(props.at.y, window.innerHeight - 300));
  return (
    <div ref={ref} className="manage-menu" role="menu" aria-label="HIT actions" style={{ left, top }} onKeyDown={onKeyDown}>
      {MANAGE_ACTIONS.map((action, i) => (
        <div key={action.id} role="none">
          {(i === 3 || i === 6) && <hr />}
          <button type="button" role="menuitem" className={action.danger ? 'manage-menu__danger' : undefined} onClick={() => props.onPick(action)}>
            <span>{action.label}</span>
            {action.key && <kbd>{keyLabel(action.key)}</kbd>}
          </button>
        </div>
      ))}
    </div>
  );
}
