/**
 * Secrets must never reach a log file or console. AWS access key ids have a fixed shape; secret keys
 * are 40 characters of base64 alphabet; both are also recognisable by the names they travel under.
 */
const ACCESS_KEY_ID = /\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/g;
const NAMED_SECRET =
  /((?:aws_?)?secret_?access_?key|secretAccessKey|aws_session_token|sessionToken|x-amz-security-token)(["']?\s*[:=]\s*["']?)([^\s"',;}]+)/gi;
const SIGNATURE = /(Signature=)[0-9a-f]{16,}/gi;
/** SigV4 `Credential=<key id>/<date>/<region>/…`: the key id may not have the standard length (custom endpoints). */
const CREDENTIAL = /(Credential=)[^/\s,"']+/gi;
/** Everything after the scheme of an echoed Authorization header (an endpoint that echoes request headers). */
const AUTHORIZATION_HEADER = /(authorization["']?\s*[:=]\s*["']?(?:AWS4-HMAC-SHA256|AWS|Basic|Bearer|Digest)\b)[^"'\r\n}]*/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;
const TOKEN_QUERY = /([?&]token=)[A-Za-z0-9._~-]{8,}/g;
/** A bare 40-char base64 run that is not part of a longer token looks like a secret key. */
const BARE_SECRET = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

export const REDACTED = '[REDACTED]';

export function redact(text: string): string {
  return text
    .replace(NAMED_SECRET, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(AUTHORIZATION_HEADER, `$1 ${REDACTED}`)
    .replace(SIGNATURE, `$1${REDACTED}`)
    .replace(CREDENTIAL, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(TOKEN_QUERY, `$1${REDACTED}`)
    .replace(ACCESS_KEY_ID, (m) => `${m.slice(0, 4)}…${REDACTED}`)
    .replace(BARE_SECRET, REDACTED);
}
