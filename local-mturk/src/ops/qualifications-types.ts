/**
 * Create/Get/Update/Delete/ListQualificationTypes.
 */
import { checkAnswerKeyXml } from '../formats/answer-key';
import { checkQualificationTestXml } from '../formats/question';
import { systemQualificationType, systemQualificationTypes } from '../rules/system-qualifications';
import { paginate } from './paginate';
import {
  INVALID_PARAMETER_VALUE,
  findLiveType,
  loadOwnedType,
  nextSeq,
  purgeDisposedTypes,
  qualificationTypeToWire,
  seqKey,
  systemTypeToWire,
  typeDoesNotExist,
  type QualificationTypeRow,
} from './qualifications-store';
import { MTurkRequestError, type OperationHandler, type OperationInput } from './types';

const str = (input: OperationInput, name: string): string | undefined =>
  typeof input[name] === 'string' ? (input[name] as string) : undefined;
const num = (input: OperationInput, name: string): number | undefined =>
  typeof input[name] === 'number' ? (input[name] as number) : undefined;
const flag = (input: OperationInput, name: string): boolean | undefined =>
  typeof input[name] === 'boolean' ? (input[name] as boolean) : undefined;

const invalid = (sentence: string): MTurkRequestError =>
  new MTurkRequestError(INVALID_PARAMETER_VALUE, sentence);

/** Test/AnswerKey/AutoGranted consistency shared by create and update. */
function checkTestSettings(s: { test?: string; answerKey?: string; testDuration?: number; autoGranted: boolean }): void {
  if (s.test !== undefined && s.autoGranted)
    throw invalid('A QualificationType with a Test cannot be AutoGranted.');
  if (s.test !== undefined && s.testDuration === undefined)
    throw invalid('TestDurationInSeconds is required when a Test is specified.');
  if (s.test === undefined && (s.answerKey !== undefined || s.testDuration !== undefined))
    throw invalid('AnswerKey and TestDurationInSeconds can only be given together with a Test.');
  if (s.test !== undefined) checkQualificationTestXml(s.test, s.answerKey !== undefined);
  if (s.answerKey !== undefined) checkAnswerKeyXml(s.answerKey, s.test);
}

const createQualificationType: OperationHandler = (input, ctx) => {
  purgeDisposedTypes(ctx);
  const name = str(input, 'Name') ?? '';
  const clash = ctx.db
    .prepare('SELECT 1 FROM qualification_types WHERE requester = ? AND name = ?')
    .get(ctx.accessKeyId, name);
  if (clash !== undefined)
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.QualificationTypeAlreadyExists',
      'You have already created a QualificationType with this name. ' +
        "A QualificationType's name must be unique among all of the QualificationTypes created by the same user.",
    );
  const test = str(input, 'Test');
  const answerKey = str(input, 'AnswerKey');
  const testDuration = num(input, 'TestDurationInSeconds');
  const autoGranted = flag(input, 'AutoGranted') ?? false;
  checkTestSettings({ test, answerKey, testDuration, autoGranted });
  const row: QualificationTypeRow = {
    qualification_type_id: ctx.newId('entity'),
    requester: ctx.accessKeyId,
    name,
    description: str(input, 'Description') ?? '',
    keywords: str(input, 'Keywords') ?? null,
    status: str(input, 'QualificationTypeStatus') === 'Inactive' ? 'Inactive' : 'Active',
    retry_delay_s: num(input, 'RetryDelayInSeconds') ?? null,
    test: test ?? null,
    answer_key: answerKey ?? null,
    test_duration_s: testDuration ?? null,
    auto_granted: autoGranted ? 1 : 0,
    auto_granted_value: num(input, 'AutoGrantedValue') ?? 1,
    creation_ms: ctx.now(),
    deleted_ms: null,
    seq: nextSeq(ctx, 'qualification_types'),
  };
  ctx.db
    .prepare(
      `INSERT INTO qualification_types VALUES (@qualification_type_id, @requester, @name, @description, @keywords, @status,
       @retry_delay_s, @test, @answer_key, @test_duration_s, @auto_granted, @auto_granted_value, @creation_ms, @deleted_ms, @seq)`,
    )
    .run(row);
  return { QualificationType: qualificationTypeToWire(row) };
};

/** Any live type (requester-created types are public) or a system type. */
const getQualificationType: OperationHandler = (input, ctx) => {
  const id = str(input, 'QualificationTypeId') ?? '';
  const system = systemQualificationType(ctx.env, id);
  if (system !== undefined) return { QualificationType: systemTypeToWire(system) };
  const row = findLiveType(ctx, id);
  if (row === undefined) throw typeDoesNotExist(id);
  return { QualificationType: qualificationTypeToWire(row) };
};

