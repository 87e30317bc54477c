/**
 * Cross-checks the hand-written input model against the service model compiled into @aws-sdk/client-mturk:
 * member names, which members are required, and each member's kind. A drift here means a client could send a member
 * the Local MTurk silently drops, or be refused for omitting one real MTurk does not require.
 */
import * as sdk from '@aws-sdk/client-mturk';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS_GUARDED,
  ASSIGNMENT_STATUS,
  COMPARATORS,
  EVENT_TYPES,
  QUALIFICATION_STATUS,
  QUALIFICATION_TYPE_STATUS,
  REVIEWABLE_HIT_STATUS,
  REVIEW_POLICY_LEVEL,
  type Shape,
  type StructureShape,
} from '../src/model/shapes';
import {
  HIT_LAYOUT_PARAMETER,
  LOCALE,
  NOTIFICATION_SPECIFICATION,
  PARAMETER_MAP_ENTRY,
  POLICY_PARAMETER,
  QUALIFICATION_REQUIREMENT,
  REVIEW_POLICY,
} from '../src/model/structures';
import { OPERATION_NAMES, OPERATION_SHAPES } from '../src/model/validate';

const require = createRequire(import.meta.url);
const sdkSchemas = require('@aws-sdk/client-mturk/dist-cjs/schemas/schemas_0.js') as Record<string, unknown>;

/** The SDK's compact structure schema: [3, namespace, name, traits, memberNames, memberSchemas, requiredCount?]. */
interface SdkStructure {
  names: string[];
  kinds: unknown[];
  required: string[];
}

function sdkStructure(exportName: string): SdkStructure {
  const schema = sdkSchemas[exportName];
  if (!Array.isArray(schema) || schema[0] !== 3) throw new Error(`${exportName} is not a structure schema in the SDK`);
  const names = schema[4] as string[];
  const requiredCount = typeof schema[6] === 'number' ? schema[6] : 0;
  return { names, kinds: schema[5] as unknown[], required: names.slice(0, requiredCount) };
}

/** SDK member codes: 0 string, 1 number, 2 boolean, 4 timestamp, 64 list of strings, 65 list of numbers, fn = nested. */
function kindOf(shape: Shape): string {
  switch (shape.kind) {
    case 'string':
      return '0';
    case 'integer':
    case 'long':
      return '1';
    case 'boolean':
      return '2';
    case 'timestamp':
      return '4';
    case 'list':
      if (shape.member.kind === 'string') return '64';
      if (shape.member.kind === 'integer' || shape.member.kind === 'long') return '65';
      return 'nested';
    case 'structure':
      return 'nested';
  }
}
const sdkKind = (code: unknown): string => (typeof code === 'function' ? 'nested' : String(code));

function expectParity(ours: StructureShape, sdk: SdkStructure): void {
  expect(Object.keys(ours.members).sort()).toEqual([...sdk.names].sort());
  expect([...(ours.required ?? [])].sort()).toEqual([...sdk.required].sort());
  const ourKinds = Object.fromEntries(Object.entries(ours.members).map(([name, shape]) => [name, kindOf(shape)]));
  const theirKinds = Object.fromEntries(sdk.names.map((name, i) => [name, sdkKind(sdk.kinds[i])]));
  expect(ourKinds).toEqual(theirKinds);
}

describe('input model parity with the MTurk 2017-01-17 service model', () => {
  it('covers exactly the SDK operations', () => {
    const sdkOperations = Object.entries(sdkSchemas)
      .filter(([, schema]) => Array.isArray(schema) && schema[0] === 9)
      .map(([name]) => name.replace(/\$$/, ''))
      .sort();
    expect(sdkOperations).toEqual([...OPERATION_NAMES].sort());
  });

  it.each(OPERATION_NAMES.map((name) => [name]))('%s input members, required members and kinds match', (name) => {
    const shape = OPERATION_SHAPES[name];
    if (!shape) throw new Error(`no shape for ${name}`);
    expectParity(shape, sdkStructure(`${name}Request$`));
  });

  it.each([
    ['QualificationRequirement', QUALIFICATION_REQUIREMENT],
    ['Locale', LOCALE],
    ['ReviewPolicy', REVIEW_POLICY],
    ['PolicyParameter', POLICY_PARAMETER],
    ['ParameterMapEntry', PARAMETER_MAP_ENTRY],
    ['NotificationSpecification', NOTIFICATION_SPECIFICATION],
    ['HITLayoutParameter', HIT_LAYOUT_PARAMETER],
  ] as const)('nested structure %s matches', (name, shape) => {
    expectParity(shape, sdkStructure(`${name}$`));
  });
});

describe('enum parity with the SDK', () => {
  const sorted = (values: readonly string[] | undefined): string[] => [...(values ?? [])].sort();
  it.each([
    ['Comparator', COMPARATORS, sdk.Comparator],
    ['HITAccessActions', ACTIONS_GUARDED, sdk.HITAccessActions],
    ['EventType', EVENT_TYPES, sdk.EventType],
    ['AssignmentStatus', ASSIGNMENT_STATUS.enum, sdk.AssignmentStatus],
    ['QualificationStatus', QUALIFICATION_STATUS.enum, sdk.QualificationStatus],
    ['QualificationTypeStatus', QUALIFICATION_TYPE_STATUS.enum, sdk.QualificationTypeStatus],
    ['ReviewableHITStatus', REVIEWABLE_HIT_STATUS.enum, sdk.ReviewableHITStatus],
    ['ReviewPolicyLevel', REVIEW_POLICY_LEVEL.enum, sdk.ReviewPolicyLevel],
    ['NotificationTransport', (NOTIFICATION_SPECIFICATION.members.Transport as { enum?: readonly string[] }).enum, sdk.NotificationTransport],
  ] as const)('%s', (_name, ours, theirs) => {
    expect(sorted(ours)).toEqual(sorted(Object.values(theirs)));
  });
});
