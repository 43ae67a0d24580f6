// Variables and locals of one Terraform module directory, resolved for one environment:
// a `.tfvars` value wins over the variable's default; each value remembers where it was set.
import type { Origin } from '../../core/types.js';
import { evaluate, UNKNOWN, type Scope, type Value } from './evaluate.js';
import { blocksOf, type Body, type Expr } from './syntax.js';
import { jsonSyntaxProblem } from '../input-problem.js';

export type TerraformOrigin = Extract<Origin, { type: 'terraform' }>;

export interface SetValue {
  value: Value;
  origin: TerraformOrigin;
}

/** One parsed `.tf` file of a module directory. */
export interface ModuleFile {
  path: string;
  body: Body;
}

/** Values assigned in one `.tfvars` or `.tfvars.json` file. */
export type VariableValues = Map<string, SetValue>;

export interface EnvironmentScope extends Scope {
  /** Where a variable's value came from, when it was set in a tfvars file or a default. */
  originOf(name: string): TerraformOrigin | undefined;
  /** Whether the variable's value is its default (shared by every environment), not a tfvars value. */
  isDefault(name: string): boolean;
  /** A local's expression and the file and line that define it. */
  localDefinition(name: string): { expr: Expr; path: string; line: number } | undefined;
}

const EMPTY_SCOPE: Scope = { variable: () => UNKNOWN, local: () => UNKNOWN };

export function tfvarsValues(body: Body, path: string): VariableValues {
  const values: VariableValues = new Map();
  for (const attribute of body.attributes.values()) {
    values.set(attribute.name, { value: evaluate(attribute.value, EMPTY_SCOPE), origin: { type: 'terraform', path, line: attribute.line } });
  }
  return values;
}

/** Why a `.tfvars.json` file could not be read, and where. */
export interface JsonProblem {
  message: string;
  line: number;
  column: number;
}

/** A `.tfvars.json` file: a JSON object of variable values; lines found by the key's first occurrence. */
export function tfvarsJsonValues(text: string, path: string): VariableValues | JsonProblem {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return jsonSyntaxProblem(text, error);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { message: 'expected a JSON object of variable values', line: 1, column: 1 };
  const values: VariableValues = new Map();
  for (const [name, value] of Object.entries(data)) {
    const offset = text.indexOf(JSON.stringify(name));
    const line = offset < 0 ? 1 : text.slice(0, offset).split('\n').length;
    values.set(name, { value: value as Value, origin: { type: 'terraform', path, line } });
  }
  return values;
}

export function environmentScope(files: readonly ModuleFile[], tfvars: VariableValues | undefined, env: string | undefined): EnvironmentScope {
  const variables = new Map<string, SetValue>();
  const defaults = new Set<string>();
  const locals = new Map<string, Expr>();
  const localSites = new Map<string, { path: string; line: number }>();
  for (const file of files) {
    for (const block of blocksOf(file.body, 'variable')) {
      const name = block.labels[0];
      const fallback = block.body.attributes.get('default');
      if (!name) continue;
      if (fallback) defaults.add(name);
      variables.set(name, fallback
        ? { value: evaluate(fallback.value, EMPTY_SCOPE), origin: { type: 'terraform', path: file.path, line: fallback.line } }
        : { value: UNKNOWN, origin: { type: 'terraform', path: file.path, line: block.line } });
    }
    for (const block of blocksOf(file.body, 'locals')) {
      for (const attribute of block.body.attributes.values()) {
        locals.set(attribute.name, attribute.value);
        localSites.set(attribute.name, { path: file.path, line: attribute.line });
      }
    }
  }
  for (const [name, set] of tfvars ?? []) {
    variables.set(name, set);
    defaults.delete(name);
  }

  const localValues = new Map<string, Value>();
  const evaluating = new Set<string>();
  const scope: EnvironmentScope = {
    variable: (name) => (variables.has(name) ? variables.get(name)!.value : UNKNOWN),
    local(name) {
      if (localValues.has(name)) return localValues.get(name)!;
      const expr = locals.get(name);
      if (!expr || evaluating.has(name)) return UNKNOWN;
      evaluating.add(name);
      const value = evaluate(expr, scope);
      evaluating.delete(name);
      localValues.set(name, value);
      return value;
    },
    isDefault: (name) => defaults.has(name),
    localDefinition(name) {
      const expr = locals.get(name);
      return expr ? { expr, ...localSites.get(name)! } : undefined;
    },
    originOf(name) {
      const origin = variables.get(name)?.origin;
      return origin && env ? { ...origin, env } : origin;
    },
  };
  return scope;
}
