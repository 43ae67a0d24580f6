// PATH arguments of the commands that read no standard input (fix, plan, simulate), checked
// before the scan so that the message fits the command: the file source's own message offers
// `-f -` for standard input, which only `check` has.
import { existsSync } from 'node:fs';
import { UsageError } from '../core/errors.js';

export function requireExistingPaths(paths: readonly string[], command: string): void {
  for (const path of paths) {
    if (path === '-') throw new UsageError(`${command} does not read standard input; give files or directories as PATHs`);
    if (!existsSync(path)) throw new UsageError(`path "${path}" does not exist; give a file or directory of manifests`);
  }
}
