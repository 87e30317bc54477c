import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCredentials, type CredentialContext } from '../../../electron/mturk/credentials';
import { parseIni } from '../../../electron/mturk/ini';
import type { Result } from '../../../shared/result';

let home: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'turkbench-creds-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function writeAws(name: 'credentials' | 'config', text: string): Promise<string> {
  await mkdir(join(home, '.aws'), { recursive: true });
  const path = join(home, '.aws', name);
  await writeFile(path, text);
  return path;
}

function context(extra: Partial<CredentialContext> = {}): CredentialContext {
  return { connectionId: 'conn-1', env: {}, homeDir: home, ...extra };
}

function errorMessage<T>(result: Result<T>): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  expect(result.error.kind).toBe('auth');
  return result.error.message;
}

const CREDENTIALS = `
# team keys
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = secret/with+chars#kept

[sandbox]
aws_access_key_id=AKIASANDBOX
aws_secret_access_key=sandbox-secret ; a comment
aws_session_token = token-1
`;

describe('parseIni', () => {
  it('reads sections, ignores comments and nested blocks, merges repeated sections', () => {
    const ini = parseIni('[a]\nx = 1\ns3 =\n  max = 10\ny=2\n[b]\n; note\nz = 3\n[a]\nX = 4\n');
    expect(Object.fromEntries(ini.get('a') ?? [])).toEqual({ x: '4', y: '2' });
    expect(Object.fromEntries(ini.get('b') ?? [])).toEqual({ z: '3' });
  });
});

describe('resolveCredentials from a profile', () => {
  it('reads a named profile from ~/.aws/credentials, keeping # inside values and the session token', async () => {
    await writeAws('credentials', CREDENTIALS);
    const sandbox = await resolveCredentials({ type: 'profile', profile: 'sandbox' }, context());
    expect(sandbox).toEqual({
      ok: true,
      value: { accessKeyId: 'AKIASANDBOX', secretAccessKey: 'sandbox-secret', sessionToken: 'token-1' },
    });
    const fallback = await resolveCredentials({ type: 'profile', profile: 'default' }, context());
    expect(fallback).toEqual({ ok: true, value: { accessKeyId: 'AKIADEFAULT', secretAccessKey: 'secret/with+chars#kept' } });
  });

  it('reads [profile x] sections from ~/.aws/config, but not bare [x] sections there', async () => {
    await writeAws('config', '[profile lab]\nregion = us-east-1\naws_access_key_id = AKIALAB\naws_secret_access_key = s\n[bare]\naws_access_key_id = A\naws_secret_access_key = B\n');
    const lab = await resolveCredentials({ type: 'profile', profile: 'lab' }, context());
    expect(lab).toEqual({ ok: true, value: { accessKeyId: 'AKIALAB', secretAccessKey: 's' } });
    const bare = errorMessage(await resolveCredentials({ type: 'profile', profile: 'bare' }, context()));
    expect(bare).toContain("Profile 'bare' not found");
  });

  it('prefers the credentials file over the config file for the same profile', async () => {
    await writeAws('credentials', '[lab]\naws_access_key_id = FROMCREDS\n');
    await writeAws('config', '[profile lab]\naws_access_key_id = FROMCONFIG\naws_secret_access_key = config-secret\n');
    const result = await resolveCredentials({ type: 'profile', profile: 'lab' }, context());
    expect(result).toEqual({ ok: true, value: { accessKeyId: 'FROMCREDS', secretAccessKey: 'config-secret' } });
  });

  it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE over the home directory', async () => {
    await writeAws('credentials', '[lab]\naws_access_key_id = HOME\naws_secret_access_key = home\n');
    const elsewhere = join(home, 'elsewhere.ini');
    await writeFile(elsewhere, '[lab]\naws_access_key_id = ELSEWHERE\naws_secret_access_key = e\n');
    const configElsewhere = join(home, 'config.ini');
    await writeFile(configElsewhere, '[profile other]\naws_access_key_id = OTHER\naws_secret_access_key = o\n');
    const env = { AWS_SHARED_CREDENTIALS_FILE: elsewhere, AWS_CONFIG_FILE: configElsewhere };
    expect(await resolveCredentials({ type: 'profile', profile: 'lab' }, context({ env }))).toMatchObject({
      ok: true,
      value: { accessKeyId: 'ELSEWHERE' },
    });
    expect(await resolveCredentials({ type: 'profile', profile: 'other' }, context({ env }))).toMatchObject({
      ok: true,
      value: { accessKeyId: 'OTHER' },
    });
  });

  it('names the file and the profiles that do exist when the profile is missing', async () => {
    const path = await writeAws('credentials', CREDENTIALS);
    const message = errorMessage(await resolveCredentials({ type: 'profile', profile: 'lab' }, context()));
    expect(message).toBe(`Profile 'lab' not found in ${path} (profiles there: default, sandbox)`);
  });

  it('says how to create the file when there are no shared files at all', async () => {
    const message = errorMessage(await resolveCredentials({ type: 'profile', profile: 'lab' }, context()));
    expect(message).toContain(`No AWS credentials file at ${join(home, '.aws', 'credentials')}`);
    expect(message).toContain("aws configure --profile lab");
  });

  it('names the missing key, and explains unsupported role/SSO profiles', async () => {
    await writeAws('credentials', '[half]\naws_access_key_id = AKIAHALF\n[role]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n');
    const half = errorMessage(await resolveCredentials({ type: 'profile', profile: 'half' }, context()));
    expect(half).toContain("Profile 'half'");
    expect(half).toContain('has no aws_secret_access_key');
    const role = errorMessage(await resolveCredentials({ type: 'profile', profile: 'role' }, context()));
    expect(role).toContain('assume-role (role_arn)');
  });
});

