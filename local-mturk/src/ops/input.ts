/**
 * Typed reads of validated input. The model validator has already checked types, so a mismatch here is a bug
 * in the model tables, reported as a plain Error (→ ServiceFault), never silently coerced.
 */
import type { OperationInput } from './types';

function wrongType(name: string, expected: string): Error {
  return new Error(`Validated input member ${name} is not a ${expected}`);
}

export function optString(input: OperationInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw wrongType(name, 'string');
  return value;
}

export function reqString(input: OperationInput, name: string): string {
  const value = optString(input, name);
  if (value === undefined) throw wrongType(name, 'string');
  return value;
}

export function optNumber(input: OperationInput, name: string): number | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw wrongType(name, 'number');
  return value;
}

export function reqNumber(input: OperationInput, name: string): number {
  const value = optNumber(input, name);
  if (value === undefined) throw wrongType(name, 'number');
  return value;
}

export function optBoolean(input: OperationInput, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw wrongType(name, 'boolean');
  return value;
}

export function optList(input: OperationInput, name: string): unknown[] | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw wrongType(name, 'list');
  return value;
}

export function optStringList(input: OperationInput, name: string): string[] | undefined {
  const list = optList(input, name);
  if (list === undefined) return undefined;
  if (!list.every((item): item is string => typeof item === 'string')) throw wrongType(name, 'list of strings');
  return list;
}

/** A pagination key whose string order equals the numeric order. */
export const seqKey = (seq: number): string => String(seq).padStart(15, '0');
