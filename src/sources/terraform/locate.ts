// Where a value is set for one environment: follows an attribute's expression through
// var. (to the environment's tfvars line, or the variable's default), local. (into object
// keys), coalesce, try, lookup, tostring and conditionals, to the literal that produced the
// value — the line a plan must edit to change it for that environment.
import type { ValueSite } from '../../core/inventory.js';
import { asObject, asText, evaluate, UNKNOWN } from './evaluate.js';
import type { Expr } from './syntax.js';
import type { EnvironmentScope } from './variables.js';

export interface Place {
  path: string;
  line: number;
}

const DEPTH_LIMIT = 16;

/**
 * The site of `expr`, written at `at` (the attribute or object entry holding it), or undefined
 * when the value is not a literal upshift can trace (a resource attribute, a for expression).
 * `shared` says whether files other than tfvars are read by several environments.
 */
export function locateValue(expr: Expr, at: Place, scope: EnvironmentScope, shared: boolean): ValueSite | undefined {
  const site = locate(expr, at, scope, 0);
  if (!site) return undefined;
  // A tfvars file, or a terragrunt.hcl's inputs, belongs to one environment.
  if (site.shared === undefined && shared && !/\.tfvars(\.json)?$|(^|\/)terragrunt\.hcl$/.test(site.path)) site.shared = {};
  return site;
}

function locate(expr: Expr, at: Place, scope: EnvironmentScope, depth: number): ValueSite | undefined {
  if (depth > DEPTH_LIMIT) return undefined;
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' || typeof expr.value === 'number' ? { ...at, value: String(expr.value) } : undefined;
    case 'template':
      return expr.parts.every((part) => typeof part === 'string') ? { ...at, value: expr.parts.join('') } : undefined;
    case 'reference':
      return reference(expr.root, expr.path, scope, depth);
    case 'conditional': {
      const condition = evaluate(expr.condition, scope);
      if (typeof condition !== 'boolean') return undefined;
      return locate(condition ? expr.then : expr.otherwise, at, scope, depth + 1);
    }
    case 'call':
      return call(expr.name, expr.args, at, scope, depth);
    default:
      return undefined;
  }
}

function reference(root: string, path: (string | number)[], scope: EnvironmentScope, depth: number): ValueSite | undefined {
  const [name, ...rest] = path;
  if (typeof name !== 'string') return undefined;
  if (root === 'var') {
    const value = asText(scope.variable(name));
    const origin = scope.originOf(name);
    // A key inside a map variable is not traced: its line is not the variable's.
    if (rest.length > 0 || value === undefined || !origin) return undefined;
    const site: ValueSite = { path: origin.path, line: origin.line, value };
    if (scope.isDefault(name)) site.shared = { variable: name };
    return site;
  }
  if (root === 'local') {
    const definition = scope.localDefinition(name);
    if (!definition) return undefined;
    let expr = definition.expr;
    let line = definition.line;
    for (const key of rest) {
      // A key of a local that is not an object literal (local.x = var.versions) is not traced.
      if (expr.kind !== 'object') return undefined;
      const entry = expr.entries.find((candidate) => asText(evaluate(candidate.key, scope)) === String(key));
      if (!entry) return undefined;
      expr = entry.value;
      line = entry.line;
    }
    return locate(expr, { path: definition.path, line }, scope, depth + 1);
  }
  return undefined;
}

function call(name: string, args: Expr[], at: Place, scope: EnvironmentScope, depth: number): ValueSite | undefined {
  switch (name) {
    case 'coalesce':
      for (const arg of args) {
        const value = evaluate(arg, scope);
        if (value === UNKNOWN) return undefined;
        if (value !== null && value !== '') return locate(arg, at, scope, depth + 1);
      }
      return undefined;
    case 'try':
      for (const arg of args) if (evaluate(arg, scope) !== UNKNOWN) return locate(arg, at, scope, depth + 1);
      return undefined;
    case 'tostring':
      return args[0] ? locate(args[0], at, scope, depth + 1) : undefined;
    case 'lookup': {
      const [map, key, fallback] = args;
      const object = map && asObject(evaluate(map, scope));
      const wanted = key && asText(evaluate(key, scope));
      if (!object || wanted === undefined) return undefined;
      if (!(wanted in object)) return fallback ? locate(fallback, at, scope, depth + 1) : undefined;
      if (map.kind === 'reference') return reference(map.root, [...map.path, wanted], scope, depth + 1);
      if (map.kind === 'object') {
        const entry = map.entries.find((candidate) => asText(evaluate(candidate.key, scope)) === wanted);
        return entry ? locate(entry.value, { path: at.path, line: entry.line }, scope, depth + 1) : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
