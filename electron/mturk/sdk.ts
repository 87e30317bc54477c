/**
 * The only module that imports `@aws-sdk/client-mturk`. It builds one client per connection
 * and sends the operations the gateway uses, returning plain data (Dates → epoch ms, no
 * `$metadata`) so nothing outside this file ever holds an SDK object.
 */
import {
  AcceptQualificationRequestCommand,
  ApproveAssignmentCommand,
  AssociateQualificationWithWorkerCommand,
  CreateAdditionalAssignmentsForHITCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  CreateQualificationTypeCommand,
  CreateWorkerBlockCommand,
  DeleteHITCommand,
  DeleteQualificationTypeCommand,
  DeleteWorkerBlockCommand,
  DisassociateQualificationFromWorkerCommand,
  GetAccountBalanceCommand,
  GetAssignmentCommand,
  GetHITCommand,
  GetQualificationScoreCommand,
  GetQualificationTypeCommand,
  ListAssignmentsForHITCommand,
  ListBonusPaymentsCommand,
  ListHITsCommand,
  ListQualificationRequestsCommand,
  ListQualificationTypesCommand,
  ListReviewableHITsCommand,
  ListWorkerBlocksCommand,
  ListWorkersWithQualificationTypeCommand,
  MTurkClient,
  NotifyWorkersCommand,
  RejectAssignmentCommand,
  RejectQualificationRequestCommand,
  SendBonusCommand,
  SendTestEventNotificationCommand,
  UpdateExpirationForHITCommand,
  UpdateHITReviewStatusCommand,
  UpdateHITTypeOfHITCommand,
  UpdateNotificationSettingsCommand,
  UpdateQualificationTypeCommand,
  type AcceptQualificationRequestCommandInput,
  type AcceptQualificationRequestCommandOutput,
  type ApproveAssignmentCommandInput,
  type ApproveAssignmentCommandOutput,
  type AssociateQualificationWithWorkerCommandInput,
  type AssociateQualificationWithWorkerCommandOutput,
  type CreateAdditionalAssignmentsForHITCommandInput,
  type CreateAdditionalAssignmentsForHITCommandOutput,
  type CreateHITTypeCommandInput,
  type CreateHITTypeCommandOutput,
  type CreateHITWithHITTypeCommandInput,
  type CreateHITWithHITTypeCommandOutput,
  type CreateQualificationTypeCommandInput,
  type CreateQualificationTypeCommandOutput,
  type CreateWorkerBlockCommandInput,
  type CreateWorkerBlockCommandOutput,
  type DeleteHITCommandInput,
  type DeleteHITCommandOutput,
  type DeleteQualificationTypeCommandInput,
  type DeleteQualificationTypeCommandOutput,
  type DeleteWorkerBlockCommandInput,
  type DeleteWorkerBlockCommandOutput,
  type DisassociateQualificationFromWorkerCommandInput,
  type DisassociateQualificationFromWorkerCommandOutput,
  type GetAccountBalanceCommandInput,
  type GetAccountBalanceCommandOutput,
  type GetAssignmentCommandInput,
  type GetAssignmentCommandOutput,
  type GetHITCommandInput,
  type GetHITCommandOutput,
  type GetQualificationScoreCommandInput,
  type GetQualificationScoreCommandOutput,
  type GetQualificationTypeCommandInput,
  type GetQualificationTypeCommandOutput,
  type ListAssignmentsForHITCommandInput,
  type ListAssignmentsForHITCommandOutput,
  type ListBonusPaymentsCommandInput,
  type ListBonusPaymentsCommandOutput,
  type ListHITsCommandInput,
  type ListHITsCommandOutput,
  type ListQualificationRequestsCommandInput,
  type ListQualificationRequestsCommandOutput,
  type ListQualificationTypesCommandInput,
  type ListQualificationTypesCommandOutput,
  type ListReviewableHITsCommandInput,
  type ListReviewableHITsCommandOutput,
  type ListWorkerBlocksCommandInput,
  type ListWorkerBlocksCommandOutput,
  type ListWorkersWithQualificationTypeCommandInput,
  type ListWorkersWithQualificationTypeCommandOutput,
  type NotifyWorkersCommandInput,
  type NotifyWorkersCommandOutput,
  type RejectAssignmentCommandInput,
  type RejectAssignmentCommandOutput,
  type RejectQualificationRequestCommandInput,
  type RejectQualificationRequestCommandOutput,
  type SendBonusCommandInput,
  type SendBonusCommandOutput,
  type SendTestEventNotificationCommandInput,
  type SendTestEventNotificationCommandOutput,
  type UpdateExpirationForHITCommandInput,
  type UpdateExpirationForHITCommandOutput,
  type UpdateHITReviewStatusCommandInput,
  type UpdateHITReviewStatusCommandOutput,
  type UpdateHITTypeOfHITCommandInput,
  type UpdateHITTypeOfHITCommandOutput,
  type UpdateNotificationSettingsCommandInput,
  type UpdateNotificationSettingsCommandOutput,
  type UpdateQualificationTypeCommandInput,
  type UpdateQualificationTypeCommandOutput,
} from '@aws-sdk/client-mturk';
import type { AwsCredentials } from './credentials';

