/**
 * MTurk's system qualification types. Only Masters differs between production and sandbox. The four
 * legacy "Percent…" types are still accepted (many clients send them); their values are derived from the worker's
 * approval rate (see requirements.ts). System types are not requestable and belong to no requester.
 */
import type { MTurkEnvironment } from '../ops/types';

export const SYSTEM_QUALIFICATION_IDS = {
  production: {
    Masters: '2F1QJWKUDD8XADTFD2Q0G6UTO95ALH',
    NumberHITsApproved: '00000000000000000040',
    Locale: '00000000000000000071',
    Adult: '00000000000000000060',
    PercentAssignmentsApproved: '000000000000000000L0',
    PercentAssignmentsSubmitted: '00000000000000000000',
    PercentAssignmentsAbandoned: '00000000000000000070',
    PercentAssignmentsReturned: '000000000000000000E0',
    PercentAssignmentsRejected: '000000000000000000S0',
  },
  sandbox: {
    Masters: '2ARFPLSP75KLA8M8DH1HTEQVJT3SY6',
    NumberHITsApproved: '00000000000000000040',
    Locale: '00000000000000000071',
    Adult: '00000000000000000060',
    PercentAssignmentsApproved: '000000000000000000L0',
    PercentAssignmentsSubmitted: '00000000000000000000',
    PercentAssignmentsAbandoned: '00000000000000000070',
    PercentAssignmentsReturned: '000000000000000000E0',
    PercentAssignmentsRejected: '000000000000000000S0',
  },
} as const satisfies Record<MTurkEnvironment, Record<string, string>>;

export type SystemQualificationName = keyof (typeof SYSTEM_QUALIFICATION_IDS)['production'];

const DESCRIPTIONS: Record<SystemQualificationName, { name: string; description: string }> = {
  Masters: { name: 'Masters', description: 'Workers who have demonstrated excellence across a wide range of HITs.' },
  NumberHITsApproved: {
    name: 'Worker_NumberHITsApproved',
    description: 'The total number of HITs submitted by a Worker that have been approved.',
  },
  Locale: { name: 'Worker_Locale', description: 'The location of the Worker, as specified in the Worker mailing address.' },
  Adult: { name: 'Worker_Adult', description: 'The Worker has agreed to work on HITs that may contain adult content.' },
  PercentAssignmentsApproved: {
    name: 'Worker_PercentAssignmentsApproved',
    description: 'The percentage of assignments the Worker has submitted that were subsequently approved.',
  },
  PercentAssignmentsSubmitted: {
    name: 'Worker_PercentAssignmentsSubmitted',
    description: 'The percentage of assignments the Worker has accepted that were submitted.',
  },
  PercentAssignmentsAbandoned: {
    name: 'Worker_PercentAssignmentsAbandoned',
    description: 'The percentage of assignments the Worker has accepted that were abandoned.',
  },
  PercentAssignmentsReturned: {
    name: 'Worker_PercentAssignmentsReturned',
    description: 'The percentage of assignments the Worker has accepted that were returned.',
  },
  PercentAssignmentsRejected: {
    name: 'Worker_PercentAssignmentsRejected',
    description: 'The percentage of assignments the Worker has submitted that were subsequently rejected.',
  },
};

export interface SystemQualificationType {
  readonly key: SystemQualificationName;
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

export function systemQualificationTypes(env: MTurkEnvironment): SystemQualificationType[] {
  const ids = SYSTEM_QUALIFICATION_IDS[env];
  return (Object.keys(ids) as SystemQualificationName[]).map((key) => ({ key, id: ids[key], ...DESCRIPTIONS[key] }));
}

export function systemQualificationType(env: MTurkEnvironment, id: string): SystemQualificationType | undefined {
  return systemQualificationTypes(env).find((type) => type.id === id);
}
