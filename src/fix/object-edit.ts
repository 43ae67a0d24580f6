// Applies edits to a decoded object: the result the edited text must parse back to.
import type { Operation, Path } from './types.js';
import { isRecord } from '../core/fields.js';

export function applyToObject<T>(object: T, operations: readonly Operation[]): T {
  const result = structuredClone(object);
  for (const operation of operations) applyOne(result, operation);
  return result;
}

function applyOne(root: unknown, operation: Operation): void {
  if (operation.op === 'copy') {
    const parent = containerAt(root, operation.from.slice(0, -1)) as Record<string, unknown>;
    const target = containerAt(root, operation.to);
    if (!isRecord(target)) throw new Error(`cannot copy into ${describePath(operation.to)}: not a mapping`);
    insertKey(target, operation.key, structuredClone(parent[String(operation.from.at(-1))]), operation.after);
    return;
  }
  const parent = containerAt(root, operation.path.slice(0, -1));
  const key = operation.path.at(-1)!;
  if (Array.isArray(parent)) {
    if (operation.op !== 'set' || typeof key !== 'number') throw new Error(`cannot ${operation.op} ${describePath(operation.path)}`);
    parent[key] = operation.value;
    return;
  }
  if (!isRecord(parent)) throw new Error(`${describePath(operation.path.slice(0, -1))} is not a mapping`);
  const name = String(key);
  if (operation.op === 'delete') {
    delete parent[name];
  } else if (operation.op === 'rename') {
    const entries = Object.entries(parent).map(([k, v]) => [k === name ? operation.to : k, k === name && 'value' in operation ? operation.value : v] as const);
    for (const k of Object.keys(parent)) delete parent[k];
    for (const [k, v] of entries) parent[k] = v;
  } else if (name in parent) {
    parent[name] = operation.value;
  } else {
    insertKey(parent, name, operation.value, operation.after, operation.before);
  }
}

function insertKey(map: Record<string, unknown>, key: string, value: unknown, after?: string, before?: string): void {
  const entries = Object.entries(map);
  let index = entries.length;
  if (after !== undefined && after in map) index = entries.findIndex(([k]) => k === after) + 1;
  else if (before !== undefined && before in map) index = entries.findIndex(([k]) => k === before);
  entries.splice(index, 0, [key, value]);
  for (const k of Object.keys(map)) delete map[k];
  for (const [k, v] of entries) map[k] = v;
}

function containerAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isRecord(node)) node = node[String(key)];
    else throw new Error(`${describePath(path)} does not exist`);
  }
  return node;
}

export function describePath(path: Path): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('').replace(/^\./, '') || '(root)';
}
