// Executes a parsed template tree against data with Go text/template semantics: dot and
// variables, field chains on maps, method calls on Helm's built-in objects, pipelines
// (the previous value becomes the last argument), short-circuit and/or, and control flow.
import type { Argument, Command, ControlNode, Node, Pipeline } from './parser.js';
import { Output } from './output.js';
import { TemplateError } from './template-error.js';
import { formatValue, GoInt64, GoTime, goInt, goInt64, isDict, isTruthy, printValue, typeName, widenInteger, type Dict } from './go-values.js';
import { MUTATING_FUNCTIONS } from './functions/collections.js';

/** What a function sees besides its arguments: the template set it runs in. */
export interface CallContext {
  /** Renders a named template to a string (Helm's include). */
  include(name: string, data: unknown): string;
  /** Parses and renders template text (Helm's tpl). */
  renderText(text: string, data: unknown): string;
}

export type TemplateFunction = (args: unknown[], context: CallContext) => unknown;

export interface TemplateSet {
  templates: Map<string, { body: Node[]; file: string }>;
  functions: ReadonlyMap<string, TemplateFunction>;
  /** Parses extra template text into this set (for tpl); returns its body. */
  parse(text: string, file: string): Node[];
}

/** A failure raised by a function (required, fail, a bad argument); located by the caller. */
export class FunctionError extends Error {}

const MAX_DEPTH = 1000;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

interface Frame {
  file: string;
  variables: { name: string; value: unknown }[];
  depth: number;
}

/**
 * Charts include the same helper with the same data many times per template (fullname,
 * labels, selectorLabels): its text is remembered per data object and reused as long as
 * nothing that could change it has happened since (MUTATING_FUNCTIONS, tpl's defines).
 */
interface IncludeMemo {
  generation: number;
  /** Created on the first include; it lives as long as one execution. */
  texts?: Map<object, Map<string, { generation: number; text: string }>>;
}

export function execute(set: TemplateSet, body: Node[], file: string, data: unknown, output: Output, depth = 0): void {
  const executor = new Executor(set, output, { generation: 0 });
  executor.run(body, data, { file, variables: [{ name: '$', value: data }], depth });
}

class Executor implements CallContext {
  private frame!: Frame;

  constructor(
    private readonly set: TemplateSet,
    private readonly output: Output,
    private readonly memo: IncludeMemo,
  ) {}

  run(body: Node[], dot: unknown, frame: Frame): void {
    const saved = this.frame;
    this.frame = frame;
    try {
      this.list(body, dot);
    } finally {
      this.frame = saved;
    }
  }

  include(name: string, data: unknown): string {
    const byName = typeof data === 'object' && data !== null ? this.memo.texts?.get(data) : undefined;
    const remembered = byName?.get(name);
    if (remembered && remembered.generation === this.memo.generation) return remembered.text;
    const generation = this.memo.generation;
    const output = new Output(false);
    this.call(name, data, output, this.frame.file, 0, 0);
    const text = output.toString();
    if (typeof data === 'object' && data !== null && generation === this.memo.generation) {
      if (byName) byName.set(name, { generation, text });
      else (this.memo.texts ??= new Map()).set(data, new Map([[name, { generation, text }]]));
    }
    return text;
  }

  renderText(text: string, data: unknown): string {
    const output = new Output(false);
    this.memo.generation++;
    const body = this.set.parse(text, this.frame.file);
    this.nested(output).run(body, data, { file: this.frame.file, variables: [{ name: '$', value: data }], depth: this.frame.depth + 1 });
    // helm's tpl removes Go's <no value> from its result, as it does from a template's output
    // (include does not): Istio tests `tpl` of a missing value against "".
    return output.toString().replaceAll('<no value>', '');
  }

  private nested(output: Output): Executor {
    return new Executor(this.set, output, this.memo);
  }

  private call(name: string, data: unknown, output: Output, file: string, line: number, column: number): void {
    const template = this.set.templates.get(name);
    if (!template) throw new TemplateError(file, line, column, `no template "${name}" associated with the chart`);
    if (this.frame.depth >= MAX_DEPTH) throw new TemplateError(file, line, column, `template "${name}" calls itself more than ${MAX_DEPTH} times`);
    const executor = output === this.output ? this : this.nested(output);
    executor.run(template.body, data, { file: template.file, variables: [{ name: '$', value: data }], depth: this.frame.depth + 1 });
  }

  // Indexed loops here and below: this is the renderer's innermost path, and most renders
  // run before the JIT has optimized it, where for-of's iterator costs.
  private list(nodes: Node[], dot: unknown): void {
    for (let index = 0; index < nodes.length; index++) this.node(nodes[index], dot);
  }

