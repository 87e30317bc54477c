/**
 * Server-side input validation for all 39 operations. Clients validate almost nothing, so this is where real MTurk's rejections are reproduced.
 *
 * Messages follow AWS's validation wording: `Value 'abc' at 'hITId' failed to satisfy constraint: Member must satisfy
 * regular expression pattern: ^[A-Z0-9]+$` — member paths lower-case their first letter and list elements read
 * `qualificationRequirements.1.member.comparator` (1-based). Several problems are reported together as
 * `N validation errors detected: …; …`. Numeric range violations carry TurkErrorCode `AWS.ParameterOutOfRange`,
 * everything else `AWS.MechanicalTurk.InvalidParameterValue`.
 *
 * Unknown members are ignored, as AWS JSON-protocol services do (the spec records no rejection of extra members):
 * they are dropped from the returned input, so operations only ever see modelled members.
 */
import { MTurkRequestError, type OperationInput } from '../ops/types';
import { HIT_OPERATIONS } from './ops-hits';
import { QUALIFICATION_OPERATIONS } from './ops-qualifications';
import { WORK_OPERATIONS } from './ops-work';
import type { ListShape, NumberShape, Shape, StringShape, StructureShape } from './shapes';

export const INVALID_PARAMETER_VALUE = 'AWS.MechanicalTurk.InvalidParameterValue';
export const PARAMETER_OUT_OF_RANGE = 'AWS.ParameterOutOfRange';

export const OPERATION_SHAPES: Readonly<Record<string, StructureShape>> = {
  ...HIT_OPERATIONS,
  ...WORK_OPERATIONS,
  ...QUALIFICATION_OPERATIONS,
};

export const OPERATION_NAMES: readonly string[] = Object.keys(OPERATION_SHAPES).sort();

export function isOperationName(name: string): boolean {
  return Object.hasOwn(OPERATION_SHAPES, name);
}

interface Violation {
  readonly code: string;
  readonly text: string;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const utf8 = new TextEncoder();
const compiledPatterns = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let regex = compiledPatterns.get(source);
  if (regex === undefined) {
    regex = new RegExp(source, 'u');
    compiledPatterns.set(source, regex);
  }
  return regex;
}

/** Validates and returns a copy holding only modelled members; throws MTurkRequestError on any violation. */
export function validateOperationInput(operation: string, input: unknown): OperationInput {
  const shape = OPERATION_SHAPES[operation];
  if (!shape) throw new MTurkRequestError(INVALID_PARAMETER_VALUE, `Unknown operation ${operation}.`);
  const body = input ?? {};
  const violations: Violation[] = [];
  const cleaned = visitStructure(shape, body, '', violations);
  const first = violations[0];
  if (first) {
    const message =
      violations.length === 1
        ? first.text
        : `${violations.length} validation errors detected: ${violations.map((v) => v.text).join('; ')}`;
    throw new MTurkRequestError(first.code, message);
  }
  return cleaned as OperationInput;
}

/** The value as the message shows it; a value nested too deeply to print (a hostile body) is named, not printed. */
function describe(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    text = Array.isArray(value) ? '[…nested too deeply…]' : '{…nested too deeply…}';
  }
  return `'${text.length > 200 ? `${text.slice(0, 200)}…` : text}'`;
}

/** Length in characters (code points), as AWS counts a string's length: an emoji is one character, not two. */
function characters(text: string): number {
  let count = text.length;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        at++;
      }
    }
  }
  return count;
}

function fail(violations: Violation[], path: string, value: unknown, constraint: string, code = INVALID_PARAMETER_VALUE): void {
  violations.push({ code, text: `Value ${describe(value)} at '${path}' failed to satisfy constraint: ${constraint}` });
}

const memberPath = (parent: string, name: string): string => {
  const lowered = name.charAt(0).toLowerCase() + name.slice(1);
  return parent === '' ? lowered : `${parent}.${lowered}`;
};

function visit(shape: Shape, value: unknown, path: string, violations: Violation[]): unknown {
  switch (shape.kind) {
    case 'string':
      return visitString(shape, value, path, violations);
    case 'integer':
    case 'long':
      return visitNumber(shape, value, path, violations);
    case 'boolean':
      if (typeof value !== 'boolean') fail(violations, path, value, 'Member must be a boolean');
      return value;
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value))
        fail(violations, path, value, 'Member must be a timestamp in epoch seconds');
      return value;
    case 'list':
      return visitList(shape, value, path, violations);
    case 'structure':
      return visitStructure(shape, value, path, violations);
  }
}

