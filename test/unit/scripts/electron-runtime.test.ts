import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { electronBinary } from '../../../scripts/electron-runtime.mjs';

const find = electronBinary as (dir: string, env: Record<string, string | undefined>, platform: string) => string | null;

function electronPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tb-electron-'));
  return dir;
}

describe('finding the Electron runtime for npm start', () => {
  it('is missing only when no executable exists', () => {
    expect(find(electronPackage(), {}, 'linux')).toBeNull();
  });

  it('finds a downloaded runtime through path.txt', () => {
    const dir = electronPackage();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(find(dir, {}, 'linux')).toBe(join(dir, 'dist', 'electron'));
  });

  it('finds a build given by ELECTRON_OVERRIDE_DIST_PATH although nothing was downloaded (no path.txt)', () => {
    const override = mkdtempSync(join(tmpdir(), 'tb-electron-dist-'));
    writeFileSync(join(override, 'electron'), '');
    expect(find(electronPackage(), { ELECTRON_OVERRIDE_DIST_PATH: override }, 'linux')).toBe(join(override, 'electron'));
  });
});
