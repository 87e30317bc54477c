import { BatchEditorView } from '../features/batch-editor/BatchEditorView';
import { HitsView } from '../features/hits/HitsView';
import { ArchiveView } from '../features/archive/ArchiveView';
import { AuditView } from '../features/audit/AuditView';
import { BatchesView } from '../features/batches/BatchesView';
import { ReviewView } from '../features/review/ReviewView';
import { DashboardView } from '../features/dashboard/DashboardView';
import { SettingsView } from '../features/settings/SettingsView';
import { WorkersView } from '../features/workers/WorkersView';
import { BonusesView } from '../features/bonuses/BonusesView';
import { QualificationsView } from '../features/qualifications/QualificationsView';
import type { AreaDescription } from './areas';
import { EmptyArea } from './EmptyArea';

/** Which screen each area shows; areas whose feature has not landed show their empty state. */
export function AreaView({ area }: { area: AreaDescription }) {
  switch (area.id) {
    case 'batch-editor':
      return <BatchEditorView />;
    case 'hits':
      return <HitsView />;
    case 'archive':
      return <ArchiveView />;
    case 'settings':
      return <SettingsView />;
    case 'audit':
      return <AuditView />;
    case 'batches':
      return <BatchesView />;
    case 'review':
      return <ReviewView />;
    case 'workers':
      return <WorkersView />;
    case 'qualifications':
      return <QualificationsView />;
    case 'dashboard':
      return <DashboardView />;
    case 'bonuses':
      return <BonusesView />;
    default:
      return <EmptyArea area={area} />;
  }
}
