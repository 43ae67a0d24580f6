// `upshift fix` as a library call: find the manifests and chart templates under PATHs,
// migrate what the target no longer serves (or deprecates), and with `write` replace
// exactly the files whose text changed, atomically.
import { displayPath } from './core/display-path.js';
import { accessSync, constants, lstatSync, readFileSync, type Stats } from 'node:fs';
import { globSync } from 'tinyglobby';
import { TOOL } from './core/tool.js';
import { loadKnowledge } from './knowledge/load.js';
import { resolveContext, type CheckOptions } from './run-check.js';
import type { CheckContext } from './checks/types.js';
import { expandPaths } from './sources/files.js';
import { decodeManifestBytes, DEFAULT_MAX_FILE_BYTES } from './sources/manifest-file.js';
import { inputInvalid } from './sources/input-problem.js';
import { fixTemplateText } from './fix/chart-template.js';
import { fixManifestText, type TextReadings } from './fix/fix-manifest.js';
import { terraformObjects } from './fix/terraform-objects.js';
import { writeFileAtomically } from './fix/atomic-write.js';
import type { FixReport } from './fix/report-types.js';

export interface FixOptions extends Pick<CheckOptions, 'paths' | 'target' | 'current' | 'platform' | 'dataFiles' | 'knowledge' | 'exclude' | 'maxFileBytes' | 'cwd' | 'now' | 'onProgress'> {
  /** Replace the files; without it nothing is written. */
  write?: boolean;
}

export async function runFix(options: FixOptions): Promise<FixReport> {
  const [report] = await fixFor(options, [options.target]);
  return report;
}

/**
 * Dry runs of fix for several targets (plan's, one per hop): each target's report as runFix gives
 * it, the files listed and read once for all of them. Three hops of istio/istio read its 3,000
 * files three times.
 */
export async function runFixDryRuns(options: Omit<FixOptions, 'write' | 'target'>, targets: readonly string[]): Promise<FixReport[]> {
  return fixFor(options, targets);
}

/** One target's fix: what it is judged against, and what it found so far. */
interface FixRun {
  context: CheckContext;
  report: FixReport;
}

async function fixFor(options: FixOptions, targets: readonly (string | undefined)[]): Promise<FixReport[]> {
  const knowledge = options.knowledge ?? loadKnowledge(options.dataFiles);
  const runs = targets.map((target): FixRun => {
    const context = resolveContext({ ...options, target }, knowledge);
    const report: FixReport = { tool: { ...TOOL }, platform: context.platform, target: context.target, changes: [], manual: [], problems: [], skipped: [], files: [], written: [] };
    if (context.current) report.current = context.current;
    return { context, report };
  });
  const cwd = options.cwd ?? process.cwd();
  const expanded = expandPaths(options.paths ?? [], { cwd, exclude: options.exclude });
  const templates = expanded.charts.flatMap((chart) => globSync('templates/**/*.{yaml,yml}', { cwd: chart, absolute: true, dot: false }).sort());
  const total = expanded.files.length + templates.length;
  let done = 0;
  for (const file of expanded.files) {
    fixFile(file, false, runs, cwd, options);
    options.onProgress?.(++done, total);
  }
  for (const template of templates) {
    fixFile(template, true, runs, cwd, options);
    options.onProgress?.(++done, total);
  }
  const terraform = await terraformObjects(expanded.terraform, runs.map((run) => run.context), cwd);
  runs.forEach(({ report }, index) => report.manual.push(...terraform[index]));
  return runs.map((run) => run.report);
}

function fixFile(file: string, isTemplate: boolean, runs: readonly FixRun[], cwd: string, options: FixOptions): void {
  const path = displayPath(file, cwd);
  const origin = { type: 'file' as const, path, line: 1, column: 1 };
  const reports = runs.map((run) => run.report);
  let bytes: Buffer;
  let stats: Stats;
  try {
    stats = lstatSync(file);
    if (stats.isSymbolicLink()) {
      for (const report of reports) report.skipped.push({ path, reason: 'a symbolic link: not followed; run fix on the file it points to' });
      return;
    }
    const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (stats.size > limit) {
      for (const report of reports) report.problems.push(inputInvalid(origin, `${path}: the file is larger than the ${(limit / 1024 / 1024).toFixed(1)} MB limit; split it, or raise --max-file-size`));
      return;
    }
    bytes = readFileSync(file);
  } catch (error) {
    for (const report of reports) report.problems.push(inputInvalid(origin, `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check that it is a readable file`));
    return;
  }
  const decoded = decodeManifestBytes(bytes, path);
  if ('problem' in decoded) {
    for (const report of reports) report.problems.push(decoded.problem);
    return;
  }
  // Edits insert "\n"; a file written with CRLF throughout keeps CRLF throughout.
  const crlf = decoded.text.includes('\r\n') && !/(^|[^\r])\n/.test(decoded.text);
  const before = crlf ? decoded.text.replaceAll('\r\n', '\n') : decoded.text;
  const readings: TextReadings = { parsed: new Map() };
  for (const { context, report } of runs) {
    const fixed = isTemplate ? { ...fixTemplateText(before, path, context), problems: [] } : fixManifestText(before, path, context, readings);
    report.manual.push(...fixed.manual);
    report.problems.push(...fixed.problems);
    if (fixed.text === before) continue;
    const after = (decoded.bom ? '\uFEFF' : '') + (crlf ? fixed.text.replaceAll('\n', '\r\n') : fixed.text);
    if (options.write) {
      try {
        // No write bit means read-only on purpose, even for a user (root) who could write anyway.
        if ((stats.mode & 0o222) === 0) throw Object.assign(new Error('read-only'), { code: 'EACCES' });
        accessSync(file, constants.W_OK);
        writeFileAtomically(file, after);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'read-only' : `not writable (${code ?? String(error)})`;
        report.skipped.push({ path, reason: `${why}: not written; make it writable and run fix --write again` });
        report.manual.push(...fixed.changes.map(({ from, to, family, severity, notes: _notes, ...located }) => ({ ...located, apiVersion: from, to, family, severity, reason: `${path} is ${why}, so the change to ${to} was not written` })));
        continue;
      }
      report.written.push(path);
    }
    report.changes.push(...fixed.changes);
    report.files.push({ path, before: bytes.toString('utf8'), after });
  }
}
