// Sprig's string functions that charts use most.
import type { TemplateFunction } from '../execute.js';
import { FunctionError } from '../execute.js';
import { arity, integer, stringValue, text } from './arguments.js';

function indent(spaces: unknown, value: unknown): string {
  const pad = ' '.repeat(Math.max(0, integer(spaces)));
  return pad + text(value).replaceAll('\n', `\n${pad}`);
}

function goRegex(pattern: unknown): RegExp {
  try {
    return new RegExp(text(pattern).replace(/^\(\?i\)/, ''), /^\(\?i\)/.test(text(pattern)) ? 'gi' : 'g');
  } catch (error) {
    throw new FunctionError(`error parsing regexp: ${(error as Error).message}`);
  }
}

function quoteAll(args: unknown[]): string {
  return args.filter((arg) => arg !== null && arg !== undefined).map((arg) => JSON.stringify(stringValue(arg))).join(' ');
}

export const strings: Record<string, TemplateFunction> = {
  upper: (args) => (arity('upper', args, 1), text(args[0]).toUpperCase()),
  lower: (args) => (arity('lower', args, 1), text(args[0]).toLowerCase()),
  title: (args) => (arity('title', args, 1), text(args[0]).replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())),
  trim: (args) => (arity('trim', args, 1), text(args[0]).trim()),
  trimAll: (args) => {
    arity('trimAll', args, 2);
    const cut = new Set(text(args[0]));
    const chars = [...text(args[1])];
    while (chars.length && cut.has(chars[0])) chars.shift();
    while (chars.length && cut.has(chars[chars.length - 1])) chars.pop();
    return chars.join('');
  },
  trimPrefix: (args) => (arity('trimPrefix', args, 2), text(args[1]).startsWith(text(args[0])) ? text(args[1]).slice(text(args[0]).length) : text(args[1])),
  trimSuffix: (args) => {
    arity('trimSuffix', args, 2);
    const [suffix, value] = [text(args[0]), text(args[1])];
    return suffix && value.endsWith(suffix) ? value.slice(0, -suffix.length) : value;
  },
  trunc: (args) => {
    arity('trunc', args, 2);
    const [count, value] = [integer(args[0]), text(args[1])];
    if (count < 0) return value.length + count > 0 ? value.slice(value.length + count) : value;
    return value.length > count ? value.slice(0, count) : value;
  },
  replace: (args) => (arity('replace', args, 3), text(args[2]).replaceAll(text(args[0]), text(args[1]))),
  contains: (args) => (arity('contains', args, 2), text(args[1]).includes(text(args[0]))),
  hasPrefix: (args) => (arity('hasPrefix', args, 2), text(args[1]).startsWith(text(args[0]))),
  hasSuffix: (args) => (arity('hasSuffix', args, 2), text(args[1]).endsWith(text(args[0]))),
  // One string is by far the commonest call: skip the list work for it.
  quote: (args) => (args.length === 1 && typeof args[0] === 'string' ? JSON.stringify(args[0]) : quoteAll(args)),
  squote: (args) => args.filter((arg) => arg !== null && arg !== undefined).map((arg) => `'${stringValue(arg)}'`).join(' '),
  indent: (args) => (arity('indent', args, 2), indent(args[0], args[1])),
  nindent: (args) => (arity('nindent', args, 2), `\n${indent(args[0], args[1])}`),
  repeat: (args) => (arity('repeat', args, 2), text(args[1]).repeat(Math.max(0, integer(args[0])))),
  substr: (args) => {
    arity('substr', args, 3);
    const [start, end, value] = [integer(args[0]), integer(args[1]), text(args[2])];
    return value.slice(Math.max(0, start), end < 0 || end > value.length ? value.length : end);
  },
  nospace: (args) => (arity('nospace', args, 1), text(args[0]).replace(/\s+/g, '')),
  cat: (args) => args.filter((arg) => arg !== null && arg !== undefined).map(stringValue).join(' '),
  toString: (args: unknown[]) => (arity('toString', args, 1), stringValue(args[0])),
  splitList: (args) => (arity('splitList', args, 2), text(args[1]).split(text(args[0]))),
  split: (args) => (arity('split', args, 2), Object.fromEntries(text(args[1]).split(text(args[0])).map((part, index) => [`_${index}`, part]))),
  join: (args) => {
    arity('join', args, 2);
    const list = Array.isArray(args[1]) ? args[1] : [args[1]];
    return list.filter((item) => item !== null && item !== undefined).map(stringValue).join(text(args[0]));
  },
  regexMatch: (args) => (arity('regexMatch', args, 2), goRegex(args[0]).test(text(args[1]))),
  regexFind: (args) => (arity('regexFind', args, 2), goRegex(args[0]).exec(text(args[1]))?.[0] ?? ''),
  regexReplaceAll: (args) => (arity('regexReplaceAll', args, 3), text(args[1]).replace(goRegex(args[0]), text(args[2]).replace(/\$\{(\w+)\}/g, '$$$1'))),
};
