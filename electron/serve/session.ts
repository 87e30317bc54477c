import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * How a browser becomes "this Turkbench's window" in browser mode. The server prints a clean URL and
 * a one-time code; the page asks for the code, which travels only in a POST body (never in a URL, so
 * never in the browser's history), and is exchanged once for an HttpOnly, SameSite=Strict session
 * cookie. A second use of the code is refused: whoever has it after that cannot get in.
 */
export const SESSION_COOKIE = 'turkbench_session';

/** No 0/O/1/I/L: the code may be read off a terminal and typed. 25 characters ≈ 124 bits. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_GROUPS = 5;
const CODE_GROUP_LENGTH = 5;

export function newSignInCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < CODE_GROUPS; g++) {
    let group = '';
    for (let i = 0; i < CODE_GROUP_LENGTH; i++) group += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** What a person may paste: any case, with or without dashes and spaces. */
export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type Redemption = { readonly ok: true; readonly sessionId: string } | { readonly ok: false; readonly reason: 'used' | 'wrong' };

export interface SessionKeeper {
  /** The code to print; valid until first used. */
  readonly code: string;
  redeem(typed: string): Redemption;
  /** Whether a Cookie header carries a session this server issued. */
  hasSession(cookieHeader: string | undefined): boolean;
}

export function cookieValue(cookieHeader: string | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function createSessionKeeper(code: string = newSignInCode()): SessionKeeper {
  const expected = normalizeCode(code);
  const sessions = new Set<string>();
  let used = false;
  return {
    code,
    redeem(typed) {
      if (!sameSecret(normalizeCode(typed), expected)) return { ok: false, reason: 'wrong' };
      if (used) return { ok: false, reason: 'used' };
      used = true;
      const sessionId = randomBytes(32).toString('base64url');
      sessions.add(sessionId);
      return { ok: true, sessionId };
    },
    hasSession(cookieHeader) {
      const given = cookieValue(cookieHeader, SESSION_COOKIE);
      return given !== null && [...sessions].some((id) => sameSecret(given, id));
    },
  };
}

export function sessionCookieHeader(sessionId: string): string {
  // No Expires: the cookie lives as long as the browser session, and the server forgets it on restart anyway.
  return `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Strict`;
}
