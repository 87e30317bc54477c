/**
 * v50: website results CSV files as imported, so an export can reproduce them byte for byte
 * (column order, quoting, line endings, Input.* columns and raw time/money strings).
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE csv_imports (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      file_name TEXT NOT NULL,
      header_json TEXT NOT NULL,
      header_quoted TEXT NOT NULL,
      dialect_json TEXT NOT NULL,
      row_count INTEGER NOT NULL,
      imported_at INTEGER NOT NULL
    );

    CREATE TABLE csv_import_rows (
      import_id INTEGER NOT NULL REFERENCES csv_imports (id),
      row_number INTEGER NOT NULL,
      hit_id TEXT NOT NULL,
      assignment_id TEXT,
      cells_json TEXT NOT NULL,
      -- One '0'/'1' per cell: whether the source quoted it.
      quoted TEXT NOT NULL,
      PRIMARY KEY (import_id, row_number)
    ) WITHOUT ROWID;
    CREATE INDEX csv_import_rows_by_assignment ON csv_import_rows (assignment_id);
  `);
}
