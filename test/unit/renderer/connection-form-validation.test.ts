import { describe, expect, it } from 'vitest';
import { draftProblems, fieldOfError, newDraft } from '../../../renderer/src/features/settings/connection-form-model';
import { confirmationMatches, removalCheck } from '../../../renderer/src/features/settings/remove-connection';

describe('connection form validation', () => {
  it('accepts a new connection as first filled in', () => {
    expect(draftProblems(newDraft('sandbox'), true)).toEqual({});
  });

  it('says in plain words what to enter for a pace that is not a number, instead of sending null', () => {
    const problems = draftProblems({ ...newDraft('sandbox'), requestsPerSecond: 'fast' }, true);
    expect(problems.requestsPerSecond).toBe('Enter a number of requests per second, like 2 or 0.5 — or leave it empty for the safe default.');
    expect(draftProblems({ ...newDraft('sandbox'), requestsPerSecond: '5000' }, true).requestsPerSecond).toMatch(/from 0.2 to 1000/);
    expect(draftProblems({ ...newDraft('sandbox'), requestsPerSecond: '2.5' }, true)).toEqual({});
  });

  it('names what a custom endpoint, a profile and stored keys need', () => {
    const custom = draftProblems({ ...newDraft('custom'), endpoint: '127.0.0.1:9440', region: ' ' }, true);
    expect(custom.endpoint).toMatch(/starts with http:\/\/ or https:\/\//);
    expect(custom.region).toMatch(/us-east-1/);
    expect(draftProblems({ ...newDraft('sandbox'), profile: '' }, true).profile).toMatch(/AWS profile/);
    expect(draftProblems({ ...newDraft('sandbox'), label: '  ' }, true).label).toMatch(/Enter a name/);
    const stored = { ...newDraft('sandbox'), source: 'stored' as const };
    expect(draftProblems({ ...stored, accessKeyId: 'AKIA' }, true).keys).toMatch(/secret access key/);
    expect(draftProblems(stored, true).keys).toMatch(/access key id and secret/);
    // Editing may keep the keys already stored.
    expect(draftProblems(stored, false)).toEqual({});
  });

  it('maps a main-process field path onto the form field', () => {
    expect(fieldOfError('config.requestsPerSecond')).toBe('requestsPerSecond');
    expect(fieldOfError('config.credentials.profile')).toBe('profile');
    expect(fieldOfError('secretAccessKey')).toBe('keys');
    expect(fieldOfError('config.id')).toBeNull();
    expect(fieldOfError(undefined)).toBeNull();
  });
});

describe('removing a connection', () => {
  it('is refused for the connection in use, saying to switch first', () => {
    const check = removalCheck({ active: true, production: false, config: { label: 'Lab' } });
    expect(check).toMatchObject({ allowed: false });
    expect(!check.allowed && check.reason).toMatch(/Switch to another connection first/);
  });

  it('needs the name typed for Production only, exactly', () => {
    expect(removalCheck({ active: false, production: true, config: { label: 'Lab production' } })).toEqual({ allowed: true, typeToConfirm: 'Lab production' });
    expect(removalCheck({ active: false, production: false, config: { label: 'Sandbox' } })).toEqual({ allowed: true, typeToConfirm: null });
    expect(confirmationMatches(' Lab production ', 'Lab production')).toBe(true);
    expect(confirmationMatches('lab production', 'Lab production')).toBe(false);
  });
});
