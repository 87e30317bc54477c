/**
 * Prepared-statement cache per connection: preparing once is what keeps a request in the tens of microseconds.
 */
import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function sql(db: Database.Database, text: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = db.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

/** Drops cached statements (after a schema-changing reset or close). */
export function forgetStatements(db: Database.Database): void {
  caches.delete(db);
}
