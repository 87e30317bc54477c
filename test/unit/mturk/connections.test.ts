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
