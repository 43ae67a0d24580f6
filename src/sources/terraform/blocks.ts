// Walks the resource and module blocks of a module directory, with their address and
// whether the environment creates them at all (count = 0 or an empty for_each does not).
import { asObject, evaluate, type Scope } from './evaluate.js';
import { blocksOf, type Block } from './syntax.js';
import type { ModuleFile, TerraformOrigin } from './variables.js';

export interface FoundBlock {
  file: ModuleFile;
  block: Block;
  /** `aws_eks_addon.coredns`, `module.eks`. */
  address: string;
}

export function resourceBlocks(files: readonly ModuleFile[], accepts: (type: string) => boolean): FoundBlock[] {
  const found: FoundBlock[] = [];
  for (const file of files) {
    for (const block of blocksOf(file.body, 'resource')) {
      const [type, name] = block.labels;
      if (type && name && accepts(type)) found.push({ file, block, address: `${type}.${name}` });
    }
  }
  return found;
}

/** `module` blocks whose source the predicate accepts (it also sees the block, to judge by its arguments). */
export function moduleBlocks(files: readonly ModuleFile[], accepts: (source: string, block: Block) => boolean): FoundBlock[] {
  const found: FoundBlock[] = [];
  for (const file of files) {
    for (const block of blocksOf(file.body, 'module')) {
      const value = block.body.attributes.get('source')?.value;
      if (value?.kind === 'literal' && typeof value.value === 'string' && accepts(value.value, block)) {
        found.push({ file, block, address: `module.${block.labels[0] ?? ''}` });
      }
    }
  }
  return found;
}

/** False only when count or for_each is known to create nothing in this environment. */
export function isCreated(block: Block, scope: Scope): boolean {
  const count = block.body.attributes.get('count');
  if (count) return evaluate(count.value, scope) !== 0;
  const forEach = block.body.attributes.get('for_each');
  if (forEach) {
    const value = evaluate(forEach.value, scope);
    if (Array.isArray(value)) return value.length > 0;
    const object = asObject(value);
    if (object) return Object.keys(object).length > 0;
  }
  return true;
}

export function originOf(found: FoundBlock, line: number, env: string | undefined): TerraformOrigin {
  const origin: TerraformOrigin = { type: 'terraform', path: found.file.path, line, address: found.address };
  if (env) origin.env = env;
  return origin;
}