describe('resolveCredentials from the environment, the secret store and Local MTurk', () => {
  it('reads the AWS_* variables, including an optional session token', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_SESSION_TOKEN: 'tok' };
    expect(await resolveCredentials({ type: 'env' }, context({ env }))).toEqual({
      ok: true,
      value: { accessKeyId: 'AKIAENV', secretAccessKey: 'env-secret', sessionToken: 'tok' },
    });
  });

  it('ignores profile files when the source is the environment, and names the missing variable', async () => {
    await writeAws('credentials', CREDENTIALS);
    const message = errorMessage(await resolveCredentials({ type: 'env' }, context({ env: { AWS_ACCESS_KEY_ID: 'AKIA' } })));
    expect(message).toMatch(/^AWS_SECRET_ACCESS_KEY is not set/);
  });

  it('asks the secret store for this connection only', async () => {
    const asked: string[] = [];
    const secrets = {
      get: async (id: string) => {
        asked.push(id);
        return id === 'conn-1' ? { accessKeyId: 'AKIASTORED', secretAccessKey: 'stored' } : null;
      },
    };
    expect(await resolveCredentials({ type: 'stored' }, context({ secrets }))).toMatchObject({
      ok: true,
      value: { accessKeyId: 'AKIASTORED' },
    });
    const missing = errorMessage(await resolveCredentials({ type: 'stored' }, context({ secrets, connectionId: 'other' })));
    expect(missing).toContain("No access keys are stored for connection 'other'");
    expect(asked).toEqual(['conn-1', 'other']);
  });

  it('uses the running Local MTurk keys, or says it is not running', async () => {
    const localCredentials = { accessKeyId: 'LOCAL', secretAccessKey: 'local' };
    expect(await resolveCredentials({ type: 'local' }, context({ localCredentials }))).toEqual({ ok: true, value: localCredentials });
    expect(errorMessage(await resolveCredentials({ type: 'local' }, context()))).toContain('Local MTurk is not running');
  });
});