function visitString(shape: StringShape, value: unknown, path: string, violations: Violation[]): unknown {
  if (typeof value !== 'string') {
    fail(violations, path, value, 'Member must be a string');
    return value;
  }
  // Only strings near a limit are counted in characters; most are far from it in UTF-16 units already.
  if (shape.min !== undefined && value.length < 2 * shape.min && characters(value) < shape.min)
    fail(violations, path, value, `Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value.length > shape.max && characters(value) > shape.max)
    fail(violations, path, value, `Member must have length less than or equal to ${shape.max}`);
  if (shape.maxBytes !== undefined && utf8.encode(value).length > shape.maxBytes)
    fail(violations, path, value, `Member must have size less than or equal to ${shape.maxBytes} bytes`);
  if (shape.pattern !== undefined && !patternOf(shape.pattern).test(value))
    fail(violations, path, value, `Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.enum !== undefined && !shape.enum.includes(value))
    fail(violations, path, value, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  return value;
}

function visitNumber(shape: NumberShape, value: unknown, path: string, violations: Violation[]): unknown {
  const isInteger = typeof value === 'number' && Number.isSafeInteger(value);
  const fits = shape.kind === 'long' || (isInteger && value >= INT32_MIN && value <= INT32_MAX);
  if (!isInteger || !fits) {
    fail(violations, path, value, `Member must be ${shape.kind === 'long' ? 'a 64-bit' : 'a 32-bit'} integer`);
    return value;
  }
  if (shape.min !== undefined && value < shape.min)
    fail(violations, path, value, `Member must have value greater than or equal to ${shape.min}`, PARAMETER_OUT_OF_RANGE);
  if (shape.max !== undefined && value > shape.max)
    fail(violations, path, value, `Member must have value less than or equal to ${shape.max}`, PARAMETER_OUT_OF_RANGE);
  return value;
}

function visitList(shape: ListShape, value: unknown, path: string, violations: Violation[]): unknown {
  if (!Array.isArray(value)) {
    fail(violations, path, value, 'Member must be a list');
    return value;
  }
  if (shape.min !== undefined && value.length < shape.min)
    fail(violations, path, value, `Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value.length > shape.max)
    fail(violations, path, value, `Member must have length less than or equal to ${shape.max}`);
  return value.map((item: unknown, index) => {
    const itemPath = `${path}.${index + 1}.member`;
    if (item === null || item === undefined) {
      fail(violations, itemPath, item, 'Member must not be null');
      return item;
    }
    return visit(shape.member, item, itemPath, violations);
  });
}

function visitStructure(shape: StructureShape, value: unknown, path: string, violations: Violation[]): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (path === '') violations.push({ code: INVALID_PARAMETER_VALUE, text: 'The request body must be a JSON object.' });
    else fail(violations, path, value, 'Member must be a structure');
    return value;
  }
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // A member with words of its own gets them once, in place of whatever generic problems it has.
  const reword = (name: string, before: number): void => {
    const words = shape.invalidMessages?.[name];
    if (words !== undefined && violations.length > before) violations.splice(before, violations.length - before, { code: INVALID_PARAMETER_VALUE, text: words });
  };
  for (const required of shape.required ?? []) {
    const before = violations.length;
    if (input[required] === undefined || input[required] === null)
      fail(violations, memberPath(path, required), null, 'Member must not be null');
    reword(required, before);
  }
  for (const [name, memberShape] of Object.entries(shape.members)) {
    const member = input[name];
    // A JSON null is how some clients spell "absent"; botocore drops them, so treat both alike.
    if (member === undefined || member === null) continue;
    const before = violations.length;
    out[name] = visit(memberShape, member, memberPath(path, name), violations);
    reword(name, before);
  }
  // Cross-member rules only make sense once the required members are there (they were reported above otherwise).
  if ((shape.required ?? []).every((r) => out[r] !== undefined)) {
    for (const check of shape.checks ?? []) {
      const problem = check(out);
      if (problem) fail(violations, memberPath(path, problem.member), out[problem.member], problem.message);
    }
  }
  return out;
}
