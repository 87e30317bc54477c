import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { connectionConfigSchema, type ConnectionConfig } from '../../../shared/domain/connections';
import type { Logger } from '../../logging/logger';

export const LOCAL_CONNECTION_ID = 'local';

/** Always present, always first: the default connection needs no account and no setup. */
export const BUILT_IN_LOCAL: ConnectionConfig = {
  id: LOCAL_CONNECTION_ID,
  label: 'Local MTurk',
  kind: 'local',
  region: 'us-east-1',
  credentials: { type: 'local' },
};

const fileSchema = z.object({
  version: z.literal(1),
  activeId: z.string(),
  connections: z.array(z.unknown()),
});

export interface ConnectionsState {
  readonly activeId: string;
  readonly connections: readonly ConnectionConfig[];
}

export interface ConnectionStore {
  read(): ConnectionsState;
  write(state: ConnectionsState): void;
}

/**
 * Connection settings (no secrets) in connections.json in the data folder. Entries that fail
 * validation are skipped with a warning rather than losing the whole list.
 */
export function createConnectionFileStore(file: string, log: Logger): ConnectionStore {
  return {
    read() {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`could not read ${file}; starting with Local MTurk only`, cause);
        return withBuiltIn({ activeId: LOCAL_CONNECTION_ID, connections: [] });
      }
      const parsed = fileSchema.safeParse(raw);
      if (!parsed.success) {
        log.warn(`${file} is not a connections file; starting with Local MTurk only`);
        return withBuiltIn({ activeId: LOCAL_CONNECTION_ID, connections: [] });
      }
      const connections: ConnectionConfig[] = [];
      parsed.data.connections.forEach((entry, index) => {
        const config = connectionConfigSchema.safeParse(entry);
        if (config.success) connections.push(config.data);
        else log.warn(`skipping connection #${index + 1} in ${file}: ${config.error.issues[0]?.message ?? 'invalid'}`);
      });
      return withBuiltIn({ activeId: parsed.data.activeId, connections });
    },
    write(state) {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: 1, ...state }, null, 2));
      renameSync(tmp, file);
    },
  };
}

function withBuiltIn(state: ConnectionsState): ConnectionsState {
  const others = state.connections.filter((c) => c.id !== LOCAL_CONNECTION_ID);
  const connections = [BUILT_IN_LOCAL, ...others];
  const activeId = connections.some((c) => c.id === state.activeId) ? state.activeId : LOCAL_CONNECTION_ID;
  return { activeId, connections };
}
