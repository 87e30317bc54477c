import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import type { Logger } from '../../logging/logger';

/** Where the embedded Local MTurk's port is recorded, inside its folder. */
export const PORT_FILE = 'port.json';

/**
 * The embedded Local MTurk: started on first use, its state in the data folder. It keeps one loopback port across
 * starts — picked free once, recorded, reused — so boto3 or AWS CLI settings pointing at it keep working; when that
 * port is taken it moves to a new free one and records that instead. The Local MTurk generates its key pair once and
 * keeps it in its data file, so the archive stays tied to one local "account" across restarts.
 */
export class LocalMTurkHost {
  #running: Promise<LocalMTurk> | null = null;

  constructor(
    private readonly folder: string,
    private readonly log: Logger,
  ) {}

  start(): Promise<LocalMTurk> {
    this.#running ??= this.#boot().catch((cause: unknown) => {
      this.#running = null;
      throw cause;
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    if (running) await (await running).close();
  }

  async #boot(): Promise<LocalMTurk> {
    mkdirSync(this.folder, { recursive: true });
    const dataFile = join(this.folder, 'local-mturk.sqlite');
    const recorded = this.#recordedPort();
    let server: LocalMTurk | null = null;
    if (recorded !== null) {
      try {
        server = await startLocalMTurk({ port: recorded, dataFile });
      } catch (cause) {
        if (!isAddressInUse(cause)) throw cause;
      }
    }
    server ??= await startLocalMTurk({ port: 0, dataFile });
    if (server.port !== recorded) {
      writeFileSync(join(this.folder, PORT_FILE), `${JSON.stringify({ port: server.port })}\n`);
      if (recorded !== null) this.log.warn(`Local MTurk: port ${recorded} is taken by another program; moved to port ${server.port} (recorded for next time)`);
    }
    this.log.info(`Local MTurk listening on ${server.url}`);
    return server;
  }

  /** The port recorded by an earlier start; null when there is none or the file is unreadable (a new one is picked). */
  #recordedPort(): number | null {
    let text: string;
    try {
      text = readFileSync(join(this.folder, PORT_FILE), 'utf8');
    } catch {
      return null;
    }
    try {
      const port: unknown = (JSON.parse(text) as { port?: unknown }).port;
      if (typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65_536) return port;
    } catch {
      // reported below
    }
    this.log.warn(`Local MTurk: ${PORT_FILE} does not hold a port number; picking a new free port`);
    return null;
  }
}

function isAddressInUse(cause: unknown): boolean {
  return typeof cause === 'object' && cause !== null && (cause as { code?: unknown }).code === 'EADDRINUSE';
}
