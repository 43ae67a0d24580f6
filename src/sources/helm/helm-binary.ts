// Rendering with a real `helm` binary when one is available: which binary (--helm-bin,
// UPSHIFT_HELM_BIN, else `helm` on PATH; `none` keeps upshift's own renderer), and one
// `helm template` run per chart environment, told the target's version and served APIs.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { goToolEnvironment } from '../go-tool-environment.js';
import { commandOnPath, isExecutableFile } from '../command-on-path.js';

/** The setting that keeps upshift's own renderer even when helm is on PATH. */
export const OWN_RENDERER = 'none';

/**
 * The helm binary to render charts with, or undefined for the own renderer. `setting` is
 * --helm-bin (a path, a command name looked up on PATH, or `none`); without it the
 * UPSHIFT_HELM_BIN environment variable, then `helm` on PATH.
 */
export function resolveHelmBinary(setting: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = setting ?? (env.UPSHIFT_HELM_BIN || undefined);
  if (chosen === OWN_RENDERER) return undefined;
  if (chosen === undefined) return commandOnPath('helm', env);
  const source = setting === undefined ? 'UPSHIFT_HELM_BIN' : '--helm-bin';
  if (!/[\\/]/.test(chosen)) {
    const found = commandOnPath(chosen, env);
    if (!found) throw new UsageError(`${source} ${chosen}: no such command on PATH; give the path of a helm binary, or ${OWN_RENDERER} for upshift's own renderer`);
    return found;
  }
  const path = isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
  if (!isExecutableFile(path)) throw new UsageError(`${source} ${chosen}: not an executable file; give the path of a helm binary, or ${OWN_RENDERER} for upshift's own renderer`);
  return path;
}

export interface HelmTemplateRequest {
  chartRoot: string;
  release: { name: string; namespace: string };
  /** "1.33" */
  target: string;
  /** What the target serves: "group/version" and "group/version/Kind". */
  apiVersions: readonly string[];
  /** Absolute paths, in the order helm applies them: the environment's file, then the user's. */
  valuesFiles: readonly string[];
  set: readonly string[];
  /** --set-string assignments, after --set as helm applies them. */
  setString?: readonly string[];
  cwd: string;
  /** Ends the helm process when aborted (a scan that is abandoned). */
  signal?: AbortSignal;
}

/** Helm refused to render: its own message (the `Error: ...` line of its stderr). */
export class HelmFailure extends Error {}

const execFileAsync = promisify(execFile);

/** The output of `helm template` for one environment; a HelmFailure when helm fails. */
export async function helmTemplate(binary: string, request: HelmTemplateRequest): Promise<string> {
  const args = [
    'template',
    request.release.name,
    request.chartRoot,
    '--namespace',
    request.release.namespace,
    '--kube-version',
    `v${request.target}.0`,
    '--api-versions',
    request.apiVersions.join(','),
    ...request.valuesFiles.flatMap((file) => ['--values', file]),
    ...request.set.flatMap((assignment) => ['--set', assignment]),
    ...(request.setString ?? []).flatMap((assignment) => ['--set-string', assignment]),
  ];
  try {
    return (await execFileAsync(binary, args, { cwd: request.cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000, env: goToolEnvironment(), signal: request.signal })).stdout;
  } catch (error) {
    throw new HelmFailure(failureMessage(binary, error as NodeJS.ErrnoException & { stderr?: unknown; signal?: string }));
  }
}

function failureMessage(binary: string, error: NodeJS.ErrnoException & { stderr?: unknown; signal?: string }): string {
  if (error.code === 'ENOENT' || error.code === 'EACCES') return `${binary} could not be run (${error.code})`;
  if (error.signal) return `${binary} template was stopped (${error.signal}) after 120 s or by a signal`;
  const lines = String(error.stderr ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
  // Helm prints warnings before its one `Error:` line.
  const message = lines.find((line) => line.startsWith('Error: ')) ?? lines.at(-1) ?? `${binary} template failed without a message`;
  return message.replace(/^Error: /, '');
}
