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
import { fixManifestText } from './fix/fix-manifest.js';
import { terraformObjects } from './fix/terraform-objects.js';
import { writeFileAtomically } from './fix/atomic-write.js';
import type { FixReport } from './fix/report-types.js';

export interface FixOptions extends Pick<CheckOptions, 'paths' | 'target' | 'current' | 'platform' | 'dataFiles' | 'knowledge' | 'exclude' | 'maxFileBytes' | 'cwd' | 'now' | 'onProgress'> {
  /** Replace the files; without it nothing is written. */
  write?: boolean;
}

export async function runFix(options: FixOptions): Promise<FixReport> {
  const knowledge = options.knowledge ?? loadKnowledge(options.dataFiles);
  const context = resolveContext(options, knowledge);
  const cwd = options.cwd ?? process.cwd();
  const report: FixReport = { tool: { ...TOOL }, platform: context.platform, target: context.target, changes: [], manual: [], problems: [], skipped: [], files: [], written: [] };
  if (context.current) report.current = context.current;

  const expanded = expandPaths(options.paths ?? [], { cwd, exclude: options.exclude });
  const templates = expanded.charts.flatMap((chart) => globSync('templates/**/*.{yaml,yml}', { cwd: chart, absolute: true, dot: false }).sort());
  const total = expanded.files.length + templates.length;
  let done = 0;
  for (const file of expanded.files) {
    fixFile(file, false, context, cwd, options, report);
    options.onProgress?.(++done, total);
  }
  for (const template of templates) {
    fixFile(template, true, context, cwd, options, report);
    options.onProgress?.(++done, total);
  }
  report.manual.push(...(await terraformObjects(expanded.terraform, context, cwd)));
  return report;
}

function fixFile(file: string, isTemplate: boolean, context: CheckContext, cwd: string, options: FixOptions, report: FixReport): void {
  const path = displayPath(file, cwd);
  const origin = { type: 'file' as const, path, line: 1, column: 1 };
  let bytes: Buffer;
  let stats: Stats;
  try {
    stats = lstatSync(file);
    if (stats.isSymbolicLink()) {
      report.skipped.push({ path, reason: 'a symbolic link: not followed; run fix on the file it points to' });
      return;
    }
    const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (stats.size > limit) {
      report.problems.push(inputInvalid(origin, `${path}: the file is larger than the ${(limit / 1024 / 1024).toFixed(1)} MB limit; split it, or raise --max-file-size`));
      return;
    }
    bytes = readFileSync(file);
  } catch (error) {
    report.problems.push(inputInvalid(origin, `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check that it is a readable file`));
    return;
  }
  const decoded = decodeManifestBytes(bytes, path);
  if ('problem' in decoded) {
    report.problems.push(decoded.problem);
    return;
  }
  // Edits insert "\n"; a file written with CRLF throughout keeps CRLF throughout.
  const crlf = decoded.text.includes('\r\n') && !/(^|[^\r])\n/.test(decoded.text);
  const before = crlf ? decoded.text.replaceAll('\r\n', '\n') : decoded.text;
  const fixed = isTemplate ? { ...fixTemplateText(before, path, context), problems: [] } : fixManifestText(before, path, context);
  report.manual.push(...fixed.manual);
  report.problems.push(...fixed.problems);
  if (fixed.text === before) return;
  const after = (decoded.bom ? '\uFEFF' : '') + (crlf ? fixed.text.replaceAll('\n', '\r\n') : fixed.text);
  const original = bytes.toString('utf8');
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
      return;
    }
    report.written.push(path);
  }
  report.changes.push(...fixed.changes);
  report.files.push({ path, before: original, after });
}
