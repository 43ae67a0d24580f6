// Which objects a controller made: a Pod of a ReplicaSet, StatefulSet or DaemonSet, a
// ReplicaSet of a Deployment, a Job of a CronJob. Their controller's spec is what people
// write and change; the object it made repeats that spec, so judging both says everything twice.
import { isRecord } from './fields.js';

/** Kinds that controllers make from a template of their own; a live scan judges their controller instead. */
export const CONTROLLER_MADE_KINDS: ReadonlySet<string> = new Set(['Pod', 'ReplicaSet', 'Job']);

/** The kind of the object's managing controller (ownerReferences[].controller: true), or undefined. */
export function controllerKindOf(metadata: unknown): string | undefined {
  if (!isRecord(metadata) || !Array.isArray(metadata.ownerReferences)) return undefined;
  const owner = metadata.ownerReferences.find((reference) => isRecord(reference) && reference.controller === true);
  return isRecord(owner) && typeof owner.kind === 'string' ? owner.kind : undefined;
}

/** Whether a live object is a copy a controller made (see CONTROLLER_MADE_KINDS), not something a person wrote. */
export function isControllerMade(kind: string, metadata: unknown): boolean {
  return CONTROLLER_MADE_KINDS.has(kind) && controllerKindOf(metadata) !== undefined;
}
