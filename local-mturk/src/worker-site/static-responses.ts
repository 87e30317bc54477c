/** The worker site's static answers: its own files, and the offline crowd-html-elements script. */
import { crowdElementsScript } from '../../../crowd-elements/src/serve';
import { STATIC_FILES } from './assets';
import { javascript, COMMON_HEADERS, STATIC_HEADERS, type SiteResponse } from './responses';

/** If the script cannot be built or found, templates that need it say so instead of failing silently. */
export async function crowdScriptResponse(): Promise<SiteResponse> {
  try {
    return javascript(await crowdElementsScript());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error('Local MTurk: the crowd-html-elements script is unavailable', error);
    return { status: 503, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: `crowd-html-elements is unavailable: ${reason}` };
  }
}

export function staticFileResponse(name: string): SiteResponse {
  const file = STATIC_FILES[name];
  if (!file) return { status: 404, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain' }, body: 'Not found' };
  return { status: 200, headers: { ...STATIC_HEADERS, 'Content-Type': file.type }, body: file.body };
}

/** An assignment's status as a sentence fragment: "Assignment X is …". */
export function describeStatus(status: string): string {
  switch (status) {
    case 'Submitted':
      return 'submitted, pending approval';
    case 'Approved':
      return 'approved';
    case 'Rejected':
      return 'rejected';
    case 'Returned':
      return 'returned';
    case 'Abandoned':
      return 'abandoned (its time ran out)';
    default:
      return status.toLowerCase();
  }
}
