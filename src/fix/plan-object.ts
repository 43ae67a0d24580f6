// Decides, for one object, whether it needs to move (the same judgement as `upshift check`),
// to which apiVersion, with which edits — or why a person has to do it. The migrated object
// is validated for its kind before any text is touched.
import { apiLifecycleCheck } from '../checks/api-lifecycle.js';
import type { CheckContext } from '../checks/types.js';
import type { KubeObject, Severity } from '../core/types.js';
import { findMigration } from './index.js';
import { applyToObject } from './object-edit.js';
import { isRecord } from '../core/fields.js';
import { set } from './operations.js';
import { replacementServedAt } from './target-api.js';
import type { Operation } from './types.js';
import { validateMigrated } from './validate.js';

export type ObjectPlan =
  | { status: 'migrate'; family: string; from: string; to: string; severity: Severity; operations: Operation[]; expected: KubeObject; notes: string[] }
  | { status: 'manual'; family?: string; from: string; to?: string; severity: Severity; reason: string };

/** The severity `check` gives this apiVersion/kind at the target, when it must move at all. */
export function migrationUrgency(apiVersion: string, kind: string, context: CheckContext): Severity | undefined {
  const findings = apiLifecycleCheck.checkResource!({ apiVersion, kind, origin: { type: 'file', path: '', line: 1, column: 1 } }, context);
  if (findings.some((finding) => finding.id === 'api-removed')) return 'error';
  if (findings.some((finding) => finding.id === 'api-deprecated')) return 'warning';
  return undefined;
}

export function planObject(object: unknown, context: CheckContext): ObjectPlan | undefined {
  if (!isRecord(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return undefined;
  const from = object.apiVersion;
  const kind = object.kind;
  const severity = migrationUrgency(from, kind, context);
  if (!severity) return undefined;
  const row = context.knowledge.apis.lookup(from, kind)!;
  const found = findMigration(from, kind);
  const to = replacementServedAt(row, kind, context.knowledge, context.target);
  const manual = (reason: string): ObjectPlan => ({ status: 'manual', family: found?.family, from, ...(to ? { to } : {}), severity, reason });
  if (!to) {
    // A family may know better than the row why nothing replaces the API (PodSecurityPolicy).
    const explained = found?.migration.migrate({ object, kind, from, to: '' });
    return manual(explained && 'manual' in explained ? explained.manual : `no replacement is served at ${context.target}: ${row.note}`);
  }
  if (!found) return manual(`no automatic migration to ${to} is known for ${kind}: ${row.note}`);
  const result = found.migration.migrate({ object, kind, from, to });
  if ('manual' in result) return manual(result.manual);
  const operations = [set(['apiVersion'], to), ...result.operations];
  const expected = applyToObject(object as KubeObject, operations);
  const problems = validateMigrated(expected, to, kind);
  if (problems.length) return manual(`the migrated object would not be valid ${to} ${kind}: ${problems.join('; ')}`);
  return { status: 'migrate', family: found.family, from, to, severity, operations, expected, notes: result.notes };
}
