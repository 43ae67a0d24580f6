// The line of a YAML file that sets a version (`version: 1.2.3`, `targetRevision: "4.5.6"`),
// found from where its object starts, so that a plan can edit it where it lives.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ValueSite } from '../core/inventory.js';

// An object's keys sit within a few dozen lines of its start.
const SEARCH_LINES = 60;

/** The first `key: value` line at or after `line` (1-based) of a display path, or undefined. */
export function yamlValueSite(path: string, cwd: string, line: number, key: string, value: string): ValueSite | undefined {
  let lines: string[];
  try {
    lines = readFileSync(resolve(cwd, path), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\s*(-\\s+)?${key}:\\s*["']?${escaped}["']?\\s*(#.*)?$`);
  for (let index = Math.max(0, line - 1); index < Math.min(lines.length, line - 1 + SEARCH_LINES); index++) {
    if (pattern.test(lines[index])) return { path, line: index + 1, value };
  }
  return undefined;
}
