// Sprig's integer conversions and arithmetic (int64, as in Sprig).
import { FunctionError, type TemplateFunction } from '../execute.js';
import { arity, toInteger } from './arguments.js';

function fold(name: string, combine: (a: number, b: number) => number): TemplateFunction {
  return (args) => {
    arity(name, args, 1, Infinity);
    return args.map(toInteger).reduce(combine);
  };
}

export const numbers: Record<string, TemplateFunction> = {
  int: (args) => (arity('int', args, 1), toInteger(args[0])),
  int64: (args) => (arity('int64', args, 1), toInteger(args[0])),
  float64: (args) => (arity('float64', args, 1), typeof args[0] === 'number' ? args[0] : Number(args[0]) || 0),
  atoi: (args) => (arity('atoi', args, 1), /^[+-]?\d+$/.test(String(args[0])) ? Number(args[0]) : 0),
  add: fold('add', (a, b) => a + b),
  add1: (args) => (arity('add1', args, 1), toInteger(args[0]) + 1),
  sub: (args) => (arity('sub', args, 2), toInteger(args[0]) - toInteger(args[1])),
  mul: fold('mul', (a, b) => a * b),
  div: (args) => {
    arity('div', args, 2);
    if (toInteger(args[1]) === 0) throw new FunctionError('runtime error: integer divide by zero');
    return Math.trunc(toInteger(args[0]) / toInteger(args[1]));
  },
  mod: (args) => {
    arity('mod', args, 2);
    if (toInteger(args[1]) === 0) throw new FunctionError('runtime error: integer divide by zero');
    return toInteger(args[0]) % toInteger(args[1]);
  },
  max: fold('max', Math.max),
  min: fold('min', Math.min),
};
