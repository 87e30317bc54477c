import type { AreaId } from '../../../shared/preferences';
import { AREAS } from './areas';
import { Icon } from './icons';
import { modKey } from './shortcuts';

export function Sidebar(props: { current: AreaId; collapsed: boolean; onSelect: (area: AreaId) => void; onToggle: () => void }) {
  return (
    <nav className={`sidebar${props.collapsed ? ' sidebar--collapsed' : ''}`} aria-label="Areas">
      <div className="sidebar__brand">
        <span className="brand-mark" aria-hidden="true">T</span>
        {!props.collapsed && <span className="brand-name">Turkbench</span>}
      </div>
      <ul className="sidebar__list">
        {AREAS.map((area, index) => (
          <li key={area.id}>
            <button
              type="button"
              className={`nav-item${area.id === props.current ? ' nav-item--active' : ''}`}
              aria-current={area.id === props.current ? 'page' : undefined}
              onClick={() => props.onSelect(area.id)}
              title={`${area.title} (${modKey()}+${(index + 1) % 10})`}
              data-area={area.id}
            >
              <Icon name={area.icon} />
              {!props.collapsed && <span className="nav-item__label">{area.title}</span>}
              {!props.collapsed && <kbd className="nav-item__key">{(index + 1) % 10}</kbd>}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="sidebar__toggle" onClick={props.onToggle} title={`${props.collapsed ? 'Expand' : 'Collapse'} sidebar (${modKey()}+\\)`} aria-expanded={!props.collapsed}>
        <Icon name="panel" />
        {!props.collapsed && <span>Collapse</span>}
      </button>
    </nav>
  );
}
