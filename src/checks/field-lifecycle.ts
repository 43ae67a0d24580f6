// field-removed, field-deprecated: fields, annotations and values that stop working (or are on
// their way out) while the object's apiVersion itself stays served, such as the gitRepo volume
// that pods can no longer mount from 1.33. Rows come from data/fields.yaml.
import { compareKubeVersions, hopInto } from '../core/kube-version.js';
import type { Finding, Resource } from '../core/types.js';
import { UNKNOWN_VALUE } from '../core/fields.js';
import { podTemplateOf, runsPods, WORKLOAD_KINDS } from '../core/pod-template.js';
import { valuesAtPath, type FieldRow } from '../knowledge/fields.js';
import { describeResource, resourceRef } from './describe.js';
import type { Check, CheckContext } from './types.js';


export const fieldLifecycleCheck: Check = {
  ids: ['field-removed', 'field-deprecated'],
  // Services carry the networking fields of data/fields.yaml; pod-running kinds the volume ones.
  objectKinds: [...WORKLOAD_KINDS, 'Service'],
  checkResource(resource, context) {
    if (!resource.object) return [];
    const findings: Finding[] = [];
    for (const row of context.knowledge.fields) {
      if (isUsed(resource, row)) findings.push(...judgeField(resource, row, context));
    }
    return findings;
  },
};

function isUsed(resource: Resource, row: FieldRow): boolean {
  let root: unknown;
  if (row.kinds.includes(resource.kind)) root = resource.object;
  else if (row.kinds.includes('pod') && runsPods(resource.kind)) root = podTemplateOf(resource.object!)?.spec;
  if (root === undefined) return false;
  // A value known only at apply time may turn out empty, so it does not count as the field set.
  const values = valuesAtPath(root, row.path).filter((value) => value !== UNKNOWN_VALUE);
  // Rows give values as text, so `value: "true"` matches a YAML boolean as well as the string.
  return row.value === undefined ? values.length > 0 : values.some((value) => typeof value !== 'object' && String(value) === row.value);
}

function judgeField(resource: Resource, row: FieldRow, context: CheckContext): Finding[] {
  const { target, current } = context;
  const removed = row.removedIn !== null && compareKubeVersions(row.removedIn, target) <= 0;
  const deprecated = row.deprecatedIn !== null && compareKubeVersions(row.deprecatedIn, target) <= 0;
  if (!removed && !deprecated) return [];

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
  return [
    {
      id: removed ? 'field-removed' : 'field-deprecated',
      severity: removed ? 'error' : 'warning',
      message,
      resource: resourceRef(resource),
      origin: resource.origin,
      details,
    },
  ];
}