/** Input and output wire shapes of every operation the gateway uses. */
interface Operations {
  AcceptQualificationRequest: [AcceptQualificationRequestCommandInput, AcceptQualificationRequestCommandOutput];
  ApproveAssignment: [ApproveAssignmentCommandInput, ApproveAssignmentCommandOutput];
  AssociateQualificationWithWorker: [
    AssociateQualificationWithWorkerCommandInput,
    AssociateQualificationWithWorkerCommandOutput,
  ];
  CreateAdditionalAssignmentsForHIT: [
    CreateAdditionalAssignmentsForHITCommandInput,
    CreateAdditionalAssignmentsForHITCommandOutput,
  ];
  CreateHITType: [CreateHITTypeCommandInput, CreateHITTypeCommandOutput];
  CreateHITWithHITType: [CreateHITWithHITTypeCommandInput, CreateHITWithHITTypeCommandOutput];
  CreateQualificationType: [CreateQualificationTypeCommandInput, CreateQualificationTypeCommandOutput];
  CreateWorkerBlock: [CreateWorkerBlockCommandInput, CreateWorkerBlockCommandOutput];
  DeleteHIT: [DeleteHITCommandInput, DeleteHITCommandOutput];
  DeleteQualificationType: [DeleteQualificationTypeCommandInput, DeleteQualificationTypeCommandOutput];
  DeleteWorkerBlock: [DeleteWorkerBlockCommandInput, DeleteWorkerBlockCommandOutput];
  DisassociateQualificationFromWorker: [
    DisassociateQualificationFromWorkerCommandInput,
    DisassociateQualificationFromWorkerCommandOutput,
  ];
  GetAccountBalance: [GetAccountBalanceCommandInput, GetAccountBalanceCommandOutput];
  GetAssignment: [GetAssignmentCommandInput, GetAssignmentCommandOutput];
  GetHIT: [GetHITCommandInput, GetHITCommandOutput];
  GetQualificationScore: [GetQualificationScoreCommandInput, GetQualificationScoreCommandOutput];
  GetQualificationType: [GetQualificationTypeCommandInput, GetQualificationTypeCommandOutput];
  ListAssignmentsForHIT: [ListAssignmentsForHITCommandInput, ListAssignmentsForHITCommandOutput];
  ListBonusPayments: [ListBonusPaymentsCommandInput, ListBonusPaymentsCommandOutput];
  ListHITs: [ListHITsCommandInput, ListHITsCommandOutput];
  ListQualificationRequests: [ListQualificationRequestsCommandInput, ListQualificationRequestsCommandOutput];
  ListQualificationTypes: [ListQualificationTypesCommandInput, ListQualificationTypesCommandOutput];
  ListReviewableHITs: [ListReviewableHITsCommandInput, ListReviewableHITsCommandOutput];
  ListWorkerBlocks: [ListWorkerBlocksCommandInput, ListWorkerBlocksCommandOutput];
  ListWorkersWithQualificationType: [
    ListWorkersWithQualificationTypeCommandInput,
    ListWorkersWithQualificationTypeCommandOutput,
  ];
  NotifyWorkers: [NotifyWorkersCommandInput, NotifyWorkersCommandOutput];
  RejectAssignment: [RejectAssignmentCommandInput, RejectAssignmentCommandOutput];
  RejectQualificationRequest: [RejectQualificationRequestCommandInput, RejectQualificationRequestCommandOutput];
  SendBonus: [SendBonusCommandInput, SendBonusCommandOutput];
  SendTestEventNotification: [SendTestEventNotificationCommandInput, SendTestEventNotificationCommandOutput];
  UpdateExpirationForHIT: [UpdateExpirationForHITCommandInput, UpdateExpirationForHITCommandOutput];
  UpdateHITReviewStatus: [UpdateHITReviewStatusCommandInput, UpdateHITReviewStatusCommandOutput];
  UpdateHITTypeOfHIT: [UpdateHITTypeOfHITCommandInput, UpdateHITTypeOfHITCommandOutput];
  UpdateNotificationSettings: [UpdateNotificationSettingsCommandInput, UpdateNotificationSettingsCommandOutput];
  UpdateQualificationType: [UpdateQualificationTypeCommandInput, UpdateQualificationTypeCommandOutput];
}

