// Sprig's defaults, conditionals and type tests, and Helm's required and fail.
import { FunctionError, type TemplateFunction } from '../execute.js';
import { kindName, typeName } from '../go-values.js';
import { arity, boolean, isEmpty, text } from './arguments.js';

/** Sprig's typeOf is fmt's %T. */
function typeOf(value: unknown): string {
  return typeName(value);
}

export const logic: Record<string, TemplateFunction> = {
  // Sprig's default takes its given value variadically and looks at the first one only.
  default: (args) => (arity('default', args, 1, Infinity), args.length < 2 || isEmpty(args[1]) ? args[0] : args[1]),
  empty: (args) => (arity('empty', args, 1), isEmpty(args[0])),
  coalesce: (args) => args.find((arg) => !isEmpty(arg)),
  all: (args) => args.every((arg) => !isEmpty(arg)),
  any: (args) => args.some((arg) => !isEmpty(arg)),
  ternary: (args) => (arity('ternary', args, 3), boolean(args[2]) ? args[0] : args[1]),
  required: (args) => {
    arity('required', args, 2);
    if (args[1] === null || args[1] === undefined || args[1] === '') throw new FunctionError(text(args[0]));
    return args[1];
  },
  fail: (args) => {
    arity('fail', args, 1);
    throw new FunctionError(text(args[0]));
  },
  typeOf: (args) => (arity('typeOf', args, 1), typeOf(args[0])),
  typeIs: (args) => (arity('typeIs', args, 2), text(args[0]) === typeOf(args[1])),
  typeIsLike: (args) => (arity('typeIsLike', args, 2), text(args[0]) === typeOf(args[1]) || `*${text(args[0])}` === typeOf(args[1])),
  kindOf: (args) => (arity('kindOf', args, 1), kindName(args[0])),
  kindIs: (args) => (arity('kindIs', args, 2), kindName(args[1]) === text(args[0])),
};
