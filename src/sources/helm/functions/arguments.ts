// Argument checks shared by the template functions, failing the way Go's reflection-based
// calls do: a wrong count or type names the function's expectation.
import { FunctionError } from '../execute.js';
import { formatValue, isDict, typeName, type Dict } from '../go-values.js';

export function arity(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? String(min) : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw new FunctionError(`wrong number of args for ${name}: want ${want} got ${args.length}`);
  }
}

/** A string argument; nil reads as "" (a missing value), anything else is a type error. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  throw new FunctionError(`wrong type for value; expected string; got ${typeName(value)}`);
}

export function integer(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  throw new FunctionError(`wrong type for value; expected int; got ${typeName(value)}`);
}

export function dict(value: unknown, role: string): Dict {
  if (isDict(value)) return value;
  throw new FunctionError(`${role} must be a map, got ${typeName(value)}`);
}

/** Sprig's strval: strings as they are, everything else through fmt's %v. */
export function stringValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '<nil>';
  return formatValue(value);
}

/** Sprig's toInt64 (spf13/cast): numbers truncate, numeric strings parse, anything else is 0. */
export function toInteger(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const parsed = /^[+-]?(0x[0-9a-f]+|\d+)$/i.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    return Number.isNaN(parsed) ? 0 : parsed;
  }
  return 0;
}

/** Sprig's empty: nil, false, 0, "" and empty lists and maps. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isDict(value)) return Object.keys(value).length === 0;
  return false;
}