const updateQualificationType: OperationHandler = (input, ctx) => {
  const row = loadOwnedType(ctx, str(input, 'QualificationTypeId') ?? '');
  const test = str(input, 'Test');
  const answerKey = str(input, 'AnswerKey');
  const testDuration = num(input, 'TestDurationInSeconds');
  const autoGranted = flag(input, 'AutoGranted') ?? row.auto_granted === 1;
  if (autoGranted && (row.test !== null || test !== undefined))
    throw invalid('A QualificationType with a Test cannot be AutoGranted.');
  checkTestSettings({ test, answerKey, testDuration, autoGranted });
  const updated: QualificationTypeRow = {
    ...row,
    description: str(input, 'Description') ?? row.description,
    status: (str(input, 'QualificationTypeStatus') as 'Active' | 'Inactive' | undefined) ?? row.status,
    // Retries can be enabled or changed, never disabled: absence keeps the current setting.
    retry_delay_s: num(input, 'RetryDelayInSeconds') ?? row.retry_delay_s,
    // A new Test replaces the old one; without an AnswerKey it is graded by hand.
    test: test ?? row.test,
    answer_key: test !== undefined ? (answerKey ?? null) : row.answer_key,
    test_duration_s: testDuration ?? row.test_duration_s,
    auto_granted: autoGranted ? 1 : 0,
    auto_granted_value: num(input, 'AutoGrantedValue') ?? row.auto_granted_value,
  };
  ctx.db
    .prepare(
      `UPDATE qualification_types SET description = @description, status = @status, retry_delay_s = @retry_delay_s,
       test = @test, answer_key = @answer_key, test_duration_s = @test_duration_s, auto_granted = @auto_granted,
       auto_granted_value = @auto_granted_value WHERE qualification_type_id = @qualification_type_id`,
    )
    .run(updated);
  return { QualificationType: qualificationTypeToWire(updated) };
};

/** Marks the type Disposing (gone for every call) and auto-rejects pending requests; purge frees the name later. */
const deleteQualificationType: OperationHandler = (input, ctx) => {
  const row = loadOwnedType(ctx, str(input, 'QualificationTypeId') ?? '');
  ctx.db.transaction(() => {
    ctx.db
      .prepare("UPDATE qualification_types SET status = 'Disposing', deleted_ms = ? WHERE qualification_type_id = ?")
      .run(ctx.now(), row.qualification_type_id);
    ctx.db
      .prepare(
        `UPDATE qualification_requests SET status = 'Rejected', decided_ms = ?, reason = 'The Qualification type was deleted.'
         WHERE qualification_type_id = ? AND status = 'Pending'`,
      )
      .run(ctx.now(), row.qualification_type_id);
  })();
  return {};
};

interface Listed {
  readonly key: string;
  readonly wire: Record<string, unknown>;
  readonly text: string;
}

/**
 * MustBeRequestable=true: only types a worker can request (Active, requester-created); false adds system types and the
 * caller's Inactive ones. MustBeOwnedByCaller=true: only the caller's. Query: case-insensitive substring over name,
 * description and keywords. Order: system types, then creation order.
 */
const listQualificationTypes: OperationHandler = (input, ctx) => {
  purgeDisposedTypes(ctx);
  const requestable = flag(input, 'MustBeRequestable') ?? false;
  const ownedOnly = flag(input, 'MustBeOwnedByCaller') ?? false;
  const query = (str(input, 'Query') ?? '').trim().toLowerCase();
  const listed: Listed[] = [];
  if (!requestable && !ownedOnly) {
    systemQualificationTypes(ctx.env).forEach((type, index) =>
      listed.push({ key: `0|${seqKey(index)}`, wire: systemTypeToWire(type), text: `${type.name} ${type.description}` }),
    );
  }
  const rows = ctx.db
    .prepare("SELECT * FROM qualification_types WHERE status != 'Disposing' ORDER BY seq")
    .all() as QualificationTypeRow[];
  for (const row of rows) {
    const mine = row.requester === ctx.accessKeyId;
    if (ownedOnly && !mine) continue;
    if (row.status !== 'Active' && (requestable || !mine)) continue;
    listed.push({
      key: `1|${seqKey(row.seq)}`,
      wire: qualificationTypeToWire(row),
      text: `${row.name} ${row.description} ${row.keywords ?? ''}`,
    });
  }
  const matching = query === '' ? listed : listed.filter((item) => item.text.toLowerCase().includes(query));
  const { page, NextToken, NumResults } = paginate('ListQualificationTypes', input, matching, (item) => item.key);
  return { NumResults, ...(NextToken === undefined ? {} : { NextToken }), QualificationTypes: page.map((item) => item.wire) };
};

export const qualificationTypeOperations: Record<string, OperationHandler> = {
  CreateQualificationType: createQualificationType,
  GetQualificationType: getQualificationType,
  UpdateQualificationType: updateQualificationType,
  DeleteQualificationType: deleteQualificationType,
  ListQualificationTypes: listQualificationTypes,
};
