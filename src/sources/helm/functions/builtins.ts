// The functions Go's text/template predefines (and/or are evaluated lazily by the executor).
import { FunctionError, type TemplateFunction } from '../execute.js';
import { goInt, isDict, isTruthy, typeName, widenInteger } from '../go-values.js';
import { sprint, sprintf, sprintln } from '../go-format.js';
import { arity } from './arguments.js';

type BasicKind = 'invalid' | 'bool' | 'int' | 'float' | 'string' | 'complex';

function basicKind(value: unknown): BasicKind {
  if (value === null || value === undefined) return 'invalid';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'float';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  return 'complex';
}

/** Go's eq for one pair: basic kinds compare by value (int with int64 too), nil only equals nil, others cannot compare. */
function equal(first: unknown, second: unknown): boolean {
  const a = widenInteger(first);
  const b = widenInteger(second);
  const kindA = basicKind(a);
  const kindB = basicKind(b);
  if (kindA !== kindB) {
    if (kindA !== 'invalid' && kindB !== 'invalid') throw new FunctionError('incompatible types for comparison');
    return false;
  }
  if (kindA === 'invalid') return true;
  if (kindA === 'complex') throw new FunctionError(`non-comparable types ${typeName(a)}, ${typeName(b)}`);
  return a === b;
}

function less(first: unknown, second: unknown): boolean {
  const a = widenInteger(first);
  const b = widenInteger(second);
  const kindA = basicKind(a);
  const kindB = basicKind(b);
  if (kindA === 'invalid' || kindA === 'complex' || kindA === 'bool' || kindB === 'invalid' || kindB === 'complex' || kindB === 'bool') {
    if (kindA !== kindB && kindA !== 'invalid' && kindA !== 'complex' && kindB !== 'invalid' && kindB !== 'complex') throw new FunctionError('incompatible types for comparison');
    throw new FunctionError('invalid type for comparison');
  }
  if (kindA !== kindB) throw new FunctionError('incompatible types for comparison');
  return (a as number | string | bigint) < (b as number | string | bigint);
}

function indexPosition(index: unknown, length: number): number {
  if (index === null || index === undefined) throw new FunctionError('cannot index slice/array with nil');
  const key = widenInteger(index);
  if (typeof key !== 'bigint') throw new FunctionError(`cannot index slice/array with type ${typeName(key)}`);
  const position = Number(key);
  if (position < 0 || position >= length) throw new FunctionError(`index out of range: ${position}`);
  return position;
}

function index(args: unknown[]): unknown {
  arity('index', args, 1, Infinity);
  let value = args[0];
  for (let position = 1; position < args.length; position++) {
    const key = args[position];
    if (value === null || value === undefined) throw new FunctionError('index of untyped nil');
    if (Array.isArray(value)) {
      value = value[indexPosition(key, value.length)];
    } else if (typeof value === 'string') {
      value = goInt(Buffer.from(value)[indexPosition(key, Buffer.byteLength(value))]);
    } else if (isDict(value)) {
      if (key === null || key === undefined) return undefined;
      if (typeof key !== 'string') throw new FunctionError(`value has type ${typeName(key)}; should be string`);
      value = Object.hasOwn(value, key) ? value[key] : undefined;
    } else {
      throw new FunctionError(`can't index item of type ${typeName(value)}`);
    }
  }
  return value;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' };

/** text/template's JSEscapeString. */
function jsEscape(value: string): string {
  let result = '';
  for (const character of value) {
    const code = character.codePointAt(0)!;
    if (character === '\\') result += '\\\\';
    else if (character === "'") result += "\\'";
    else if (character === '"') result += '\\"';
    else if (character === '<') result += '\\u003C';
    else if (character === '>') result += '\\u003E';
    else if (character === '&') result += '\\u0026';
    else if (character === '=') result += '\\u003D';
    else if (code < 0x20) result += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else result += character;
  }
  return result;
}

/** Go's url.QueryEscape. */
function queryEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+').replace(/~/g, '%7E');
}

/** html, js and urlquery print their arguments as fmt.Sprint does, unless given one string. */
function evalArgs(args: unknown[]): string {
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}

export const builtins: Record<string, TemplateFunction> = {
  not: (args) => (arity('not', args, 1), !isTruthy(args[0])),
  eq: (args) => {
    arity('eq', args, 1, Infinity);
    if (args.length === 1) throw new FunctionError('missing argument for comparison');
    for (let position = 1; position < args.length; position++) if (equal(args[0], args[position])) return true;
    return false;
  },
  ne: (args) => (arity('ne', args, 2), !equal(args[0], args[1])),
  lt: (args) => (arity('lt', args, 2), less(args[0], args[1])),
  le: (args) => (arity('le', args, 2), less(args[0], args[1]) || equal(args[0], args[1])),
  gt: (args) => (arity('gt', args, 2), !(less(args[0], args[1]) || equal(args[0], args[1]))),
  ge: (args) => (arity('ge', args, 2), !less(args[0], args[1])),
  len: (args) => {
    arity('len', args, 1);
    const [value] = args;
    if (typeof value === 'string') return goInt(Buffer.byteLength(value));
    if (Array.isArray(value)) return goInt(value.length);
    if (isDict(value)) return goInt(Object.keys(value).length);
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
  html: (args) => evalArgs(args).replace(/[&'<>"\0]/g, (c) => HTML_ESCAPES[c]),
  js: (args) => jsEscape(evalArgs(args)),
  urlquery: (args) => queryEscape(evalArgs(args)),
  call: (args) => {
    arity('call', args, 1, Infinity);
    if (typeof args[0] !== 'function') throw new FunctionError(`non-function of type ${typeName(args[0])}`);
    return (args[0] as (...values: unknown[]) => unknown)(...args.slice(1));
  },
};
