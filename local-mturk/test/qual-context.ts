/**
 * An in-memory OpContext for the qualification unit tests: the qualification and inbox tables only, a settable virtual clock and
 * deterministic ids. Used to test rules and handlers without the HTTP server.
 */
import Database from 'better-sqlite3';
import type { MTurkEnvironment, OpContext } from '../src/ops/types';
import { INBOX_SCHEMA_SQL } from '../src/store/inbox-schema';
import { QUALIFICATION_SCHEMA_SQL } from '../src/store/qualifications-schema';

export interface TestContext extends OpContext {
  advance(ms: number): void;
  as(accessKeyId: string): TestContext;
}

export function qualContext(env: MTurkEnvironment = 'sandbox'): TestContext {
  const db = new Database(':memory:');
  db.exec(QUALIFICATION_SCHEMA_SQL);
  db.exec(INBOX_SCHEMA_SQL);
  const clock = { ms: Date.UTC(2026, 0, 1) };
  let counter = 0;
  const make = (accessKeyId: string): TestContext => ({
    db,
    env,
    accessKeyId,
    now: () => clock.ms,
    newId: (kind) => {
      counter += 1;
      return kind === 'worker' ? `A${String(counter).padStart(13, '0')}` : `3${String(counter).padStart(29, '0')}`;
    },
    advance: (ms) => {
      clock.ms += ms;
    },
    as: (other) => make(other),
  });
  return make('AKIAREQUESTERONE');
}
