// Runs the built CLI as a user would: a real process, with its exit code, stdout and stderr.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** What standard input holds (default: empty). */
  stdin?: string;
  /** Variables set over the test's own environment (e.g. PATH, KUBECONFIG). */
  env?: NodeJS.ProcessEnv;
}

export function runUpshift(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(ROOT, 'bin/upshift.js'), ...args],
      // Reports of the large-input tests reach hundreds of megabytes.
      { cwd: options.cwd ?? ROOT, env: { ...process.env, CI: 'true', NO_COLOR: '1', ...options.env }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin!.end(options.stdin ?? '');
  });
}
