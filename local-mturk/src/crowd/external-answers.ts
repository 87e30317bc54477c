/**
 * What simulated workers post from an ExternalQuestion page. The page itself is the requester's and out of reach, so
 * its fields are declared per HIT type:
 *   PUT /_local/hit-types/{hitTypeId}/external-answers
 *   {"fields": [{"name": "label", "options": ["cat", "dog"]},
 *               {"name": "tags", "options": ["a", "b", "c"], "multiple": true},
 *               {"name": "comment", "type": "text", "minLength": 0, "maxLength": 200, "pattern": "^[a-z ]*$"},
 *               {"name": "score", "type": "number", "min": 1, "max": 5}]}
 * Without a declaration a worker posts one field, `completionCode`, with a random 8-character code (what survey
 * pages ask workers to paste back).
 */
import type { OpContext } from '../ops/types';
import { sql } from '../store/statements';
import { ControlError } from '../worker/errors';
import type { Slot } from './answer-values';

const COMPLETION_CODE_FIELD = 'completionCode';
const RESERVED = new Set(['assignmentId', 'hitId', 'turkSubmitTo', 'workerId']);

const bad = (message: string): ControlError => new ControlError(400, 'InvalidInput', message);

function optionalNumber(field: Record<string, unknown>, key: string, where: string): number | undefined {
  const value = field[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`${where}.${key} must be a number (got ${JSON.stringify(value)}).`);
  return value;
}

function checkedField(raw: unknown, index: number, seen: Set<string>): Slot {
  const where = `fields[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad(`${where} must be an object with a name.`);
  const field = raw as Record<string, unknown>;
  const name = field.name;
  if (typeof name !== 'string' || name.trim() === '') throw bad(`${where}.name must be a non-empty string.`);
  if (RESERVED.has(name)) throw bad(`${where}.name ${name} is reserved by MTurk (assignmentId, hitId, turkSubmitTo, workerId).`);
  if (seen.has(name)) throw bad(`${where}.name ${name} is declared twice.`);
  seen.add(name);
  const options = field.options;
  const type = field.type ?? (options === undefined ? 'text' : 'choice');
  if (type === 'choice') {
    if (!Array.isArray(options) || options.length === 0 || !options.every((o) => typeof o === 'string' && o !== '')) {
      throw bad(`${where}.options must be a non-empty list of strings for a choice field.`);
    }
    const multiple = field.multiple === true;
    return { kind: 'choice', name, options: options as string[], min: 1, max: multiple ? options.length : 1 };
  }
  if (type === 'number') {
    const min = optionalNumber(field, 'min', where);
    const max = optionalNumber(field, 'max', where);
    if (min !== undefined && max !== undefined && min > max) throw bad(`${where}: min ${min} is greater than max ${max}.`);
    return { kind: 'number', name, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  }
  if (type !== 'text') throw bad(`${where}.type must be choice, text or number (got ${JSON.stringify(type)}).`);
  const minLength = optionalNumber(field, 'minLength', where);
  const maxLength = optionalNumber(field, 'maxLength', where);
  const pattern = field.pattern;
  if (pattern !== undefined) {
    try {
      if (typeof pattern !== 'string') throw new Error('not a string');
      new RegExp(pattern);
    } catch {
      throw bad(`${where}.pattern must be a valid regular expression (got ${JSON.stringify(pattern)}).`);
    }
  }
  return {
    kind: 'text',
    name,
    patterns: typeof pattern === 'string' ? [{ regex: pattern }] : [],
    ...(minLength === undefined ? {} : { minLength }),
    ...(maxLength === undefined ? {} : { maxLength }),
  };
}

/** Stores the declaration of a HIT type's external page fields; returns them as answer slots. */
export function declareExternalAnswers(ctx: OpContext, hitTypeId: string, body: Readonly<Record<string, unknown>>): Slot[] {
  if (!sql(ctx.db, 'SELECT 1 FROM hit_types WHERE hit_type_id = ?').get(hitTypeId)) {
    throw new ControlError(404, 'HITTypeNotFound', `HIT type ${hitTypeId} does not exist.`);
  }
  const fields = body.fields;
  if (!Array.isArray(fields) || fields.length === 0) throw bad('fields must be a non-empty list of {name, type?, options?, …}.');
  const seen = new Set<string>();
  const slots = fields.map((field, index) => checkedField(field, index, seen));
  sql(
    ctx.db,
    'INSERT INTO crowd_external_answers (hit_type_id, fields) VALUES (?, ?) ON CONFLICT (hit_type_id) DO UPDATE SET fields = excluded.fields',
  ).run(hitTypeId, JSON.stringify(slots));
  return slots;
}

/** The declared slots of a HIT type's external page, or the completion-code field. */
export function externalSlots(ctx: OpContext, hitTypeId: string): Slot[] {
  const row = sql(ctx.db, 'SELECT fields FROM crowd_external_answers WHERE hit_type_id = ?').get(hitTypeId) as { fields: string } | undefined;
  if (row) return JSON.parse(row.fields) as Slot[];
  return [{ kind: 'text', name: COMPLETION_CODE_FIELD, minLength: 8, maxLength: 8, patterns: [{ regex: '^[A-Z0-9]{8}$' }] }];
}
