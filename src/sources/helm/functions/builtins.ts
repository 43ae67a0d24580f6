// The functions Go's text/template predefines (and/or are evaluated lazily by the executor).
import { FunctionError, type TemplateFunction } from '../execute.js';
import { isDict, isTruthy, typeName } from '../go-values.js';
import { sprint, sprintf, sprintln } from '../go-format.js';
import { arity, integer } from './arguments.js';

function basicKind(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value;
  throw new FunctionError(`non-comparable type ${typeName(value)}`);
}

function equal(a: unknown, b: unknown): boolean {
  const kindA = basicKind(a);
  const kindB = basicKind(b);
  if (kindA === 'nil' || kindB === 'nil') return kindA === kindB;
  if (kindA !== kindB) throw new FunctionError('incompatible types for comparison');
  return a === b;
}

function less(name: string, a: unknown, b: unknown): boolean {
  const kind = basicKind(a);
  if (kind !== basicKind(b)) throw new FunctionError('incompatible types for comparison');
  if (kind !== 'number' && kind !== 'string') throw new FunctionError(`invalid type for comparison in ${name}`);
  return (a as number | string) < (b as number | string);
}

function index(args: unknown[]): unknown {
  arity('index', args, 1, Infinity);
  let value = args[0];
  for (const key of args.slice(1)) {
    if (value === null || value === undefined) throw new FunctionError('index of untyped nil');
    if (Array.isArray(value) || typeof value === 'string') {
      const position = integer(key);
      if (position < 0 || position >= value.length) throw new FunctionError(`index out of range: ${position}`);
      value = typeof value === 'string' ? value.charCodeAt(position) : value[position];
    } else if (isDict(value)) {
      if (typeof key !== 'string') throw new FunctionError(`value has type ${typeName(key)}; should be string`);
      value = Object.hasOwn(value, key) ? value[key] : undefined;
    } else {
      throw new FunctionError(`can't index item of type ${typeName(value)}`);
    }
  }
  return value;
}

export const builtins: Record<string, TemplateFunction> = {
  not: (args) => (arity('not', args, 1), !isTruthy(args[0])),
  eq: (args) => (arity('eq', args, 2, Infinity), args.slice(1).some((other) => equal(args[0], other))),
  ne: (args) => (arity('ne', args, 2), !equal(args[0], args[1])),
  lt: (args) => (arity('lt', args, 2), less('lt', args[0], args[1])),
  le: (args) => (arity('le', args, 2), less('le', args[0], args[1]) || equal(args[0], args[1])),
  gt: (args) => (arity('gt', args, 2), less('gt', args[1], args[0])),
  ge: (args) => (arity('ge', args, 2), less('ge', args[1], args[0]) || equal(args[0], args[1])),
  len: (args) => {
    arity('len', args, 1);
    const [value] = args;
    if (typeof value === 'string') return Buffer.byteLength(value);
    if (Array.isArray(value)) return value.length;
    if (isDict(value)) return Object.keys(value).length;
    throw new FunctionError(`len of ${value === null || value === undefined ? 'nil pointer' : `type ${typeName(value)}`}`);
  },
  index: (args) => index(args),
  print: (args) => sprint(args),
  printf: (args) => {
    arity('printf', args, 1, Infinity);
    if (typeof args[0] !== 'string') throw new FunctionError(`wrong type for value; expected string; got ${typeName(args[0])}`);
    return sprintf(args[0], args.slice(1));
  },
  println: (args) => sprintln(args),
};
