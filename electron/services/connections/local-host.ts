import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import type { Logger } from '../../logging/logger';

/**
 * The embedded Local MTurk: started on first use on a free loopback port, its state in the data
 * folder. The Local MTurk generates its key pair once and keeps it in that data file, so the archive
 * stays tied to one local "account" across restarts.
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
    const server = await startLocalMTurk({ port: 0, dataFile: join(this.folder, 'local-mturk.sqlite') });
    this.log.info(`Local MTurk listening on ${server.url}`);
    return server;
  }

}
