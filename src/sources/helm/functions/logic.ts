// Sprig's defaults and conditionals, and Helm's required and fail.
import { FunctionError, type TemplateFunction } from '../execute.js';
import { isDict } from '../go-values.js';
import { arity, isEmpty, text } from './arguments.js';

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'invalid';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value === 'string' ? 'string' : 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  if (Array.isArray(value)) return 'slice';
  return isDict(value) ? 'map' : 'func';
}

export const logic: Record<string, TemplateFunction> = {
  default: (args) => (arity('default', args, 1, 2), args.length < 2 || isEmpty(args[1]) ? args[0] : args[1]),
  empty: (args) => (arity('empty', args, 1), isEmpty(args[0])),
  coalesce: (args) => args.find((arg) => !isEmpty(arg)),
  ternary: (args) => (arity('ternary', args, 3), args[2] === true ? args[0] : args[1]),
  required: (args) => {
    arity('required', args, 2);
    if (args[1] === null || args[1] === undefined || args[1] === '') throw new FunctionError(text(args[0]));
    return args[1];
  },
  fail: (args) => {
    arity('fail', args, 1);
    throw new FunctionError(text(args[0]));
  },
  kindOf: (args) => (arity('kindOf', args, 1), kindOf(args[0])),
  kindIs: (args) => (arity('kindIs', args, 2), kindOf(args[1]) === text(args[0])),
};
