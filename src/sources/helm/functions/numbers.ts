// Sprig's numbers: integer arithmetic on int64 (GoInt64 here; `int` gives a Go int, a bigint), the float64
// functions (addf, floor, round, ...) on JS numbers, and the list ranges until/untilStep.
import { FunctionError, type TemplateFunction } from '../execute.js';
import { goInt, goInt64 } from '../go-values.js';
import { arity, integer, toFloat, toInteger } from './arguments.js';

function integers(name: string, min: number, combine: (values: number[]) => number): TemplateFunction {
  return (args) => {
    arity(name, args, min, Infinity);
    return goInt64(combine(args.map(toInteger)));
  };
}

/** The *f functions compute on shopspring/decimal; doubles give the same result for chart-sized numbers. */
function floats(name: string, min: number, combine: (values: number[]) => number): TemplateFunction {
  return (args) => {
    arity(name, args, min, Infinity);
    return combine(args.map(toFloat));
  };
}

/** Decimal results rounded as decimal's Float64 gives them back (0.1+0.2 is 0.3). */
function decimal(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(15)) : value;
}

function untilStep(start: number, stop: number, step: number): bigint[] {
  const values: bigint[] = [];
  if (stop < start) {
    if (step >= 0) return values;
    for (let value = start; value > stop; value += step) values.push(goInt(value));
    return values;
  }
  if (step <= 0) return values;
  for (let value = start; value < stop; value += step) values.push(goInt(value));
  return values;
}

/** Sprig's round: half away from zero at `roundOn` of the last place. */
function round(value: number, places: number, roundOn: number): number {
  const power = 10 ** places;
  const digit = power * value;
  const fraction = digit - Math.trunc(digit);
  return (fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / power;
}

export const numbers: Record<string, TemplateFunction> = {
  int: (args) => (arity('int', args, 1), goInt(toInteger(args[0]))),
  int64: (args) => (arity('int64', args, 1), goInt64(toInteger(args[0]))),
  float64: (args) => (arity('float64', args, 1), toFloat(args[0])),
  add: integers('add', 0, (values) => values.reduce((a, b) => a + b, 0)),
  add1: (args) => (arity('add1', args, 1), goInt64(toInteger(args[0]) + 1)),
  sub: (args) => (arity('sub', args, 2), goInt64(toInteger(args[0]) - toInteger(args[1]))),
  mul: integers('mul', 1, (values) => values.reduce((a, b) => a * b)),
  div: (args) => {
    arity('div', args, 2);
    if (toInteger(args[1]) === 0) throw new FunctionError('runtime error: integer divide by zero');
    return goInt64(Math.trunc(toInteger(args[0]) / toInteger(args[1])));
  },
  mod: (args) => {
    arity('mod', args, 2);
    if (toInteger(args[1]) === 0) throw new FunctionError('runtime error: integer divide by zero');
    return goInt64(toInteger(args[0]) % toInteger(args[1]));
  },
  max: integers('max', 1, (values) => Math.max(...values)),
  biggest: integers('biggest', 1, (values) => Math.max(...values)),
  min: integers('min', 1, (values) => Math.min(...values)),
  maxf: floats('maxf', 1, (values) => Math.max(...values)),
  minf: floats('minf', 1, (values) => Math.min(...values)),
  add1f: floats('add1f', 1, ([value]) => decimal(value + 1)),
  addf: floats('addf', 0, (values) => decimal(values.reduce((a, b) => a + b, 0))),
  subf: floats('subf', 1, (values) => decimal(values.reduce((a, b) => a - b))),
  mulf: floats('mulf', 1, (values) => decimal(values.reduce((a, b) => a * b))),
  divf: (args) => {
    arity('divf', args, 1, Infinity);
    const values = args.map(toFloat);
    if (values.slice(1).some((value) => value === 0)) throw new FunctionError('decimal division by 0');
    return decimal(values.reduce((a, b) => a / b));
  },
  floor: (args) => (arity('floor', args, 1), Math.floor(toFloat(args[0]))),
  ceil: (args) => (arity('ceil', args, 1), Math.ceil(toFloat(args[0]))),
  round: (args) => (arity('round', args, 2, 3), round(toFloat(args[0]), toFloat(args[1]), args.length > 2 ? toFloat(args[2]) : 0.5)),
  until: (args) => {
    arity('until', args, 1);
    const count = integer(args[0]);
    return untilStep(0, count, count < 0 ? -1 : 1);
  },
  untilStep: (args) => (arity('untilStep', args, 3), untilStep(integer(args[0]), integer(args[1]), integer(args[2]))),
  randInt: (args) => {
    arity('randInt', args, 2);
    const [min, max] = [integer(args[0]), integer(args[1])];
    if (max <= min) throw new FunctionError('invalid argument to Intn');
    return goInt(min + Math.floor(Math.random() * (max - min)));
  },
};
