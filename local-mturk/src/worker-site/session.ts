/**
 * Worker sign-in: a random session token in an HttpOnly, SameSite=Strict cookie scoped to /worker. No passwords —
 * anyone at this machine may act as any local worker; the cookie only keeps one browser tab's choice. Sessions live
 * in memory and end with the server.
 */
import { randomBytes } from 'node:crypto';

const COOKIE = 'lmturk_worker';

export class WorkerSessions {
  private readonly byToken = new Map<string, string>();

  /** Signs the worker in; returns the Set-Cookie header value. */
  signIn(workerId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.byToken.set(token, workerId);
    return `${COOKIE}=${token}; Path=/worker; HttpOnly; SameSite=Strict`;
  }

  /** The worker of the request's session cookie, if any. */
  workerOf(cookieHeader: string | undefined): string | undefined {
    const token = tokenOf(cookieHeader);
    return token === undefined ? undefined : this.byToken.get(token);
  }

  /** Ends the session; returns the Set-Cookie header value that clears the cookie. */
  signOut(cookieHeader: string | undefined): string {
    const token = tokenOf(cookieHeader);
    if (token !== undefined) this.byToken.delete(token);
    return `${COOKIE}=; Path=/worker; HttpOnly; SameSite=Strict; Max-Age=0`;
  }
}

function tokenOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}
