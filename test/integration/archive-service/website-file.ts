import { FIXED_COLUMNS } from '../../../electron/archive/batch-results-rows';
import { stringifyCsv } from '../../../shared/domain/csv';

export const HEADER = [...FIXED_COLUMNS, 'Input.tweet', 'Answer.sentiment', 'Approve', 'Reject'];

export const assignmentIdOf = (n: number): string => `3ARCHIVESVCASSIGNMENT0000000${n}`;

/** One row as the Requester website writes it; `over` replaces cells by column name. Rows 0–1 share a HIT. */
export function websiteRow(n: number, over: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    HITId: `3ARCHIVESVCHIT0000000000000${n < 2 ? 'A' : 'B'}`, HITTypeId: '3ARCHIVESVCTYPE000000000000001',
    Title: 'Label the sentiment of a tweet', Description: 'Pick positive or negative.', Keywords: 'sentiment',
    Reward: '$0.40', CreationTime: 'Mon Nov 02 09:15:00 PST 2026', MaxAssignments: '2', RequesterAnnotation: 'BatchId:77;',
    AssignmentDurationInSeconds: '3600', AutoApprovalDelayInSeconds: '259200', Expiration: 'Mon Nov 09 09:15:00 PST 2026',
    NumberOfSimilarHITs: '', LifetimeInSeconds: '', AssignmentId: assignmentIdOf(n), WorkerId: `A3ARCHIVEWORKER${n}`,
    AssignmentStatus: n === 2 ? 'Approved' : 'Submitted', AcceptTime: 'Tue Nov 03 10:00:00 PST 2026',
    SubmitTime: 'Tue Nov 03 10:01:30 PST 2026', AutoApprovalTime: 'Fri Nov 06 10:01:30 PST 2026',
    ApprovalTime: n === 2 ? 'Wed Nov 04 10:00:00 PST 2026' : '', RejectionTime: '', RequesterFeedback: '',
    WorkTimeInSeconds: '90', LifetimeApprovalRate: '100% (3/3)', Last30DaysApprovalRate: '100% (3/3)', Last7DaysApprovalRate: '0% (0/0)',
    'Input.tweet': `"Quoted", with a comma\nand a second line ${n}`, 'Answer.sentiment': n % 2 === 0 ? 'positive' : 'negative',
    Approve: '', Reject: '',
  };
  return HEADER.map((column) => over[column] ?? base[column]!);
}

export const websiteFile = (rows: string[][]): string => stringifyCsv([HEADER, ...rows], { quote: 'all' });

/** A file as the renderer sends it: its bytes, base64-encoded. */
export const upload = (content: string | Uint8Array): string => Buffer.from(content).toString('base64');
