// Sprig's list and dict functions. merge/mergeOverwrite follow mergo as Sprig uses it:
// they fill the destination in place and return it.
import { FunctionError, type TemplateFunction } from '../execute.js';
import { isDict, type Dict } from '../go-values.js';
import { deepCopy } from '../go-copy.js';
import { arity, dict, stringValue, text } from './arguments.js';

function list(value: unknown, name: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new FunctionError(`cannot use ${name} on type ${value === null || value === undefined ? '<nil>' : typeof value}; expected a list`);
}

function mergeInto(destination: Dict, source: Dict, overwrite: boolean): Dict {
  for (const [key, value] of Object.entries(source)) {
    const current = destination[key];
    if (isDict(current) && isDict(value)) mergeInto(current, value, overwrite);
    else if (current === undefined || current === null || (overwrite && value !== undefined && value !== null)) destination[key] = deepCopy(value);
  }
  return destination;
}

function merger(name: string, overwrite: boolean): TemplateFunction {
  return (args) => {
    arity(name, args, 1, Infinity);
    const destination = dict(args[0], `${name}'s first argument`);
    for (const source of args.slice(1)) mergeInto(destination, dict(source, `${name}'s arguments`), overwrite);
    return destination;
  };
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The functions below that change a map in place: the executor forgets the includes it
 * remembered when one runs, so a new in-place function must be added here too.
 */
export const MUTATING_FUNCTIONS: ReadonlySet<string> = new Set(['set', 'unset', 'merge', 'mergeOverwrite']);

export const collections: Record<string, TemplateFunction> = {
  list: (args) => [...args],
  dict: (args) => {
    const result: Dict = {};
    for (let index = 0; index < args.length; index += 2) result[stringValue(args[index])] = index + 1 < args.length ? args[index + 1] : '';
    return result;
  },
  get: (args) => (arity('get', args, 2), Object.hasOwn(dict(args[0], 'get'), text(args[1])) ? dict(args[0], 'get')[text(args[1])] : ''),
  set: (args) => (arity('set', args, 3), Object.assign(dict(args[0], 'set'), { [text(args[1])]: args[2] })),
  unset: (args) => {
    arity('unset', args, 2);
    const target = dict(args[0], 'unset');
    delete target[text(args[1])];
    return target;
  },
  hasKey: (args) => (arity('hasKey', args, 2), Object.hasOwn(dict(args[0], 'hasKey'), text(args[1]))),
  keys: (args) => args.flatMap((arg) => Object.keys(dict(arg, 'keys'))).sort(),
  values: (args) => (arity('values', args, 1), Object.values(dict(args[0], 'values'))),
  pluck: (args) => {
    arity('pluck', args, 1, Infinity);
    const key = text(args[0]);
    return args.slice(1).map((arg) => dict(arg, 'pluck')).filter((map) => Object.hasOwn(map, key)).map((map) => map[key]);
  },
  pick: (args) => {
    const source = dict(args[0], 'pick');
    return Object.fromEntries(args.slice(1).map((key) => text(key)).filter((key) => Object.hasOwn(source, key)).map((key) => [key, source[key]]));
  },
  omit: (args) => {
    const omitted = new Set(args.slice(1).map((key) => text(key)));
    return Object.fromEntries(Object.entries(dict(args[0], 'omit')).filter(([key]) => !omitted.has(key)));
  },
  merge: merger('merge', false),
  mergeOverwrite: merger('mergeOverwrite', true),
  deepCopy: (args) => (arity('deepCopy', args, 1), deepCopy(args[0])),
  first: (args) => (arity('first', args, 1), list(args[0], 'first')[0]),
  last: (args) => (arity('last', args, 1), list(args[0], 'last').at(-1)),
  rest: (args) => (arity('rest', args, 1), list(args[0], 'rest').slice(1)),
  initial: (args) => (arity('initial', args, 1), list(args[0], 'initial').slice(0, -1)),
  append: (args) => (arity('append', args, 2), [...list(args[0], 'append'), args[1]]),
  prepend: (args) => (arity('prepend', args, 2), [args[1], ...list(args[0], 'prepend')]),
  concat: (args) => args.flatMap((arg) => list(arg, 'concat')),
  has: (args) => (arity('has', args, 2), list(args[1], 'has').some((item) => same(item, args[0]))),
  without: (args) => list(args[0], 'without').filter((item) => !args.slice(1).some((other) => same(item, other))),
  uniq: (args) => (arity('uniq', args, 1), list(args[0], 'uniq').filter((item, index, all) => all.findIndex((other) => same(item, other)) === index)),
  compact: (args) => (arity('compact', args, 1), list(args[0], 'compact').filter((item) => item !== null && item !== undefined && item !== '' && item !== 0 && item !== false)),
  reverse: (args) => (arity('reverse', args, 1), [...list(args[0], 'reverse')].reverse()),
  sortAlpha: (args) => (arity('sortAlpha', args, 1), list(args[0], 'sortAlpha').map(stringValue).sort()),
  until: (args) => (arity('until', args, 1), Array.from({ length: Math.max(0, Number(args[0]) || 0) }, (_, index) => index)),
};
