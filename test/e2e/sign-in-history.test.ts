import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from './support/serve-process';

/** A real browser profile on disk, as a person's would be, so its History database can be read afterwards. */
function launchProfile(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

let serve: ServeProcess;
const profile = mkdtempSync(join(tmpdir(), 'tb-e2e-profile-'));
const historyRows: string[] = [];

beforeAll(async () => {
  serve = await startServe();
  const context = await launchProfile(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  await serve.signIn(page, '#/hits');
  await page.locator('.nav-item').first().waitFor();
  await page.reload();
  await page.locator('.nav-item').first().waitFor();
  // Closing the browser is what flushes its History database to disk.
  await context.close();
  const db = new Database(join(profile, 'Default', 'History'), { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  for (const { name } of tables) {
    for (const row of db.prepare(`SELECT * FROM "${name}"`).all()) historyRows.push(`${name}: ${JSON.stringify(row)}`);
  }
  db.close();
});

afterAll(async () => {
  await serve?.stop();
});

describe('browser-mode sign-in and the browser profile', () => {
  it('leaves the visits in the History database, and the one-time code nowhere in it', () => {
    const urls = historyRows.filter((row) => row.startsWith('urls: '));
    expect(urls.some((row) => row.includes(serve.url))).toBe(true);
    const undashed = serve.code.replace(/-/g, '');
    for (const row of historyRows) {
      expect(row).not.toContain(serve.code);
      expect(row).not.toContain(undashed);
      expect(row.toLowerCase()).not.toContain('code=');
    }
  });

  it('leaves the code in no file of the profile (autofill, session restore, cache)', () => {
    const undashed = serve.code.replace(/-/g, '');
    const holding = filesUnder(profile).filter((file) => {
      const bytes = readFileSync(file);
      return [serve.code, undashed].some((text) => bytes.includes(text) || bytes.includes(Buffer.from(text, 'utf16le')));
    });
    expect(holding).toEqual([]);
  });

  it('refuses the code a second time, in another browser, with a page saying what to do', async () => {
    const other = await launchProfile(mkdtempSync(join(tmpdir(), 'tb-e2e-profile-')));
    const page = other.pages()[0] ?? (await other.newPage());
    await page.goto(serve.url);
    await page.locator('input[name="code"]').fill(serve.code);
    await page.getByRole('button', { name: 'Open Turkbench' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/already been used.*restart Turkbench/);
    expect(await page.locator('.nav-item').count()).toBe(0);
    const status = await page.evaluate('fetch("/api/app.info", { method: "POST" }).then((r) => r.status)');
    expect(status).toBe(401);
    await other.close();
  });
});