type HttpOptions = { abortSignal?: AbortSignal };

// One typed sender per operation: each command class has its own input type, so a table of
// functions (rather than classes) keeps the generic `sendOperation` free of casts.
const SENDERS: {
  readonly [Op in OperationName]: (sdk: MTurkClient, input: OperationInput<Op>, options: HttpOptions) => Promise<Operations[Op][1]>;
} = {
  AcceptQualificationRequest: (sdk, input, options) => sdk.send(new AcceptQualificationRequestCommand(input), options),
  ApproveAssignment: (sdk, input, options) => sdk.send(new ApproveAssignmentCommand(input), options),
  AssociateQualificationWithWorker: (sdk, input, options) => sdk.send(new AssociateQualificationWithWorkerCommand(input), options),
  CreateAdditionalAssignmentsForHIT: (sdk, input, options) => sdk.send(new CreateAdditionalAssignmentsForHITCommand(input), options),
  CreateHITType: (sdk, input, options) => sdk.send(new CreateHITTypeCommand(input), options),
  CreateHITWithHITType: (sdk, input, options) => sdk.send(new CreateHITWithHITTypeCommand(input), options),
  CreateQualificationType: (sdk, input, options) => sdk.send(new CreateQualificationTypeCommand(input), options),
  CreateWorkerBlock: (sdk, input, options) => sdk.send(new CreateWorkerBlockCommand(input), options),
  DeleteHIT: (sdk, input, options) => sdk.send(new DeleteHITCommand(input), options),
  DeleteQualificationType: (sdk, input, options) => sdk.send(new DeleteQualificationTypeCommand(input), options),
  DeleteWorkerBlock: (sdk, input, options) => sdk.send(new DeleteWorkerBlockCommand(input), options),
  DisassociateQualificationFromWorker: (sdk, input, options) => sdk.send(new DisassociateQualificationFromWorkerCommand(input), options),
  GetAccountBalance: (sdk, input, options) => sdk.send(new GetAccountBalanceCommand(input), options),
  GetAssignment: (sdk, input, options) => sdk.send(new GetAssignmentCommand(input), options),
  GetHIT: (sdk, input, options) => sdk.send(new GetHITCommand(input), options),
  GetQualificationScore: (sdk, input, options) => sdk.send(new GetQualificationScoreCommand(input), options),
  GetQualificationType: (sdk, input, options) => sdk.send(new GetQualificationTypeCommand(input), options),
  ListAssignmentsForHIT: (sdk, input, options) => sdk.send(new ListAssignmentsForHITCommand(input), options),
  ListBonusPayments: (sdk, input, options) => sdk.send(new ListBonusPaymentsCommand(input), options),
  ListHITs: (sdk, input, options) => sdk.send(new ListHITsCommand(input), options),
  ListQualificationRequests: (sdk, input, options) => sdk.send(new ListQualificationRequestsCommand(input), options),
  ListQualificationTypes: (sdk, input, options) => sdk.send(new ListQualificationTypesCommand(input), options),
  ListReviewableHITs: (sdk, input, options) => sdk.send(new ListReviewableHITsCommand(input), options),
  ListWorkerBlocks: (sdk, input, options) => sdk.send(new ListWorkerBlocksCommand(input), options),
  ListWorkersWithQualificationType: (sdk, input, options) => sdk.send(new ListWorkersWithQualificationTypeCommand(input), options),
  NotifyWorkers: (sdk, input, options) => sdk.send(new NotifyWorkersCommand(input), options),
  RejectAssignment: (sdk, input, options) => sdk.send(new RejectAssignmentCommand(input), options),
  RejectQualificationRequest: (sdk, input, options) => sdk.send(new RejectQualificationRequestCommand(input), options),
  SendBonus: (sdk, input, options) => sdk.send(new SendBonusCommand(input), options),
  SendTestEventNotification: (sdk, input, options) => sdk.send(new SendTestEventNotificationCommand(input), options),
  UpdateExpirationForHIT: (sdk, input, options) => sdk.send(new UpdateExpirationForHITCommand(input), options),
  UpdateHITReviewStatus: (sdk, input, options) => sdk.send(new UpdateHITReviewStatusCommand(input), options),
  UpdateHITTypeOfHIT: (sdk, input, options) => sdk.send(new UpdateHITTypeOfHITCommand(input), options),
  UpdateNotificationSettings: (sdk, input, options) => sdk.send(new UpdateNotificationSettingsCommand(input), options),
  UpdateQualificationType: (sdk, input, options) => sdk.send(new UpdateQualificationTypeCommand(input), options),
};

