import { describe, expect, it } from 'vitest';
import {
  PRODUCTION_ENDPOINT,
  SANDBOX_ENDPOINT,
  connectionConfigSchema,
  endpointFor,
  isProduction,
} from '../../../shared/domain/connections';

describe('connectionConfigSchema', () => {
  it('defaults the region to us-east-1 and accepts each credential source', () => {
    for (const credentials of [{ type: 'profile', profile: 'lab' }, { type: 'env' }, { type: 'stored' }] as const) {
      const parsed = connectionConfigSchema.parse({ id: 'p', label: 'Prod', kind: 'production', credentials });
      expect(parsed.region).toBe('us-east-1');
      expect(parsed.credentials).toEqual(credentials);
    }
  });

  it('requires an endpoint for custom connections and keeps local keys local', () => {
    const custom = connectionConfigSchema.safeParse({ id: 'c', label: 'C', kind: 'custom', credentials: { type: 'env' } });
    expect(custom.success).toBe(false);
    expect(custom.error?.issues[0]?.path).toEqual(['endpoint']);
    const misuse = connectionConfigSchema.safeParse({ id: 's', label: 'S', kind: 'sandbox', credentials: { type: 'local' } });
    expect(misuse.success).toBe(false);
    const badUrl = connectionConfigSchema.safeParse({
      id: 'c', label: 'C', kind: 'custom', endpoint: 'localhost:9000', credentials: { type: 'env' },
    });
    expect(badUrl.success).toBe(false);
  });

  it('has no place for secret keys in stored credentials', () => {
    const parsed = connectionConfigSchema.parse({
      id: 's', label: 'S', kind: 'sandbox',
      credentials: { type: 'stored', accessKeyId: 'AKIA', secretAccessKey: 'leak' },
    });
    expect(parsed.credentials).toEqual({ type: 'stored' });
  });
});

describe('endpointFor and isProduction', () => {
  it('maps kinds to the well-known endpoints', () => {
    expect(endpointFor({ kind: 'production' })).toBe(PRODUCTION_ENDPOINT);
    expect(endpointFor({ kind: 'sandbox', endpoint: 'http://ignored' })).toBe(SANDBOX_ENDPOINT);
    expect(endpointFor({ kind: 'custom', endpoint: 'http://127.0.0.1:9000' })).toBe('http://127.0.0.1:9000');
    expect(endpointFor({ kind: 'local' })).toBeNull();
    expect(isProduction({ kind: 'production' })).toBe(true);
    expect(isProduction({ kind: 'sandbox' })).toBe(false);
  });
});

describe('connection form validation', () => {
  const base = { id: 'c', label: 'Lab', kind: 'custom', endpoint: 'http://127.0.0.1:9440', credentials: { type: 'env' } } as const;
  const firstIssue = (patch: Record<string, unknown>) => {
    const result = connectionConfigSchema.safeParse({ ...base, ...patch });
    return result.success ? null : { path: result.error.issues[0]?.path.join('.'), message: result.error.issues[0]?.message };
  };

  it('limits the label to 80 characters, in words for the form', () => {
    expect(firstIssue({ label: 'x'.repeat(80) })).toBeNull();
    expect(firstIssue({ label: 'x'.repeat(5 * 1024 * 1024) })).toEqual({ path: 'label', message: 'Label: use at most 80 characters' });
    expect(firstIssue({ label: '   ' })).toEqual({ path: 'label', message: 'Label: enter a name for this connection' });
  });

  it('accepts any well-formed region for a custom endpoint, only us-east-1 for MTurk itself', () => {
    for (const region of ['us-east-1', 'eu-central-1', 'us-gov-west-1', 'ap-southeast-2']) expect(firstIssue({ region })).toBeNull();
    for (const region of ['mars', 'US-EAST-1', 'us-east-1; drop', 'us_east_1', '']) {
      expect(firstIssue({ region })).toEqual({ path: 'region', message: 'Region: use an AWS region name such as us-east-1' });
    }
    expect(firstIssue({ kind: 'sandbox', endpoint: undefined, region: 'eu-west-1' })).toEqual({ path: 'region', message: 'Region: MTurk only exists in us-east-1' });
  });

  it('refuses endpoints with user:pass@, a query or a fragment, and non-http schemes', () => {
    expect(firstIssue({ endpoint: 'https://mturk.example.com/base/' })).toBeNull();
    expect(firstIssue({ endpoint: 'http://user:pass@127.0.0.1:9440' })).toMatchObject({ path: 'endpoint', message: expect.stringMatching(/^Endpoint: remove the user name and password/) });
    expect(firstIssue({ endpoint: 'http://127.0.0.1:9440/?x=1' })).toMatchObject({ path: 'endpoint', message: expect.stringMatching(/^Endpoint: remove the \?query/) });
    expect(firstIssue({ endpoint: 'http://127.0.0.1:9440/#top' })).toMatchObject({ path: 'endpoint', message: expect.stringMatching(/^Endpoint: remove the \?query/) });
    expect(firstIssue({ endpoint: 'ftp://127.0.0.1' })).toEqual({ path: 'endpoint', message: 'Endpoint: use an http:// or https:// URL' });
    expect(firstIssue({ endpoint: 'localhost:9000' })).toMatchObject({ path: 'endpoint' });
  });
});
