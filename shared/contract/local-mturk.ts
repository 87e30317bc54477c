import { z } from 'zod';
import { method } from './define';

/** A simulated crowd working in the built-in Local MTurk while Turkbench runs. */
export interface LocalCrowd {
  readonly workers: number;
  /** Virtual time per real time (1: real-time pace). */
  readonly speed: number;
}

/** How to reach the built-in Local MTurk from boto3, the AWS CLI or a script. The secret is not part of it. */
export interface LocalMTurkAccess {
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly accessKeyId: string;
  /** Where its state (HITs, workers, keys, the recorded port) lives. */
  readonly folder: string;
  /** The simulated crowd working in it, or null. */
  readonly crowd: LocalCrowd | null;
}

export interface DemoBatchSummary {
  readonly title: string;
  readonly hits: number;
}

export interface DemoFillResult {
  /** The demo was there already: nothing was added. */
  readonly alreadyThere: boolean;
  readonly hits: number;
  readonly batches: readonly DemoBatchSummary[];
  readonly qualificationTypes: number;
  readonly workers: number;
  readonly submitted: number;
  readonly approved: number;
  readonly rejected: number;
  /** The sync that brings it into the archive, when one was started. */
  readonly syncJobId: string | null;
  /** The demo's crowd, which keeps working after the first wave. */
  readonly crowd: LocalCrowd | null;
}

const none = z.object({}).strict().optional();

export const localMTurkMethods = {
  'localMTurk.access': method<LocalMTurkAccess>()(none, 'Endpoint, region and access key id of the built-in Local MTurk (starts it if needed).'),
  'localMTurk.revealSecret': method<{ readonly secretAccessKey: string }>()(
    none,
    'The secret access key of the built-in Local MTurk, for the user who pressed "show" (a local test key).',
  ),
  'localMTurk.fillDemo': method<DemoFillResult>()(
    z.object({ connectionId: z.string().trim().min(1).max(200) }).strict(),
    'Fill the built-in Local MTurk with the demo requester account and sync it; refused for any other connection.',
  ),
  'localMTurk.setCrowd': method<LocalMTurkAccess>()(
    z.object({ running: z.boolean() }).strict(),
    "Start or stop the demo's simulated crowd in the built-in Local MTurk (kept across starts).",
  ),
} as const;
