/**
 * Resolves a connection's credential source into keys, following the AWS conventions
 * (shared credentials/config files, environment variables) plus keys stored by the app.
 * Home directory, environment and file reading are injected so tests use temp files and
 * never the developer's real ~/.aws. Every failure says exactly what to fix.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import type { CredentialSource } from '../../shared/domain/connections';
import { parseIni, type IniSections } from './ini';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface StoredKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Keys typed into the app, decrypted by the main process (safeStorage) on request. */
export interface SecretStore {
  get(connectionId: string): StoredKeys | null | Promise<StoredKeys | null>;
}

export interface CredentialContext {
  readonly connectionId: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly secrets?: SecretStore;
  /** The keys of the running built-in Local MTurk, for `{ type: 'local' }`. */
  readonly localCredentials?: AwsCredentials;
  /** Returns the file's text, or null when it does not exist. */
  readonly readTextFile?: (path: string) => Promise<string | null>;
}

/** Profile settings that mean "get keys some other way", which Turkbench does not do. */
const UNSUPPORTED_SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['role_arn', 'assume-role (role_arn)'],
  ['credential_process', 'an external credential_process'],
  ['sso_session', 'IAM Identity Center (sso_session)'],
  ['sso_start_url', 'IAM Identity Center (sso_start_url)'],
  ['web_identity_token_file', 'web identity (web_identity_token_file)'],
];

export async function resolveCredentials(
  source: CredentialSource,
  context: CredentialContext,
): Promise<Result<AwsCredentials>> {
  switch (source.type) {
    case 'env':
      return fromEnvironment(context.env, source.accessKeyIdVar ?? 'AWS_ACCESS_KEY_ID', source.secretAccessKeyVar ?? 'AWS_SECRET_ACCESS_KEY');
    case 'profile':
      return fromProfile(source.profile, context);
    case 'stored':
      return fromSecretStore(context);
    case 'local':
      return context.localCredentials
        ? ok(context.localCredentials)
        : err(appError('auth', 'The built-in Local MTurk is not running; start it from the Connections screen.'));
  }
}

function fromEnvironment(env: CredentialContext['env'], idVar: string, secretVar: string): Result<AwsCredentials> {
  const accessKeyId = env[idVar]?.trim() ?? '';
  const secretAccessKey = env[secretVar]?.trim() ?? '';
  const missing = [accessKeyId === '' ? idVar : null, secretAccessKey === '' ? secretVar : null].filter((name): name is string => name !== null);
  if (missing.length > 0) {
    return err(
      appError(
        'auth',
        `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set in Turkbench's environment; ` +
          `set both ${idVar} and ${secretVar} before starting Turkbench, or choose another credential source.`,
      ),
    );
  }
  const sessionToken = env.AWS_SESSION_TOKEN?.trim();
  return ok({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) });
}

async function fromSecretStore(context: CredentialContext): Promise<Result<AwsCredentials>> {
  const keys = context.secrets ? await context.secrets.get(context.connectionId) : null;
  if (keys === null || keys.accessKeyId.trim() === '' || keys.secretAccessKey.trim() === '') {
    return err(
      appError(
        'auth',
        `No access keys are stored for connection '${context.connectionId}'; enter them in the connection's settings.`,
      ),
    );
  }
  return ok({ accessKeyId: keys.accessKeyId.trim(), secretAccessKey: keys.secretAccessKey.trim() });
}

interface SharedFile {
  readonly path: string;
  readonly sections: IniSections | null;
}

async function fromProfile(profile: string, context: CredentialContext): Promise<Result<AwsCredentials>> {
  const read = context.readTextFile ?? readTextFileOrNull;
  const credentialsPath = expandHome(
    context.env.AWS_SHARED_CREDENTIALS_FILE ?? join(context.homeDir, '.aws', 'credentials'),
    context.homeDir,
  );
  const configPath = expandHome(context.env.AWS_CONFIG_FILE ?? join(context.homeDir, '.aws', 'config'), context.homeDir);
  let credentialsFile: SharedFile;
  let configFile: SharedFile;
  try {
    credentialsFile = await loadShared(credentialsPath, read);
    configFile = await loadShared(configPath, read);
  } catch (error) {
    return err(appError('auth', `Cannot read the AWS shared files: ${(error as Error).message}`));
  }

  // The credentials file names sections `[x]`; the config file `[profile x]` (or `[default]`).
  const fromCredentials = credentialsFile.sections?.get(profile);
  const fromConfig = configFile.sections?.get(`profile ${profile}`) ?? configFile.sections?.get(profile);
  const usableConfig = profile === 'default' || configFile.sections?.has(`profile ${profile}`) ? fromConfig : undefined;
  if (fromCredentials === undefined && usableConfig === undefined) {
    return err(appError('auth', profileNotFoundMessage(profile, credentialsFile, configFile)));
  }
  // Like the AWS SDKs: a value in the credentials file wins over the same key in config.
  const settings = new Map([...(usableConfig ?? []), ...(fromCredentials ?? [])]);
  const where = fromCredentials ? credentialsFile.path : configFile.path;
  const accessKeyId = settings.get('aws_access_key_id') ?? '';
  const secretAccessKey = settings.get('aws_secret_access_key') ?? '';
  if (accessKeyId === '' || secretAccessKey === '') {
    const unsupported = UNSUPPORTED_SETTINGS.find(([key]) => settings.has(key));
    if (unsupported && accessKeyId === '' && secretAccessKey === '') {
      return err(
        appError(
          'auth',
          `Profile '${profile}' in ${where} uses ${unsupported[1]}, which Turkbench does not support; ` +
            'give the profile aws_access_key_id and aws_secret_access_key, or use environment variables.',
        ),
      );
    }
    const missing = accessKeyId === '' ? 'aws_access_key_id' : 'aws_secret_access_key';
    return err(appError('auth', `Profile '${profile}' in ${where} has no ${missing}; add it to that section.`));
  }
  const sessionToken = settings.get('aws_session_token');
  return ok({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) });
}

function profileNotFoundMessage(profile: string, credentials: SharedFile, config: SharedFile): string {
  const existing = [credentials, config].filter((file) => file.sections !== null);
  if (existing.length === 0) {
    return (
      `No AWS credentials file at ${credentials.path} (and no config file at ${config.path}); ` +
      `run 'aws configure --profile ${profile}', set AWS_SHARED_CREDENTIALS_FILE, or choose another credential source.`
    );
  }
  const names = new Set<string>();
  for (const name of credentials.sections?.keys() ?? []) names.add(name);
  for (const name of config.sections?.keys() ?? []) {
    if (name === 'default' || name.startsWith('profile ')) names.add(name.replace(/^profile\s+/, ''));
  }
  const listed = names.size > 0 ? [...names].join(', ') : 'none';
  return `Profile '${profile}' not found in ${existing.map((file) => file.path).join(' or ')} (profiles there: ${listed})`;
}

async function loadShared(path: string, read: (path: string) => Promise<string | null>): Promise<SharedFile> {
  const text = await read(path);
  return { path, sections: text === null ? null : parseIni(text) };
}

async function readTextFileOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function expandHome(path: string, homeDir: string): string {
  return path === '~' || path.startsWith('~/') ? join(homeDir, path.slice(1)) : path;
}
