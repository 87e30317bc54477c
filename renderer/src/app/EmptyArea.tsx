import type { AreaDescription } from './areas';
import { Icon } from './icons';

/** What an area shows before its feature lands: what it is for, and what it will do. */
export function EmptyArea({ area }: { area: AreaDescription }) {
  return (
    <section className="empty" aria-labelledby="empty-title">
      <div className="empty__icon" aria-hidden="true">
        <Icon name={area.icon} size={40} />
      </div>
      <h2 id="empty-title" className="empty__title">
        Nothing in {area.title} yet
      </h2>
      <p className="empty__summary">This area is being built. When it lands, it will let you:</p>
      <ul className="empty__promises">
        {area.promises.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}
