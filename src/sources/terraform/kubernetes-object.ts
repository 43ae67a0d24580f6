// A typed kubernetes_* resource block (kubernetes_deployment_v1, kubernetes_service, ...) as
// the Kubernetes object the provider writes, so that the readiness and field checks read its
// spec as they read a manifest's; and kubernetes_manifest's object, with the same treatment
// of values known only at apply time. Names follow ./kubernetes-schema.ts; the keys of map-valued
// attributes (labels, match_labels, node_selector, limits, data) are data and stay as written.
import { asRecord, UNKNOWN_VALUE } from '../../core/fields.js';
import type { KubeObject } from '../../core/types.js';
import { evaluate, UNKNOWN, type Scope, type Value } from './evaluate.js';
import { fieldNameOf, isObjectField, isStringInteger, listFieldOf } from './kubernetes-schema.js';
import type { Body, Expr } from './syntax.js';

// A value Terraform only knows at apply time (another resource's attribute, a variable without
// a value, a `dynamic` block's items) becomes UNKNOWN_VALUE, "(known after apply)" as
// `terraform plan` says. Leaving such a field out would read as its default and could make a
// false finding (no replicas means 1, no readinessProbe means none); the checks take the marker
// for a value they cannot judge: a replica count, HPA minReplicas or grace period that is not a
// number is not judged, a probe that is present is not reported missing, a budget that is
// neither a count nor a percentage blocks nothing, field-lifecycle does not count it as the
// field being set, and a pod whose container list is not known (`dynamic "container"`) is not
// judged at all (workloads.ts isCompletePodSpec). An image known only at apply time still
// leaves the pod judged, its other fields being known. A label or selector value holding it
// matches nothing.

export function typedObject(apiVersion: string, kind: string, body: Body, scope: Scope): KubeObject {
  return { apiVersion, kind, ...fields(body, undefined, scope) };
}

/** kubernetes_manifest's `manifest`, written in Kubernetes' own names already. */
export function manifestObject(manifest: Expr, scope: Scope): KubeObject | undefined {
  // Whether it is an object Kubernetes accepts is for the checks to judge, as with a manifest file.
  return asRecord(known(evaluate(manifest, scope))) as KubeObject | undefined;
}

/** A name, namespace or kind that is text known before apply. */
export function isKnownText(value: unknown): value is string {
  return typeof value === 'string' && value !== UNKNOWN_VALUE;
}

/** `parent`: the block type the body belongs to, undefined at the resource's top level. */
function fields(body: Body, parent: string | undefined, scope: Scope): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [name, attribute] of body.attributes) {
    if (parent === undefined && !isObjectField(name)) continue;
    const value = evaluate(attribute.value, scope);
    // `name = null` leaves the argument unset.
    if (value !== null) object[fieldNameOf(name)] = fieldValue(name, value);
  }
  for (const block of body.blocks) {
    if (parent === undefined && !isObjectField(block.type)) continue;
    // `dynamic "env" { for_each = ... }` adds items nobody can count before apply; items
    // written out beside it are still known, so only a field with none becomes unknown.
    const type = block.type === 'dynamic' ? block.labels[0] : block.type;
    if (type === undefined) continue;
    const list = listFieldOf(parent, type);
    const key = list ?? fieldNameOf(type);
    if (block.type === 'dynamic') {
      object[key] ??= UNKNOWN_VALUE;
      continue;
    }
    const value = fields(block.body, type, scope);
    if (!list) object[key] = value;
    else if (Array.isArray(object[key])) (object[key] as unknown[]).push(value);
    else object[key] = [value];
  }
  return object;
}

function fieldValue(name: string, value: Value): unknown {
  if (isStringInteger(name) && typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return known(value);
}

function known(value: Value): unknown {
  if (value === UNKNOWN) return UNKNOWN_VALUE;
  if (Array.isArray(value)) return value.map(known);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, known(item)]));
  return value;
}
