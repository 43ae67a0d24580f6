// field-removed, field-deprecated: fields, annotations and values that stop working (or are on
// their way out) while the object's apiVersion itself stays served, such as the gitRepo volume
// that pods can no longer mount from 1.33. Rows come from data/fields.yaml.
import { compareKubeVersions, hopInto } from '../core/kube-version.js';
import type { Finding, Resource } from '../core/types.js';
import { UNKNOWN_VALUE } from '../core/fields.js';
import { podTemplateOf, runsPods, WORKLOAD_KINDS } from '../core/pod-template.js';
import { valuesAtPath, type FieldRow } from '../knowledge/fields.js';
import { describeResource, resourceRef } from '../core/describe.js';
import type { Check, CheckContext } from './types.js';


export const fieldLifecycleCheck: Check = {
  ids: ['field-removed', 'field-deprecated'],
  // The rows say which kinds they read: "pod" stands for every kind that runs pods.
  knowledgeKinds: (knowledge) => [...new Set(knowledge.fields.flatMap((row) => row.kinds.flatMap((kind) => (kind === 'pod' ? WORKLOAD_KINDS : [kind]))))],
  checkResource(resource, context) {
    const object = resource.object;
    if (!object) return [];
    const podSpec = runsPods(resource.kind) ? podTemplateOf(object)?.spec : undefined;
    const findings: Finding[] = [];
    for (const row of rowsInEffect(context)) {
      const root = row.kinds.includes(resource.kind) ? object : row.kinds.includes('pod') ? podSpec : undefined;
      if (root !== undefined && isSet(root, row)) findings.push(judgeField(resource, row, context));
    }
    return findings;
  },
};

const inEffect = new WeakMap<CheckContext, FieldRow[]>();

/** The rows deprecated or removed by the target: the same for every resource of a scan, so worked out once. */
function rowsInEffect(context: CheckContext): FieldRow[] {
  let rows = inEffect.get(context);
  if (!rows) {
    const reached = (version: string | null) => version !== null && compareKubeVersions(version, context.target) <= 0;
    rows = context.knowledge.fields.filter((row) => reached(row.removedIn) || reached(row.deprecatedIn));
    inEffect.set(context, rows);
  }
  return rows;
}

function isSet(root: unknown, row: FieldRow): boolean {
  // A value known only at apply time may turn out empty, so it does not count as the field set.
  const values = valuesAtPath(root, row.path).filter((value) => value !== UNKNOWN_VALUE);
  // Rows give values as text, so `value: "true"` matches a YAML boolean as well as the string.
  return row.value === undefined ? values.length > 0 : values.some((value) => typeof value !== 'object' && String(value) === row.value);
}

/** The finding for a row in effect (rowsInEffect): removed at the target, else deprecated there. */
function judgeField(resource: Resource, row: FieldRow, context: CheckContext): Finding {
  const { target, current } = context;
  const removed = row.removedIn !== null && compareKubeVersions(row.removedIn, target) <= 0;

  const subject = `${describeResource(resource)} sets ${row.label}`;
  const forecast = row.forecast ? ' (forecast, not yet announced)' : '';
  const details: Record<string, unknown> = {
    field: row.id,
    label: row.label,
    path: row.path.join('.'),
    ...(row.value !== undefined ? { value: row.value } : {}),
    deprecatedIn: row.deprecatedIn,
    removedIn: row.removedIn,
    replacement: row.replacement,
    ...(row.replacementAvailableIn ? { replacementAvailableIn: row.replacementAvailableIn } : {}),
    ...(row.forecast ? { forecast: true } : {}),
    ...(resource.confidence ? { confidence: resource.confidence } : {}),
    migration: row.note,
    source: row.source,
  };
  let when = '';
  if (removed && current !== undefined) {
    if (compareKubeVersions(row.removedIn!, current) <= 0) {
      when = `; it does not work at the current ${current} either`;
    } else {
      details.hop = hopInto(row.removedIn!);
      when = `; change it before the ${details.hop} hop`;
    }
  }
  // A replacement newer than the running version cannot be written yet: the change waits for that hop.
  if (current !== undefined && row.replacementAvailableIn && compareKubeVersions(row.replacementAvailableIn, current) > 0) {
    details.migrateAfterHop = hopInto(row.replacementAvailableIn);
    when += `; the replacement is accepted only from ${row.replacementAvailableIn}, so change it after the ${details.migrateAfterHop} hop`;
  }
  const message = removed
    ? `${subject}, which stops working in ${row.removedIn}${forecast}; use ${row.replacement}${when}`
    : `${subject}, deprecated since ${row.deprecatedIn} (${row.removedIn ? `stops working in ${row.removedIn}${forecast}` : 'no removal scheduled yet'}); use ${row.replacement}${when}`;
  return {
    id: removed ? 'field-removed' : 'field-deprecated',
    severity: removed ? 'error' : 'warning',
    message,
    resource: resourceRef(resource),
    origin: resource.origin,
    details,
  };
}
