// Terragrunt: a terragrunt.hcl whose `terraform { source = "..." }` is a module directory of the
// repository is one environment of that module, applied from the terragrunt.hcl's directory; its
// `inputs = { ... }` are the module's variable values for that environment, each remembering its
// line (the line a plan edits, as a tfvars line).
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { evaluate, UNKNOWN, type Scope } from './evaluate.js';
import { blocksOf, type Body } from './syntax.js';
import type { VariableValues } from './variables.js';

export interface TerragruntUnit {
  /** The terragrunt.hcl file (as given to the reader). */
  file: string;
  /** Absolute directory of the module its terraform.source names. */
  module: string;
  values: VariableValues;
}

const EMPTY_SCOPE: Scope = { variable: () => UNKNOWN, local: () => UNKNOWN };

export function isTerragruntFile(path: string): boolean {
  return basename(path) === 'terragrunt.hcl';
}

/**
 * The unit a parsed terragrunt.hcl declares, or undefined when its source is not a local module
 * directory (a registry or git module is not in the repository; a root terragrunt.hcl that only
 * configures remote state and inputs for others has no source).
 */
export function terragruntUnit(file: string, body: Body, displayPath: string): TerragruntUnit | undefined {
  const source = blocksOf(body, 'terraform').map((block) => evaluate(block.body.attributes.get('source')?.value ?? { kind: 'opaque' }, EMPTY_SCOPE)).find((value) => typeof value === 'string');
  if (typeof source !== 'string' || !/^\.{1,2}\//.test(source)) return undefined;
  // "../../modules//eks" is the eks folder of ../../modules; a query (?ref=) means nothing locally.
  const module = resolve(dirname(file), source.replace(/\?.*$/, '').replace(/\/\/+/g, '/'));
  const values: VariableValues = new Map();
  const inputs = body.attributes.get('inputs');
  if (inputs?.value.kind === 'object') {
    for (const entry of inputs.value.entries) {
      const name = evaluate(entry.key, EMPTY_SCOPE);
      if (typeof name === 'string') values.set(name, { value: evaluate(entry.value, EMPTY_SCOPE), origin: { type: 'terraform', path: displayPath, line: entry.line } });
    }
  }
  return { file, module, values };
}

/**
 * Environment names for the units of one module: the first folder that tells their directories
 * apart (live/dev/eks and live/prod/eks are "dev" and "prod"); a lone unit is named by its folder.
 */
export function unitNames(units: readonly TerragruntUnit[], cwd: string): string[] {
  const folders = units.map((unit) => dirname(resolve(unit.file)).split(sep));
  if (folders.length === 1) return [basename(dirname(units[0].file))];
  let common = 0;
  while (folders.every((parts) => parts[common] !== undefined && parts[common] === folders[0][common])) common++;
  // A unit in the folder the others sit below is named by its path.
  return folders.map((parts, index) => parts[common] ?? (relative(cwd, dirname(units[index].file)) || '.'));
}
