// Argument checks and conversions shared by the template functions, failing the way Go's
// reflection-based calls do, and converting the way Sprig's helpers (spf13/cast) do.
import { FunctionError } from '../execute.js';
import { formatValue, GoInt64, isDict, kindName, typeName, type Dict } from '../go-values.js';

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

/** A Go int argument, as a JS number (counts, widths, indexes). */
export function integer(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof GoInt64) return Number(value.value);
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new FunctionError(`wrong type for value; expected int; got ${typeName(value)}`);
}

/** A boolean argument. */
export function boolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw new FunctionError(`wrong type for value; expected bool; got ${typeName(value)}`);
}

export function dict(value: unknown, role: string): Dict {
  if (isDict(value)) return value;
  throw new FunctionError(`${role} must be a map, got ${typeName(value)}`);
}

/** A map[string]interface{} argument where Go accepts nil as an empty map. */
export function dictOrNil(value: unknown, role: string): Dict {
  if (value === null || value === undefined) return {};
  return dict(value, role);
}

/** Sprig's strval: strings as they are, everything else through fmt's %v. */
export function stringValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return formatValue(value);
}

/** strconv.ParseInt(s, 0, 64) after cast's trimZeroDecimal; NaN when it does not parse. */
function parseGoInteger(raw: string): number {
  let value = raw;
  const decimal = /^([+-]?\d+)\.0*$/.exec(value);
  if (decimal) value = decimal[1];
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(value);
  if (!match) return Number.NaN;
  const digits = match[2].replace(/_/g, '');
  let parsed: number;
  if (/^0[xXoObB]/.test(digits)) parsed = Number(digits.toLowerCase());
  else if (digits.length > 1 && digits.startsWith('0')) parsed = parseInt(digits, 8);
  else parsed = Number(digits);
  return match[1] === '-' ? -parsed : parsed;
}

/** Sprig's toInt64 (spf13/cast): numbers truncate, numeric strings parse, anything else is 0. */
export function toInteger(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof GoInt64) return Number(value.value);
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const parsed = parseGoInteger(value);
    return Number.isNaN(parsed) ? 0 : parsed;
  }
  return 0;
}

/** Sprig's toFloat64 (spf13/cast). */
export function toFloat(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof GoInt64) return Number(value.value);
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const trimmed = value;
    if (!/^[+-]?(\d[\d_]*\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|[iI]nf(inity)?|NaN)$/.test(trimmed)) return 0;
    const parsed = Number(trimmed.replace(/_/g, '').replace(/^([+-]?)[iI]nf(inity)?$/, '$1Infinity'));
    return Number.isNaN(parsed) && trimmed !== 'NaN' ? 0 : parsed;
  }
  return 0;
}

/** Sprig's empty: nil, false, 0, "" and empty lists and maps. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === 0n || value === '') return true;
  if (value instanceof GoInt64) return value.value === 0n;
  if (Array.isArray(value)) return value.length === 0;
  if (isDict(value)) return Object.keys(value).length === 0;
  return false;
}

/** A list argument (Sprig's reflect-based Slice/Array checks). */
export function listOf(value: unknown, failure: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new FunctionError(`${failure} ${kindName(value)}`);
}

