// Sprig's list and dict functions. merge/mergeOverwrite follow mergo as Sprig uses it: they
// fill the destination in place and return it, sharing the source's values as Go does.
import { FunctionError, type TemplateFunction } from '../execute.js';
import { GoInt64, isDict, kindName, typeName, type Dict } from '../go-values.js';
import { deepCopy } from '../go-copy.js';
import { arity, dict, dictOrNil, integer, isEmpty, stringValue, text, toInteger } from './arguments.js';

/** mergo.Merge into `destination`: a key is filled when missing or empty there (or always, overwriting). */
function mergeInto(destination: Dict, source: Dict, overwrite: boolean): Dict {
  for (const key of Object.keys(source)) {
    const value = source[key];
    const current = destination[key];
    if (value === null || value === undefined) {
      if (overwrite) destination[key] = value;
      continue;
    }
    if (isDict(current) && isDict(value)) mergeInto(current, value, overwrite);
    else if (overwrite || !Object.hasOwn(destination, key) || isEmpty(current)) destination[key] = value;
  }
  return destination;
}

function merger(name: string, overwrite: boolean): TemplateFunction {
  return (args) => {
    arity(name, args, 1, Infinity);
    const destination = dict(args[0], `${name}'s first argument`);
    for (let index = 1; index < args.length; index++) mergeInto(destination, dictOrNil(args[index], `${name}'s arguments`), overwrite);
    return destination;
  };
}

/** reflect.DeepEqual on template values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof GoInt64) return b instanceof GoInt64 && a.value === b.value; // an int64 never equals an int
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/** A Sprig list function: the non-must variant panics, which Go reports as the call failing too. */
function listFunction(name: string, count: number, what: string, run: (list: unknown[], args: unknown[]) => unknown, max = count): Record<string, TemplateFunction> {
  const fn = (fnName: string): TemplateFunction => (args) => {
    arity(fnName, args, count, max);
    const list = args[0];
    if (!Array.isArray(list)) throw new FunctionError(`${what} ${kindName(list)}`);
    return run(list, args);
  };
  return { [name]: fn(name), [`must${name[0].toUpperCase()}${name.slice(1)}`]: fn(`must${name[0].toUpperCase()}${name.slice(1)}`) };
}

function dig(args: unknown[]): unknown {
  if (args.length < 3) throw new FunctionError('dig needs at least three arguments');
  let map = args[args.length - 1];
  const fallback = args[args.length - 2];
  const keys = args.slice(0, -2).map((key) => {
    if (typeof key !== 'string') throw new FunctionError(`interface conversion: interface {} is ${kindName(key)}, not string`);
    return key;
  });
  for (let index = 0; index < keys.length; index++) {
    // Sprig asserts map[string]interface {}, which helm's .Values (a chartutil.Values) is not.
    if (!isDict(map) || typeName(map) !== 'map[string]interface {}') throw new FunctionError(`interface conversion: interface {} is ${map === null || map === undefined ? 'nil' : typeName(map)}, not map[string]interface {}`);
    if (!Object.hasOwn(map, keys[index])) return fallback;
    map = map[keys[index]];
  }
  return map;
}

function chunk(size: number, list: unknown[]): unknown[][] {
  const chunks: unknown[][] = [];
  for (let index = 0; index < list.length; index += size) chunks.push(list.slice(index, index + size));
  return chunks;
}

function slice(list: unknown[], args: unknown[]): unknown {
  if (list.length === 0) return undefined;
  const start = args.length > 1 ? toInteger(args[1]) : 0;
  const end = args.length > 2 ? toInteger(args[2]) : list.length;
  if (start < 0 || end > list.length || start > end) throw new FunctionError(`reflect: slice index out of range`);
  return list.slice(start, end);
}

/**
 * The functions below that change a map in place: the executor forgets the includes it
 * remembered when one runs, so a new in-place function must be added here too.
 */
export const MUTATING_FUNCTIONS: ReadonlySet<string> = new Set(['set', 'unset', 'merge', 'mergeOverwrite', 'mustMerge', 'mustMergeOverwrite']);