export type OperationName = keyof Operations;
export type OperationInput<Op extends OperationName> = Operations[Op][0];
/** What `sendOperation` resolves to: the output members, with timestamps as epoch ms. */
export type OperationOutput<Op extends OperationName> = Plain<Omit<Operations[Op][1], '$metadata'>>;

export type Plain<T> = T extends Date
  ? number
  : T extends readonly (infer Item)[]
    ? Plain<Item>[]
    : T extends object
      ? { [K in keyof T]: Plain<T[K]> }
      : T;

export interface SdkClientOptions {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: AwsCredentials;
  /** Abandon a connection attempt after this long (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** Abandon a whole request/response after this long (default 30 s; ListHITs can be slow). */
  readonly requestTimeoutMs?: number;
}

/** An MTurk client for one connection; opaque outside this module. */
export interface SdkClient {
  readonly endpoint: string;
  /** Closes kept-alive sockets; call when the connection is removed or the app quits. */
  destroy(): void;
}

const clients = new WeakMap<SdkClient, MTurkClient>();

export function createSdkClient(options: SdkClientOptions): SdkClient {
  const sdk = new MTurkClient({
    endpoint: options.endpoint,
    region: options.region,
    credentials: { ...options.credentials },
    // The SDK would otherwise retry each call up to 3 times on its own (and the lockfile's
    // @smithy/core decides the backoff). Our per-connection scheduler owns retries instead, so
    // a throttle slows the whole queue (rate halving) rather than every call retrying blindly
    // in parallel, and non-idempotent writes are never re-sent behind our back.
    maxAttempts: 1,
    retryMode: 'standard',
    // Pinned explicitly so ~/.aws/config settings cannot reroute a connection.
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      throwOnRequestTimeout: true,
    },
  });
  const client: SdkClient = { endpoint: options.endpoint, destroy: () => sdk.destroy() };
  clients.set(client, sdk);
  return client;
}

/** Sends one operation once (no SDK retries) and returns its output as plain data. */
export async function sendOperation<Op extends OperationName>(
  client: SdkClient,
  operation: Op,
  input: OperationInput<Op>,
  options: { signal?: AbortSignal } = {},
): Promise<OperationOutput<Op>> {
  const sdk = clients.get(client);
  if (sdk === undefined) throw new Error('sendOperation needs a client made by createSdkClient');
  const send = SENDERS[operation];
  const output: unknown = await send(sdk, input, { abortSignal: options.signal });
  return toPlain(output, true) as OperationOutput<Op>;
}

function toPlain(value: unknown, dropMetadata = false): unknown {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map((item) => toPlain(item));
  if (typeof value !== 'object' || value === null) return value;
  const plain: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (dropMetadata && key === '$metadata') continue;
    if (member !== undefined) plain[key] = toPlain(member);
  }
  return plain;
}
