import type { AreaId } from '../../../shared/preferences';
import type { IconName } from './icons';

export interface AreaDescription {
  readonly id: AreaId;
  readonly title: string;
  readonly icon: IconName;
  /** One line under the title. */
  readonly summary: string;
  /** What the empty area will let the requester do, shown until the feature lands. */
  readonly promises: readonly string[];
}

/** The navigation order is also the Ctrl/⌘+1…9, 0 shortcut order. */
export const AREAS: readonly AreaDescription[] = [
  {
    id: 'dashboard',
    title: 'Dashboard',
    icon: 'gauge',
    summary: 'Your account at a glance: balance, running batches, work waiting for review.',
    promises: ['Account balance and spend this month', 'Batches in progress with live completion', 'Assignments waiting for review and auto-approval deadlines'],
  },
  {
    id: 'batches',
    title: 'Batches',
    icon: 'layers',
    summary: 'Publish many HITs from a template and a CSV of inputs, with the full cost shown first.',
    promises: ['Template + CSV → preview every HIT before publishing', 'Cost confirmation with MTurk fees included', 'Publishing that never creates a HIT twice, even after a crash'],
  },
  {
    id: 'hits',
    title: 'HITs',
    icon: 'grid',
    summary: 'Every HIT in the account, not only the ones Turkbench created.',
    promises: ['Filter and sort thousands of HITs instantly', 'Extend, expire, add assignments in bulk', 'Status history for every HIT'],
  },
  {
    id: 'review',
    title: 'Review',
    icon: 'check',
    summary: 'Approve and reject submitted work fast, with answers laid out as a table.',
    promises: ['Keyboard-driven approve / reject', 'Answers parsed into columns, worker history beside them', 'Undo before verdicts are sent'],
  },
  {
    id: 'workers',
    title: 'Workers',
    icon: 'users',
    summary: 'Everyone who has worked for you, with their history, blocks and messages.',
    promises: ['Per-worker approval rate and earnings with you', 'Block, unblock and message workers', 'Notes that stay on your disk'],
  },
  {
    id: 'qualifications',
    title: 'Qualifications',
    icon: 'badge',
    summary: 'Create qualification types, grant and revoke them, answer requests.',
    promises: ['Qualification types with tests and answer keys', 'Grant to a list of workers in one step', 'Pending requests with one-key accept / reject'],
  },
  {
    id: 'bonuses',
    title: 'Bonuses',
    icon: 'coins',
    summary: 'Pay bonuses exactly once, with the total and fees confirmed before money moves.',
    promises: ['Bonus from a CSV or a selection', 'Every payment journaled and idempotent', 'Full history of bonuses paid'],
  },
  {
    id: 'archive',
    title: 'Archive',
    icon: 'archive',
    summary: 'A permanent copy of everything: MTurk deletes results after 120 days.',
    promises: ['Automatic sync of every HIT, assignment and bonus', 'Warnings before MTurk disposes of data', 'Import and export of website result CSVs'],
  },
  {
    id: 'settings',
    title: 'Settings',
    icon: 'gear',
    summary: 'Connections, credentials, appearance and data location.',
    promises: ['Local MTurk, Sandbox, Production or a custom endpoint', 'Credentials from AWS profiles, kept in the OS keychain', 'Theme and keyboard shortcuts'],
  },
  {
    id: 'audit',
    title: 'Audit',
    icon: 'journal',
    summary: 'Every action Turkbench sent to MTurk, with what MTurk answered.',
    promises: ['Every change and payment journaled before it is sent', "MTurk's answer for each, failures in its own words", 'Filter, search and export as CSV'],
  },
  // Past the tenth area: reached from the sidebar (the number shortcuts stop at Ctrl/⌘+0).
  {
    id: 'batch-editor',
    title: 'Batch editor',
    icon: 'pen',
    summary: "A batch folder's template, properties and rows, with a live preview of any row.",
    promises: ['Template editing with findings at their lines', 'Properties checked as you type, cost beside them', 'Any row previewed as a worker sees it'],
  },
];

export function areaById(id: AreaId): AreaDescription {
  return AREAS.find((area) => area.id === id) ?? AREAS[0]!;
}
