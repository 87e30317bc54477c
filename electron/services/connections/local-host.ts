import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalMTurk, type CrowdSettings, type LocalMTurk } from '../../../local-mturk/src/index';
import type { Logger } from '../../logging/logger';

/** Where the embedded Local MTurk's port is recorded, inside its folder. */
export const PORT_FILE = 'port.json';
/** The simulated crowd that works in it while Turkbench runs, when one was started (e.g. by the demo). */
export const CROWD_FILE = 'crowd.json';

/**
 * The embedded Local MTurk: started on first use, its state in the data folder. It keeps one loopback port across
 * starts — picked free once, recorded, reused — so boto3 or AWS CLI settings pointing at it keep working; when that
 * port is taken it moves to a new free one and records that instead. The Local MTurk generates its key pair once and
 * keeps it in its data file, so the archive stays tied to one local "account" across restarts. A simulated crowd
 * started in it is recorded too, and works again after the next start until it is stopped.
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
    const crowd = this.#recordedCrowd();
    if (crowd) {
      server.startCrowd(crowd);
      this.log.info(`Local MTurk: a simulated crowd of ${crowd.workers} workers is working (${crowd.speed}× real time)`);
    }
    return server;
  }

  /** Starts a crowd that keeps working (and again after every start); one that already works stays as it is. */
  async startCrowd(settings: CrowdSettings): Promise<CrowdSettings> {
    const server = await this.start();
    if (!server.crowd()) {
      server.startCrowd(settings);
      writeFileSync(join(this.folder, CROWD_FILE), `${JSON.stringify(settings)}\n`);
      this.log.info(`Local MTurk: started a simulated crowd of ${settings.workers} workers (${settings.speed}× real time)`);
    }
    return server.crowd() ?? settings;
  }

  async stopCrowd(): Promise<void> {
    const server = await this.start();
    server.stopCrowd();
    rmSync(join(this.folder, CROWD_FILE), { force: true });
    this.log.info('Local MTurk: stopped the simulated crowd');
  }

  /** The recorded crowd; none when there is no file or it is unreadable (then it is not started, and says so). */
  #recordedCrowd(): CrowdSettings | null {
    let text: string;
    try {
      text = readFileSync(join(this.folder, CROWD_FILE), 'utf8');
    } catch {
      return null;
    }
    try {
      const { workers, speed, seed } = JSON.parse(text) as Partial<Record<keyof CrowdSettings, unknown>>;
      const whole = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
      if (whole(workers, 1, 10_000) && typeof speed === 'number' && speed >= 1 && speed <= 100_000 && whole(seed, 0, 0xffff_ffff)) return { workers, speed, seed };
    } catch {
      // reported below
    }
    this.log.warn(`Local MTurk: ${CROWD_FILE} does not hold crowd settings; no simulated crowd is started`);
    return null;
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
