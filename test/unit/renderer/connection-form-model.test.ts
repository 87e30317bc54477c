import { describe, expect, it } from 'vitest';
import { connectionConfigSchema } from '../../../shared/domain/connections';
import { configFrom, draftFrom, keysFrom, newDraft, withKind } from '../../../renderer/src/features/settings/connection-form-model';

describe('connection form model', () => {
  it('renames an untouched default name when the kind changes, so production is never called "Sandbox"', () => {
    const draft = withKind(newDraft('sandbox'), 'production');
    expect(draft.label).toBe('MTurk Production');
    expect(withKind({ ...newDraft('sandbox'), label: 'My lab' }, 'production').label).toBe('My lab');
  });

  it('produces configs the main process accepts, with endpoints only for custom', () => {
    const sandbox = configFrom({ ...newDraft('sandbox'), endpoint: 'http://ignored' });
    expect(connectionConfigSchema.safeParse(sandbox).success).toBe(true);
    expect(sandbox).not.toHaveProperty('endpoint');
    const custom = configFrom({ ...newDraft('custom'), endpoint: ' http://127.0.0.1:9440 ', source: 'env' });
    expect(custom).toMatchObject({ kind: 'custom', endpoint: 'http://127.0.0.1:9440', credentials: { type: 'env' } });
    expect(connectionConfigSchema.safeParse(custom).success).toBe(true);
  });

  it('round-trips a saved connection through the form', () => {
    const config = configFrom({ ...newDraft('production'), source: 'profile', profile: 'lab' });
    expect(configFrom(draftFrom(config))).toEqual(config);
  });

  it('sends keys only when both were typed for stored credentials', () => {
    const draft = { ...newDraft('sandbox'), source: 'stored' as const, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: '' };
    expect(keysFrom(draft)).toBeUndefined();
    expect(keysFrom({ ...draft, secretAccessKey: ' s3cret-value-here ' })).toEqual({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's3cret-value-here' });
    expect(keysFrom({ ...draft, source: 'env', secretAccessKey: 'x' })).toBeUndefined();
  });
});
