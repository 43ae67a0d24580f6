// Where each kind that runs pods keeps its pod template, so that add-on detection, the
// readiness checks and the drain simulation all read containers, volumes and pod labels alike.
import { asRecord, isRecord, listOf, type Fields } from './fields.js';
import type { KubeObject } from './types.js';

/** Kinds that run pods; checks reading containers or volumes declare these as objectKinds. */
export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'] as const;

const WORKLOAD_KIND_SET: ReadonlySet<string> = new Set(WORKLOAD_KINDS);

/** Whether objects of `kind` run pods (one of WORKLOAD_KINDS). */
export function runsPods(kind: string): boolean {
  return WORKLOAD_KIND_SET.has(kind);
}

export interface PodTemplate {
  /** A Pod's own metadata, or the template's ({} when it has none). */
  metadata: Fields;
  spec: Fields;
}

/** The pod template of an object, or undefined when it has none with a spec. */
export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  let template: Fields | undefined;
  if (object.kind === 'Pod') template = object;
  else if (object.kind === 'CronJob') template = asRecord(asRecord(asRecord(asRecord(object.spec)?.jobTemplate)?.spec)?.template);
  // Any other kind is read where Deployment keeps it, so custom controllers that follow that
  // layout (an Argo Rollout) are read too.
  else template = asRecord(asRecord(object.spec)?.template);
  const spec = asRecord(template?.spec);
  if (!template || !spec) return undefined;
  return { metadata: asRecord(template.metadata) ?? {}, spec };
}

/** Containers that run for the pod's life (not init containers). */
export function containersOf(spec: Fields): Fields[] {
  return listOf(spec.containers).filter(isRecord);
}

/** Every container image of a pod spec, init containers included. */
export function imagesOf(spec: Fields): string[] {
  // One loop, not a spread, a map and a filter: this runs for every workload a scan keeps.
  const images: string[] = [];
  for (const containers of [spec.initContainers, spec.containers]) {
    for (const container of listOf(containers)) {
      const image = asRecord(container)?.image;
      if (typeof image === 'string' && image.length > 0) images.push(image);
    }
  }
  return images;
}
