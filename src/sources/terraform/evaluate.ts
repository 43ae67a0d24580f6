// Evaluates the part of the Terraform language that version pins are written in: literals,
// templates, var./local. references, conditionals and a few string functions. Anything
// else (resource attributes, for expressions, data sources) is UNKNOWN, never a guess.
import type { Expr } from './syntax.js';

export const UNKNOWN = Symbol('unknown');

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | typeof UNKNOWN;

export interface Scope {
  variable(name: string): Value;
  local(name: string): Value;
}

export function evaluate(expr: Expr, scope: Scope): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template':
      return template(expr.parts, scope);
    case 'reference':
      return reference(expr.root, expr.path, scope);
    case 'call':
      return call(expr.name, expr.args, scope);
    case 'object': {
      const object: Record<string, Value> = {};
      for (const entry of expr.entries) {
        const key = evaluate(entry.key, scope);
        if (typeof key !== 'string') return UNKNOWN;
        object[key] = evaluate(entry.value, scope);
      }
      return object;
    }
    case 'tuple':
      return expr.items.map((item) => evaluate(item, scope));
    case 'conditional': {
      const condition = evaluate(expr.condition, scope);
      if (typeof condition !== 'boolean') return UNKNOWN;
      return evaluate(condition ? expr.then : expr.otherwise, scope);
    }
    case 'compare': {
      const left = evaluate(expr.left, scope);
      const right = evaluate(expr.right, scope);
      if (left === UNKNOWN || right === UNKNOWN || typeof left === 'object' || typeof right === 'object') return UNKNOWN;
      return (left === right) === (expr.operator === '==');
    }
    case 'not': {
      const operand = evaluate(expr.operand, scope);
      return typeof operand === 'boolean' ? !operand : UNKNOWN;
    }
    case 'opaque':
      return UNKNOWN;
  }
}

export function isKnown(value: Value): value is Exclude<Value, typeof UNKNOWN> {
  return value !== UNKNOWN;
}

/** A string or number as text (Terraform converts between them freely), else undefined. */
export function asText(value: Value | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function asObject(value: Value | undefined): Record<string, Value> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function template(parts: (string | Expr)[], scope: Scope): Value {
  let text = '';
  for (const part of parts) {
    const value = typeof part === 'string' ? part : asText(evaluate(part, scope));
    if (value === undefined) return UNKNOWN;
    text += value;
  }
  return text;
}

function reference(root: string, path: (string | number)[], scope: Scope): Value {
  const [first, ...rest] = path;
  if (typeof first !== 'string') return UNKNOWN;
  let value: Value;
  if (root === 'var') value = scope.variable(first);
  else if (root === 'local') value = scope.local(first);
  else return UNKNOWN;
  for (const step of rest) {
    if (Array.isArray(value) && typeof step === 'number') value = value[step] ?? UNKNOWN;
    else if (asObject(value) && typeof step === 'string') value = asObject(value)![step] ?? UNKNOWN;
    else return UNKNOWN;
  }
  return value;
}

function call(name: string, args: Expr[], scope: Scope): Value {
  // try() returns its first argument that evaluates, so it must not evaluate eagerly.
  if (name === 'try') {
    for (const arg of args) {
      const value = evaluate(arg, scope);
      if (value !== UNKNOWN) return value;
    }
    return UNKNOWN;
  }
  const values = args.map((arg) => evaluate(arg, scope));
  const texts = values.map(asText);
  switch (name) {
    case 'coalesce':
      for (const value of values) {
        if (value === UNKNOWN) return UNKNOWN;
        if (value !== null && value !== '') return value;
      }
      return UNKNOWN;
    case 'replace':
      return texts[0] !== undefined && texts[1] !== undefined && texts[2] !== undefined ? texts[0].split(texts[1]).join(texts[2]) : UNKNOWN;
    case 'lower':
      return texts[0]?.toLowerCase() ?? UNKNOWN;
    case 'upper':
      return texts[0]?.toUpperCase() ?? UNKNOWN;
    case 'tostring':
      return texts[0] ?? UNKNOWN;
    case 'trimprefix':
      return texts[0] !== undefined && texts[1] !== undefined ? (texts[0].startsWith(texts[1]) ? texts[0].slice(texts[1].length) : texts[0]) : UNKNOWN;
    case 'merge': {
      const objects = values.map(asObject);
      return objects.every((object) => object !== undefined) ? Object.assign({}, ...objects) : UNKNOWN;
    }
    case 'lookup': {
      const object = asObject(values[0]);
      if (!object || texts[1] === undefined) return UNKNOWN;
      return object[texts[1]] ?? values[2] ?? UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}
