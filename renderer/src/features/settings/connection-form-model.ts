import { MTURK_REGION, type ConnectionConfig, type ConnectionKind } from '../../../../shared/domain/connections';

/** The form's editable state: flat strings, so inputs stay controlled; turned into a config on save. */
export interface ConnectionDraft {
  id: string;
  label: string;
  kind: Exclude<ConnectionKind, 'local'>;
  endpoint: string;
  region: string;
  source: 'profile' | 'env' | 'stored';
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Empty: the safe default for the kind. */
  requestsPerSecond: string;
}

const KIND_LABEL: Record<ConnectionDraft['kind'], string> = { sandbox: 'MTurk Sandbox', production: 'MTurk Production', custom: 'Custom endpoint' };

export function newDraft(kind: ConnectionDraft['kind'] = 'sandbox'): ConnectionDraft {
  return { id: `${kind}-${crypto.randomUUID().slice(0, 8)}`, label: KIND_LABEL[kind], kind, endpoint: '', region: MTURK_REGION, source: 'profile', profile: 'default', accessKeyId: '', secretAccessKey: '', requestsPerSecond: '' };
}

/** Changing the kind also changes the name while the user has not typed one, so a production connection is never left named "Sandbox". */
export function withKind(draft: ConnectionDraft, kind: ConnectionDraft['kind']): ConnectionDraft {
  const untouched = draft.label.trim() === '' || draft.label === KIND_LABEL[draft.kind];
  return { ...draft, kind, label: untouched ? KIND_LABEL[kind] : draft.label };
}

export function draftFrom(config: ConnectionConfig): ConnectionDraft {
  const creds = config.credentials;
  return {
    id: config.id,
    label: config.label,
    kind: config.kind === 'local' ? 'custom' : config.kind,
    endpoint: config.endpoint ?? '',
    region: config.region,
    source: creds.type === 'local' ? 'env' : creds.type,
    profile: creds.type === 'profile' ? creds.profile : 'default',
    accessKeyId: '',
    secretAccessKey: '',
    requestsPerSecond: config.requestsPerSecond === undefined ? '' : String(config.requestsPerSecond),
  };
}

export function configFrom(draft: ConnectionDraft): ConnectionConfig {
  const credentials: ConnectionConfig['credentials'] =
    draft.source === 'profile' ? { type: 'profile', profile: draft.profile.trim() } : { type: draft.source };
  return {
    id: draft.id,
    label: draft.label.trim(),
    kind: draft.kind,
    region: draft.kind === 'custom' ? draft.region.trim() : MTURK_REGION,
    credentials,
    ...(draft.kind === 'custom' ? { endpoint: draft.endpoint.trim() } : {}),
    // An unparseable number is sent as-is (NaN) so the main process names the field in its error.
    ...(draft.requestsPerSecond.trim() ? { requestsPerSecond: Number(draft.requestsPerSecond) } : {}),
  };
}

/** Keys to send with the save, only when the user typed both (editing can keep the stored ones). */
export function keysFrom(draft: ConnectionDraft): { accessKeyId: string; secretAccessKey: string } | undefined {
  if (draft.source !== 'stored' || !draft.accessKeyId.trim() || !draft.secretAccessKey.trim()) return undefined;
  return { accessKeyId: draft.accessKeyId.trim(), secretAccessKey: draft.secretAccessKey.trim() };
}

export function describeSource(config: ConnectionConfig, hasStoredKeys: boolean): string {
  const creds = config.credentials;
  switch (creds.type) {
    case 'local':
      return 'Built-in keys';
    case 'profile':
      return `AWS profile “${creds.profile}”`;
    case 'env':
      return 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY';
    case 'stored':
      return hasStoredKeys ? 'Keys in the OS keychain' : 'Keys not entered yet';
  }
}

export type DraftField = 'label' | 'endpoint' | 'region' | 'requestsPerSecond' | 'profile' | 'keys';
export type DraftProblems = Partial<Record<DraftField, string>>;

/** The pace limits the main process accepts (requests per second). */
export const RATE_MIN = 0.2;
export const RATE_MAX = 1000;

/**
 * What is wrong with the draft, field by field, in words that say what to enter. Checked as the user
 * types, so nothing the main process would refuse is ever sent.
 */
export function draftProblems(draft: ConnectionDraft, isNew: boolean): DraftProblems {
  const problems: DraftProblems = {};
  if (!draft.label.trim()) problems.label = 'Enter a name for this connection, e.g. “Lab sandbox”.';
  if (draft.kind === 'custom') {
    const endpoint = draft.endpoint.trim();
    if (!endpoint) problems.endpoint = 'Enter the address of the MTurk-compatible server, e.g. http://127.0.0.1:9440.';
    else if (!/^https?:\/\/[^\s/]+/.test(endpoint)) problems.endpoint = 'Enter an address that starts with http:// or https://, e.g. http://127.0.0.1:9440.';
    if (!draft.region.trim()) problems.region = 'Enter the AWS region to sign requests for, e.g. us-east-1.';
  }
  const rate = draft.requestsPerSecond.trim();
  if (rate) {
    const value = Number(rate);
    if (!/^\d*\.?\d+$/.test(rate) || !Number.isFinite(value)) {
      problems.requestsPerSecond = `Enter a number of requests per second, like 2 or 0.5 — or leave it empty for the safe default.`;
    } else if (value < RATE_MIN || value > RATE_MAX) {
      problems.requestsPerSecond = `Enter a number from ${RATE_MIN} to ${RATE_MAX} (about 2 is safe for AWS), or leave it empty.`;
    }
  }
  if (draft.source === 'profile' && !draft.profile.trim()) problems.profile = 'Enter the name of an AWS profile, e.g. default.';
  if (draft.source === 'stored') {
    const id = draft.accessKeyId.trim();
    const secret = draft.secretAccessKey.trim();
    if (id && !secret) problems.keys = 'Enter the secret access key that goes with this access key id.';
    else if (!id && secret) problems.keys = 'Enter the access key id that goes with this secret access key.';
    else if (!id && !secret && isNew) problems.keys = 'Enter the access key id and secret access key to store.';
  }
  return problems;
}

/** The form field a main-process error names ("config.requestsPerSecond" → requestsPerSecond), if any. */
export function fieldOfError(field: string | undefined): DraftField | null {
  if (!field) return null;
  const parts = field.split('.');
  if (parts.includes('accessKeyId') || parts.includes('secretAccessKey')) return 'keys';
  const known: DraftField[] = ['label', 'endpoint', 'region', 'requestsPerSecond', 'profile'];
  return known.find((name) => parts.includes(name)) ?? null;
}