  private node(node: Node, dot: unknown): void {
    switch (node.kind) {
      case 'text':
        this.output.write(node.text, this.frame.file, node.line, true);
        return;
      case 'action': {
        const value = this.pipeline(node.pipeline, dot, node.line);
        if (node.pipeline.variables.length === 0) this.output.write(printValue(value), this.frame.file, node.line, false);
        return;
      }
      case 'if':
      case 'with':
      case 'range': {
        const mark = this.frame.variables.length;
        try {
          if (node.kind === 'range') {
            this.range(node, dot);
          } else {
            const value = this.pipeline(node.pipeline, dot, node.line);
            if (isTruthy(value)) this.list(node.body, node.kind === 'with' ? value : dot);
            else this.list(node.otherwise, dot);
          }
        } finally {
          this.frame.variables.length = mark;
        }
        return;
      }
      case 'template': {
        const data = node.pipeline ? this.pipeline(node.pipeline, dot, node.line) : undefined;
        this.call(node.name, data, this.output, this.frame.file, node.line, node.column);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
  }

  private range(node: ControlNode, dot: unknown): void {
    const [first, second] = node.pipeline.variables;
    // range declares its variables per element, not as a pipeline does.
    const value = this.pipeline(node.pipeline, dot, node.line, false);
    let entries: [unknown, unknown][];
    if (value === null || value === undefined) entries = [];
    else if (Array.isArray(value)) entries = value.map((item, index) => [goInt(index), item]);
    else if (isDict(value)) entries = Object.keys(value).sort().map((key) => [key, value[key]]);
    else if (typeof value === 'bigint' || value instanceof GoInt64) {
      if (second !== undefined) throw new TemplateError(this.frame.file, node.line, node.column, `can't use ${value} to iterate over more than one variable`);
      const make = typeof value === 'bigint' ? goInt : goInt64; // the elements have the integer's type
      entries = Array.from({ length: Math.max(0, Number(widenInteger(value))) }, (_, index) => [make(index), make(index)]);
    } else throw new TemplateError(this.frame.file, node.line, node.column, `range can't iterate over ${formatValue(value)}`);
    if (entries.length === 0) {
      this.list(node.otherwise, dot);
      return;
    }
    for (const [key, item] of entries) {
      const mark = this.frame.variables.length;
      if (second !== undefined) {
        this.frame.variables.push({ name: first, value: key }, { name: second, value: item });
      } else if (first !== undefined) {
        this.frame.variables.push({ name: first, value: item });
      }
      try {
        this.list(node.body, item);
      } catch (signal) {
        if (signal === BREAK) break;
        if (signal !== CONTINUE) throw signal;
      } finally {
        this.frame.variables.length = mark;
      }
    }
  }

  private pipeline(pipeline: Pipeline, dot: unknown, line: number, declare = true): unknown {
    const commands = pipeline.commands;
    let value = this.command(commands[0], dot, line, false, undefined);
    for (let index = 1; index < commands.length; index++) value = this.command(commands[index], dot, line, true, value);
    if (!declare) return value;
    for (let index = 0; index < pipeline.variables.length; index++) {
      const name = pipeline.variables[index];
      if (pipeline.assign) {
        const variable = this.findVariable(name, line, pipeline.commands[0].column);
        variable.value = value;
      } else {
        this.frame.variables.push({ name, value });
      }
    }
    return value;
  }

  /** Runs one command of a pipeline; `piped` commands get the previous command's value as their last argument. */
  private command(command: Command, dot: unknown, line: number, piped: boolean, previous: unknown): unknown {
    const args = command.args;
    const head = args[0];
    if (head.kind === 'function') {
      if (head.name === 'and' || head.name === 'or') return this.logic(head.name, command, dot, line, piped, previous);
      return this.invoke(head.name, this.callArguments(command, dot, line, piped, previous), line, head.column);
    }
    if (args.length > 1 || piped) return this.argument(head, dot, line, command.column, this.callArguments(command, dot, line, piped, previous));
    return this.argument(head, dot, line, command.column);
  }

  /** The values of a command's arguments after its head, plus the piped value. */
  private callArguments(command: Command, dot: unknown, line: number, piped: boolean, previous: unknown): unknown[] {
    const values: unknown[] = [];
    for (let index = 1; index < command.args.length; index++) values.push(this.argument(command.args[index], dot, line, command.column));
    if (piped) values.push(previous);
    return values;
  }

  private logic(name: 'and' | 'or', command: Command, dot: unknown, line: number, piped: boolean, previous: unknown): unknown {
    const count = command.args.length - 1 + (piped ? 1 : 0);
    if (count === 0) throw new TemplateError(this.frame.file, line, command.column, `wrong number of args for ${name}: want at least 1 got 0`);
    let value: unknown;
    for (let index = 1; index <= count; index++) {
      value = index < command.args.length ? this.argument(command.args[index], dot, line, command.column) : previous;
      if (isTruthy(value) === (name === 'or')) return value;
    }
    return value;
  }

  private invoke(name: string, args: unknown[], line: number, column: number): unknown {
    const fn = this.set.functions.get(name)!;
    if (MUTATING_FUNCTIONS.has(name)) this.memo.generation++;
    try {
      return fn(args, this);
    } catch (error) {
      throw this.callError(error, name, line, column);
    }
  }

  /**
   * A function's failure, located. As Go's safeCall turns a panic in a function into the
   * call's error, any exception a function raises (a RangeError, a library's Error) fails
   * this template, never the whole scan; errors of nested templates pass through as they are.
   */
  private callError(error: unknown, name: string, line: number, column: number): unknown {
    if (error instanceof TemplateError || !(error instanceof Error)) return error;
    return new TemplateError(this.frame.file, line, column, `error calling ${name}: ${error.message}`);
  }

  private argument(arg: Argument, dot: unknown, line: number, column: number, callArgs?: unknown[]): unknown {
    switch (arg.kind) {
      case 'literal':
        if (callArgs) throw new TemplateError(this.frame.file, line, column, `can't give argument to non-function ${formatValue(arg.value)}`);
        return arg.value;
      case 'dot':
        if (callArgs) throw new TemplateError(this.frame.file, line, column, "can't give argument to non-function .");
        return dot;
      case 'function':
        return this.invoke(arg.name, callArgs ?? [], line, arg.column);
      case 'variable':
        return this.fields(this.findVariable(arg.name, line, column).value, arg.names, line, column, callArgs, arg.name);
      case 'field':
        return this.fields(dot, arg.names, line, column, callArgs, '');
      case 'pipeline':
        return this.fields(this.pipeline(arg.pipeline, dot, line), arg.names, line, column, callArgs, '');
    }
  }

  private fields(receiver: unknown, names: string[], line: number, column: number, callArgs: unknown[] | undefined, prefix: string): unknown {
    let value = receiver;
    for (let index = 0; index < names.length; index++) {
      const name = names[index];
      const last = index === names.length - 1;
      if (value === null || value === undefined) {
        // As Go's evalField: a nil that a variable, a pipeline or dot holds has no fields and
        // gives nil; a nil met inside a chain (a missing key, .a.b with a unset) is an error.
        if (index === 0) return undefined;
        throw new TemplateError(this.frame.file, line, column, `nil pointer evaluating interface {}.${name}`);
      }
      // A value with methods of its own answers them as the Go type does: a time's Format, Unix, ...
      // and a list's (.Capabilities.APIVersions.Has).
      const hasMethod = (value instanceof GoTime && /^[A-Z]/.test(name)) || (Array.isArray(value) && Object.hasOwn(value, name));
      const method = hasMethod ? (value as unknown as Dict)[name] : undefined;
      if (!isDict(value) && typeof method !== 'function') {
        throw new TemplateError(this.frame.file, line, column, `can't evaluate field ${name} in type ${typeName(value)}`);
      }
      if (value instanceof GoTime) {
        value = (method as (...args: unknown[]) => unknown).apply(value, last ? (callArgs ?? []) : []);
        continue;
      }
      // A Go method: a list's own (.Capabilities.APIVersions.Has), or on the prototype of a class
      // helm's objects are modelled with (.Files.Get).
      const field = method ?? (Object.hasOwn(value, name) ? (value as Dict)[name] : methodOf(value, name));
      if (typeof field === 'function') {
        const args = last ? (callArgs ?? []) : [];
        try {
          value = (field as (...args: unknown[]) => unknown).apply(value, args);
        } catch (error) {
          throw this.callError(error, name, line, column);
        }
        continue;
      }
      if (last && callArgs) throw new TemplateError(this.frame.file, line, column, `${prefix}.${names.join('.')} has arguments but cannot be invoked as function`);
      value = field;
    }
    if (names.length === 0 && callArgs) throw new TemplateError(this.frame.file, line, column, `can't give argument to non-function ${prefix}`);
    return value;
  }

  private findVariable(name: string, line: number, column: number): { name: string; value: unknown } {
    const variables = this.frame.variables;
    for (let index = variables.length - 1; index >= 0; index--) if (variables[index].name === name) return variables[index];
    throw new TemplateError(this.frame.file, line, column, `undefined variable "${name}"`);
  }
}

function methodOf(value: object, name: string): unknown {
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null || !/^[A-Z]/.test(name)) return undefined;
  const method = (prototype as Record<string, unknown>)[name];
  return typeof method === 'function' ? method : undefined;
}

