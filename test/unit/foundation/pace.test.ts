import { describe, expect, it } from 'vitest';
import { paceFor } from '../../../electron/services/connections/gateway-pool';
import type { ConnectionConfig } from '../../../shared/domain/connections';
import { connectionConfigSchema } from '../../../shared/domain/connections';

const base: ConnectionConfig = { id: 'x', label: 'X', kind: 'sandbox', region: 'us-east-1', credentials: { type: 'env' } };

describe('connection pace', () => {
  it('is AWS-safe by default for every AWS and custom connection', () => {
    expect(paceFor(base)).toMatchObject({ ratePerSecond: 2, burst: 1, concurrency: 2 });
    expect(paceFor({ ...base, kind: 'custom', endpoint: 'http://127.0.0.1:1' })).toMatchObject({ ratePerSecond: 2 });
    expect(paceFor({ ...base, kind: 'local', credentials: { type: 'local' } }).ratePerSecond).toBeGreaterThan(100);
  });

  it('follows a configured rate with enough calls in flight to keep it', () => {
    expect(paceFor({ ...base, requestsPerSecond: 100 })).toMatchObject({ ratePerSecond: 100, concurrency: 20 });
    expect(paceFor({ ...base, requestsPerSecond: 0.5 })).toMatchObject({ ratePerSecond: 0.5, burst: 1, concurrency: 2 });
  });

  it('rejects a rate outside 0.2–1000 per second', () => {
    expect(connectionConfigSchema.safeParse({ ...base, requestsPerSecond: 0 }).success).toBe(false);
    expect(connectionConfigSchema.safeParse({ ...base, requestsPerSecond: 5000 }).success).toBe(false);
    expect(connectionConfigSchema.safeParse({ ...base, requestsPerSecond: Number.NaN }).success).toBe(false);
  });
});