export const collections: Record<string, TemplateFunction> = {
  list: (args) => [...args],
  tuple: (args) => [...args],
  dict: (args) => {
    const result: Dict = {};
    for (let index = 0; index < args.length; index += 2) result[stringValue(args[index])] = index + 1 < args.length ? args[index + 1] : '';
    return result;
  },
  get: (args) => {
    arity('get', args, 2);
    const map = dictOrNil(args[0], 'get');
    return Object.hasOwn(map, text(args[1])) ? map[text(args[1])] : '';
  },
  set: (args) => (arity('set', args, 3), Object.assign(dict(args[0], 'set'), { [text(args[1])]: args[2] })),
  unset: (args) => {
    arity('unset', args, 2);
    const target = dictOrNil(args[0], 'unset');
    delete target[text(args[1])];
    return target;
  },
  hasKey: (args) => (arity('hasKey', args, 2), Object.hasOwn(dictOrNil(args[0], 'hasKey'), text(args[1]))),
  // Go's map order is random; sorted keys are one of the orders helm can give.
  keys: (args) => args.flatMap((arg) => Object.keys(dictOrNil(arg, 'keys'))).sort(),
  values: (args) => (arity('values', args, 1), Object.values(dictOrNil(args[0], 'values'))),
  pluck: (args) => {
    arity('pluck', args, 1, Infinity);
    const key = text(args[0]);
    return args.slice(1).map((arg) => dictOrNil(arg, 'pluck')).filter((map) => Object.hasOwn(map, key)).map((map) => map[key]);
  },
  pick: (args) => {
    arity('pick', args, 1, Infinity);
    const source = dictOrNil(args[0], 'pick');
    const result: Dict = {};
    for (const key of args.slice(1).map((item) => text(item))) if (Object.hasOwn(source, key)) result[key] = source[key];
    return result;
  },
  omit: (args) => {
    arity('omit', args, 1, Infinity);
    const omitted = new Set(args.slice(1).map((key) => text(key)));
    const result: Dict = {};
    for (const [key, value] of Object.entries(dictOrNil(args[0], 'omit'))) if (!omitted.has(key)) result[key] = value;
    return result;
  },
  merge: merger('merge', false),
  mergeOverwrite: merger('mergeOverwrite', true),
  mustMerge: merger('mustMerge', false),
  mustMergeOverwrite: merger('mustMergeOverwrite', true),
  deepCopy: (args) => (arity('deepCopy', args, 1), deepCopy(args[0])),
  mustDeepCopy: (args) => {
    arity('mustDeepCopy', args, 1);
    if (args[0] === null || args[0] === undefined) throw new FunctionError('copy: cannot copy nil');
    return deepCopy(args[0]);
  },
  dig: (args) => dig(args),
  ...listFunction('first', 1, 'Cannot find first on type', (list) => list[0]),
  ...listFunction('last', 1, 'Cannot find last on type', (list) => list[list.length - 1]),
  ...listFunction('rest', 1, 'Cannot find rest on type', (list) => (list.length === 0 ? undefined : list.slice(1))),
  ...listFunction('initial', 1, 'Cannot find initial on type', (list) => (list.length === 0 ? undefined : list.slice(0, -1))),
  ...listFunction('append', 2, 'Cannot push on type', (list, args) => [...list, args[1]]),
  ...listFunction('push', 2, 'Cannot push on type', (list, args) => [...list, args[1]]),
  ...listFunction('prepend', 2, 'Cannot prepend on type', (list, args) => [args[1], ...list]),
  ...listFunction('reverse', 1, 'Cannot find reverse on type', (list) => [...list].reverse()),
  ...listFunction('uniq', 1, 'Cannot find uniq on type', (list) => list.filter((item, index) => list.findIndex((other) => deepEqual(item, other)) === index)),
  ...listFunction('compact', 1, 'Cannot compact on type', (list) => list.filter((item) => !isEmpty(item))),
  ...listFunction('without', 1, 'Cannot find without on type', (list, args) => list.filter((item) => !args.slice(1).some((other) => deepEqual(item, other))), Infinity),
  ...listFunction('slice', 1, 'list should be type of slice or array but', slice, 3),
  has: (args) => {
    arity('has', args, 2);
    if (args[1] === null || args[1] === undefined) return false;
    if (!Array.isArray(args[1])) throw new FunctionError(`Cannot find has on type ${kindName(args[1])}`);
    return args[1].some((item) => deepEqual(args[0], item));
  },
  mustHas: (args) => {
    arity('mustHas', args, 2);
    if (args[1] === null || args[1] === undefined) return false;
    if (!Array.isArray(args[1])) throw new FunctionError(`Cannot find has on type ${kindName(args[1])}`);
    return args[1].some((item) => deepEqual(args[0], item));
  },
  concat: (args) => {
    const result: unknown[] = [];
    for (const arg of args) {
      if (!Array.isArray(arg)) throw new FunctionError(`Cannot concat type ${kindName(arg)} as list`);
      result.push(...arg);
    }
    return result;
  },
  chunk: (args) => {
    arity('chunk', args, 2);
    if (!Array.isArray(args[1])) throw new FunctionError(`Cannot chunk type ${kindName(args[1])}`);
    return chunk(integer(args[0]), args[1]);
  },
  mustChunk: (args) => {
    arity('mustChunk', args, 2);
    if (!Array.isArray(args[1])) throw new FunctionError(`Cannot chunk type ${kindName(args[1])}`);
    return chunk(integer(args[0]), args[1]);
  },
  deepEqual: (args) => (arity('deepEqual', args, 2), deepEqual(args[0], args[1])),
};
