/**
 * Access keys. Without configured keys a server generates one pair; with a data file that pair is stored there,
 * so a restarted server answers to the same keys and the same requester account keeps its HITs.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { readMeta, writeMeta } from './store/open';

export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
}

const STORED_KEY = 'generated_credential';

/** A fresh key pair in AWS's shapes: AKIA + 16 uppercase alphanumerics, a 40-character secret. */
export function generateCredential(): Credential {
  const id = randomBytes(8).toString('hex').toUpperCase();
  return { accessKeyId: `AKIA${id}`, secretAccessKey: randomBytes(30).toString('base64') };
}

export function resolveCredentials(db: Database.Database, configured: readonly Credential[] | undefined): Credential[] {
  if (configured && configured.length > 0) return [...configured];
  const stored = readMeta(db, STORED_KEY);
  if (stored) return [JSON.parse(stored) as Credential];
  const fresh = generateCredential();
  writeMeta(db, STORED_KEY, JSON.stringify(fresh));
  return [fresh];
}
