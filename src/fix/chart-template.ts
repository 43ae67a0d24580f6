// Helm chart templates are Go templates, not YAML, until rendered. A template's literal
// `apiVersion:` line is rewritten when that line is the whole migration; when the object
// needs field changes too, or template logic picks between apiVersions, a person decides.
import type { CheckContext } from '../checks/types.js';
import { findMigration } from './index.js';
import { migrationUrgency } from './plan-object.js';
import type { FixChange, ManualMigration } from './report-types.js';
import { replacementServedAt } from './target-api.js';
import { readApiVersionLine, rewriteApiVersionLine } from './api-version-line.js';

const KIND_LINE = /^kind:[ \t]*["']?([^"'\s#{}]+)["']?[ \t]*(?:#.*)?$/;
const NAME_LINE = /^[ \t]{2}name:[ \t]*["']?([^"'\s#{}]+)["']?[ \t]*(?:#.*)?$/;

export interface TemplateFix {
  text: string;
  changes: FixChange[];
  manual: ManualMigration[];
}

export function fixTemplateText(text: string, path: string, context: CheckContext): TemplateFix {
  const lines = text.split('\n');
  const result: TemplateFix = { text, changes: [], manual: [] };
  let documentStart = 0;
  for (let index = 0; index <= lines.length; index++) {
    if (index === lines.length || /^---(\s|$)/.test(lines[index])) {
      fixTemplateDocument(lines, documentStart, index, path, context, result);
      documentStart = index + 1;
    }
  }
  result.text = lines.join('\n');
  return result;
}

function fixTemplateDocument(lines: string[], start: number, end: number, path: string, context: CheckContext, result: TemplateFix): void {
  const body = lines.slice(start, end).map((line) => line.replace(/\r$/, ''));
  const kind = body.map((line) => KIND_LINE.exec(line)?.[1]).find(Boolean);
  if (!kind) return;
  const name = body.map((line) => NAME_LINE.exec(line)?.[1]).find(Boolean);
  const candidates = body.flatMap((line, offset) => {
    const apiVersion = readApiVersionLine(line);
    return apiVersion ? [{ index: start + offset, apiVersion }] : [];
  });
  const stale = candidates.filter(({ apiVersion }) => migrationUrgency(apiVersion, kind, context));
  for (const { index, apiVersion: from } of stale) {
    const severity = migrationUrgency(from, kind, context)!;
    const row = context.knowledge.apis.lookup(from, kind)!;
    const to = replacementServedAt(row, kind, context.knowledge, context.target);
    const found = findMigration(from, kind);
    const located = { path, line: index + 1, kind, ...(name ? { name } : {}) };
    const manual = (reason: string) => result.manual.push({ ...located, apiVersion: from, ...(to ? { to } : {}), ...(found ? { family: found.family } : {}), severity, reason });
    if (!to || !found) {
      manual(`no automatic migration for this template: ${row.note}`);
    } else if (candidates.length > 1) {
      manual(`the template chooses between ${candidates.map((candidate) => candidate.apiVersion).join(' and ')} with template logic; ${context.target} serves ${to}, so keep only that branch`);
    } else if (!found.migration.apiVersionLineSuffices(from, kind, body.join('\n'))) {
      manual(`moving this template to ${to} needs field changes an unrendered template cannot be checked for (${row.note}); edit it by hand`);
    } else {
      lines[index] = rewriteApiVersionLine(lines[index], to);
      result.changes.push({ ...located, from, to, family: found.family, severity, notes: ['unrendered Helm template: only its apiVersion line changed'] });
    }
  }
}
