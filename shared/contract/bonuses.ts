/**
 * Bonus ledgers: check a ledger file (every row named with its problem, totals with MTurk's fee, the balance after),
 * send it exactly once as a journaled job, follow each row's state, and reconcile it against MTurk's own payments.
 */
import { z } from 'zod';
import type { JobProgress } from './jobs';
import { method } from './define';

export type LedgerRowState = 'unsent' | 'paid' | 'failed' | 'already-paid';

export interface StoredLedger {
  readonly id: string;
  readonly connectionId: number;
  readonly configId: string;
  readonly name: string;
  readonly fileName: string;
  readonly contentSha256: string;
  /** The latest job paying this ledger. */
  readonly sendJobId: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface LedgerRow {
  /** The data row of the file, from 1 (the header is row 0). */
  readonly rowNumber: number;
  readonly workerId: string;
  readonly assignmentId: string;
  readonly amountCents: number;
  readonly reason: string;
  readonly state: LedgerRowState;
  /** MTurk's refusal, or for an already-paid row where the earlier payment is. */
  readonly error: string | null;
  readonly paidAt: number | null;
}

export type LedgerField = 'file' | 'encoding' | 'columns' | 'WorkerId' | 'AssignmentId' | 'Amount' | 'Reason';

/** One problem of a ledger file, named by row (null: the whole file), field and value. */
export interface LedgerFinding {
  readonly row: number | null;
  readonly field: LedgerField;
  readonly value: string | null;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface CheckedRow {
  readonly rowNumber: number;
  readonly workerId: string;
  readonly assignmentId: string;
  /** Null when the amount cannot be read. */
  readonly amountCents: number | null;
  /** The Amount cell as written (trimmed), so an unreadable amount can be shown and fixed. */
  readonly amountText: string;
  readonly reason: string;
  /** `ready`: will be sent; `already-paid`: MTurk already paid exactly this, so it is skipped; `error`: see findings. */
  readonly state: 'ready' | 'already-paid' | 'error';
  /** Where the earlier payment of an already-paid row is. */
  readonly alreadyPaid: string | null;
}

export interface MoneyTotal {
  readonly bonusCents: number;
  readonly feeCents: number;
  readonly totalCents: number;
}

export interface WorkerTotal extends MoneyTotal {
  readonly workerId: string;
  readonly payments: number;
}

/** What `bonus check` and the dry run show; nothing has been sent. */
export interface LedgerCheck {
  readonly fileName: string;
  readonly encoding: string | null;
  readonly rows: readonly CheckedRow[];
  readonly findings: readonly LedgerFinding[];
  readonly errors: number;
  readonly ready: number;
  readonly alreadyPaid: number;
  /** Of the ready rows, with MTurk's 20 % fee (at least $0.01 per bonus). */
  readonly totals: MoneyTotal;
  readonly perWorker: readonly WorkerTotal[];
  readonly capCents: number;
  readonly connection: { readonly id: string; readonly label: string; readonly production: boolean };
  /** Null when MTurk could not be asked (offline). */
  readonly balance: { readonly availableCents: number; readonly afterCents: number } | null;
  /** Whether earlier payments were also looked up on MTurk (ListBonusPayments), not only in the archive. */
  readonly checkedOnMTurk: boolean;
  /** On Production, the connection's name to type. */
  readonly typeToConfirm: string | null;
  /** The ledger this same file became when it was sent before: sending again resumes it and pays nothing twice. */
  readonly existingLedger: { readonly id: string; readonly name: string } | null;
}

export interface LedgerSent {
  readonly ledgerId: string;
  /** Null when every row was already paid: nothing to send. */
  readonly job: JobProgress | null;
  readonly resumed: boolean;
}

export interface LedgerStatus {
  readonly ledger: StoredLedger;
  readonly rows: readonly LedgerRow[];
  readonly counts: Readonly<Record<LedgerRowState, number>>;
  readonly paidCents: number;
  /** Rows sent whose answer was lost and MTurk has not been asked yet: neither paid nor failed until reconciled. */
  readonly unsettled: number;
  readonly job: JobProgress | null;
}

export type ReconciledVerdict = 'paid' | 'paid-twice' | 'failed' | 'missing' | 'already-paid';

export interface ReconciledRow {
  readonly ledgerId: string;
  readonly rowNumber: number;
  readonly workerId: string;
  readonly assignmentId: string;
  readonly amountCents: number;
  readonly verdict: ReconciledVerdict;
  readonly message: string | null;
}

export interface UnexplainedPayment {
  readonly workerId: string;
  readonly assignmentId: string;
  readonly amountCents: number;
  readonly reason: string;
  readonly grantTime: number;
}

export interface LedgerReconciliation {
  readonly ledgerIds: readonly string[];
  readonly rows: readonly ReconciledRow[];
  readonly counts: Readonly<Record<ReconciledVerdict, number>>;
  /** Payments MTurk shows on the ledgers' assignments that no ledger row explains. */
  readonly unexplained: readonly UnexplainedPayment[];
}

/** The default per-payment cap: a bigger amount is a typo until the requester raises the cap. */
export const DEFAULT_BONUS_CAP_CENTS = 2_000;

export const MAX_LEDGER_BYTES = 8 * 1024 * 1024;
const MAX_LEDGER_BASE64 = Math.ceil(MAX_LEDGER_BYTES / 3) * 4;
const ledgerId = z.string().trim().regex(/^l[0-9a-f]{12}$/, 'a ledger id is "l" and 12 hexadecimal digits');

export const ledgerFileInput = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    base64: z
      .string()
      .max(MAX_LEDGER_BASE64, `The file is larger than ${MAX_LEDGER_BYTES / 1024 / 1024} MB; split it into several ledgers.`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content must be base64-encoded bytes.'),
    capCents: z.number().int().min(1, 'the cap is at least $0.01').max(100_000, 'the cap is at most $1,000.00').optional(),
    allowRejected: z.boolean().optional(),
  })
  .strict();

export const ledgerSendInput = ledgerFileInput
  .extend({ name: z.string().trim().min(1).max(120, 'at most 120 characters').optional(), typedConnectionName: z.string().max(200).optional() })
  .strict();

/** A ledger's rows given as data (an imported file fixed in the Bonuses area), numbered as in the file they came from. */
export const ledgerRowsInput = z
  .object({
    name: z.string().trim().min(1).max(120, 'at most 120 characters'),
    rows: z
      .array(
        z
          .object({
            rowNumber: z.number().int().min(1),
            WorkerId: z.string().max(200),
            AssignmentId: z.string().max(200),
            Amount: z.string().max(100),
            Reason: z.string().max(4096),
          })
          .strict(),
      )
      .min(1, 'a ledger has at least one row')
      .max(100_000, 'at most 100,000 rows; split it into several ledgers')
      .refine((rows) => rows.every((row, i) => i === 0 || row.rowNumber > rows[i - 1]!.rowNumber), 'row numbers must be unique and in order'),
    capCents: ledgerFileInput.shape.capCents,
    allowRejected: z.boolean().optional(),
  })
  .strict();

export const ledgerRowsSendInput = ledgerRowsInput.extend({ typedConnectionName: z.string().max(200).optional() }).strict();

export const bonusMethods = {
  'bonuses.check': method<LedgerCheck>()(ledgerFileInput, 'Validates a bonus ledger file and shows the dry run (totals with fees, balance after); sends nothing.'),
  'bonuses.send': method<LedgerSent>()(ledgerSendInput, 'Sends a valid ledger as a journaled job, each row exactly once (Production needs the typed connection name).'),
  'bonuses.checkRows': method<LedgerCheck>()(ledgerRowsInput, 'Validates ledger rows given as data (a file fixed row by row) and shows the dry run; sends nothing.'),
  'bonuses.sendRows': method<LedgerSent>()(ledgerRowsSendInput, 'Sends valid ledger rows given as data, each exactly once; the same rows sent again pay nothing new.'),
  'bonuses.ledgers': method<readonly StoredLedger[]>()(z.object({}).strict().optional(), "The active connection's bonus ledgers."),
  'bonuses.status': method<LedgerStatus>()(z.object({ ledgerId }).strict(), 'Each row of a ledger: paid, failed (with MTurk\'s message), unsent or already paid.'),
  'bonuses.reconcile': method<LedgerReconciliation>()(
    z.object({ ledgerId: ledgerId.optional() }).strict().optional(),
    "Compares a ledger (or every ledger) with MTurk's ListBonusPayments: paid, failed, missing, and payments no ledger explains.",
  ),
} as const;
