/**
 * The Local MTurk's runtime state, independent of HTTP: store, virtual clock, keys, fault injector, and the
 * factory of per-request operation contexts. Both the wire endpoint and the control API act through it.
 */
import type Database from 'better-sqlite3';
import { createVirtualClock, isSaneOffset, type VirtualClock, type WallClock } from './clock';
import { resolveCredentials, type Credential } from './credentials';
import { setStartingBalance } from './domain/ledger';
import { sweep } from './domain/sweep';
import { newEntityId, newRequestId, newWorkerId } from './ids';
import type { MTurkEnvironment, OpContext } from './ops/types';
import { FaultInjector, type FaultOptions } from './server/faults';
import { clearAllTables, openStore, readMeta, writeMeta } from './store/open';
import { forgetStatements } from './store/statements';

export interface AppOptions extends FaultOptions {
  dataFile?: string;
  /** Empty: use the pair stored in the data file, or generate one. */
  credentials: Credential[];
  env: MTurkEnvironment;
  startingBalanceCents: number;
  verifySignatures: boolean;
  /** Host names accepted besides loopback ones on the control API and worker routes (e.g. an /etc/hosts alias). */
  allowedHosts?: string[];
  /** Real time (epoch ms): the base of the virtual clock and the reference of the signature time window. */
  wallClock?: WallClock;
}

const CLOCK_OFFSET_KEY = 'clock_offset_ms';

/** The persisted clock offset; one that is unreadable, negative or absurd is repaired to real time. */
function storedClockOffset(db: Database.Database): number {
  const stored = readMeta(db, CLOCK_OFFSET_KEY);
  if (stored === undefined) return 0;
  const offset = Number(stored);
  if (isSaneOffset(offset)) return offset;
  console.warn(`Local MTurk: the stored virtual clock offset (${stored} ms) is not between 0 and 100 years; the clock is reset to real time.`);
  writeMeta(db, CLOCK_OFFSET_KEY, '0');
  return 0;
}

export class LocalMTurkApp {
  readonly db: Database.Database;
  readonly clock: VirtualClock;
  readonly faults: FaultInjector;
  readonly wallClock: WallClock;
  readonly credentials: Credential[];
  private readonly secrets: Map<string, string>;
  /** Built once: better-sqlite3 wraps a function per transaction() call, which costs more than the BEGIN itself. */
  private readonly inTransaction: (work: () => unknown) => unknown;
  #resets = 0;

  constructor(readonly options: AppOptions) {
    this.db = openStore(options.dataFile);
    setStartingBalance(this.db, options.startingBalanceCents);
    this.wallClock = options.wallClock ?? Date.now;
    this.clock = createVirtualClock(storedClockOffset(this.db), this.wallClock, (next) => writeMeta(this.db, CLOCK_OFFSET_KEY, String(next)));
    this.faults = new FaultInjector(options);
    this.inTransaction = this.db.transaction((work: () => unknown) => work());
    this.credentials = resolveCredentials(this.db, options.credentials);
    this.secrets = new Map(this.credentials.map((c) => [c.accessKeyId, c.secretAccessKey]));
  }

  secretOf(accessKeyId: string): string | undefined {
    return this.secrets.get(accessKeyId);
  }

  /** Whether a bearer secret belongs to a configured key (control API auth); returns that key's id. */
  keyOfSecret(secret: string): string | undefined {
    return this.credentials.find((c) => c.secretAccessKey === secret)?.accessKeyId;
  }

  context(accessKeyId: string, requestId = newRequestId()): OpContext {
    return {
      db: this.db,
      now: () => this.clock.now(),
      env: this.options.env,
      accessKeyId,
      newId: (kind) => (kind === 'worker' ? newWorkerId() : newEntityId()),
      requestId,
    };
  }

  /** Runs `work` in one transaction after applying every time-driven transition that is due. */
  transact<T>(ctx: OpContext, work: () => T): T {
    return this.inTransaction(() => {
      sweep(ctx);
      return work();
    }) as T;
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  /** How many times reset() has run: work in progress across a reset (a sliced simulation) must stop. */
  get resets(): number {
    return this.#resets;
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Deletes all work and puts the clock back to real time; keys and starting balance stay. */
  reset(): void {
    this.#resets += 1;
    clearAllTables(this.db);
    forgetStatements(this.db);
    setStartingBalance(this.db, this.options.startingBalanceCents);
    this.clock.reset();
  }

  close(): void {
    forgetStatements(this.db);
    this.db.close();
  }
}
