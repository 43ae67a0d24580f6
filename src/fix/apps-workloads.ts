// extensions / apps v1beta1 / v1beta2 workloads → apps/v1: the selector becomes required
// (taken from the pod template labels, which is what the old APIs defaulted it to), fields
// apps/v1 dropped are removed, and the update strategy keeps its old default explicitly.
import { groupOf } from './version-bumps.js';
import { isRecord } from '../core/fields.js';
import { isEmptyRecord, remove, set } from './operations.js';
import type { Migration, Operation } from './types.js';

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

export const appsWorkloads: Migration = {
  handles: (apiVersion, kind) => (groupOf(apiVersion) === 'extensions' || groupOf(apiVersion) === 'apps') && KINDS.includes(kind),
  migrate({ object, from, kind }) {
    const spec = object.spec;
    if (!isRecord(spec)) return { manual: 'the object has no spec; write it for apps/v1 by hand' };
    const operations: Operation[] = [];
    const notes: string[] = [];
    if (spec.selector === undefined) {
      const labels = isRecord(spec.template) && isRecord(spec.template.metadata) ? spec.template.metadata.labels : undefined;
      if (!isRecord(labels) || isEmptyRecord(labels)) {
        return { manual: 'apps/v1 requires spec.selector and the pod template has no labels to take it from; add template labels and a matching selector' };
      }
      operations.push(set(['spec', 'selector'], { matchLabels: labels }, { before: 'template' }));
      notes.push('spec.selector taken from the pod template labels (what the old API defaulted it to; immutable in apps/v1)');
    }
    for (const field of ['rollbackTo', 'templateGeneration']) {
      if (field in spec) {
        operations.push(remove(['spec', field]));
        notes.push(`spec.${field} removed: apps/v1 has no such field`);
      }
    }
    if (isOnDeleteByDefault(from, kind) && spec.updateStrategy === undefined) {
      operations.push(set(['spec', 'updateStrategy'], { type: 'OnDelete' }, { before: 'template' }));
      notes.push(`spec.updateStrategy.type: OnDelete made explicit (the ${from} default; apps/v1 defaults to RollingUpdate)`);
    }
    return { operations, notes };
  },
  apiVersionLineSuffices: (from, kind, text) =>
    hasSpecField(text, 'selector') &&
    !hasSpecField(text, 'rollbackTo') &&
    !hasSpecField(text, 'templateGeneration') &&
    (!isOnDeleteByDefault(from, kind) || hasSpecField(text, 'updateStrategy')),
};

// These APIs defaulted to OnDelete; apps/v1 defaults to RollingUpdate, which would
// restart every pod on the next template change.
function isOnDeleteByDefault(from: string, kind: string): boolean {
  return (kind === 'DaemonSet' && from === 'extensions/v1beta1') || (kind === 'StatefulSet' && from === 'apps/v1beta1');
}

/** Whether `spec:` has a direct child `field:`, read line by line (templates, verified documents). */
function hasSpecField(text: string, field: string): boolean {
  let inSpec = false;
  let childIndent = -1;
  for (const line of text.split('\n')) {
    if (/^[^\s#]/.test(line)) {
      inSpec = /^spec:\s*(#.*)?$/.test(line);
      continue;
    }
    const key = inSpec ? /^( +)([^\s#-][^:]*):(\s|$)/.exec(line) : null;
    if (!key) continue;
    if (childIndent < 0) childIndent = key[1].length;
    if (key[1].length === childIndent && key[2] === field) return true;
  }
  return false;
}
