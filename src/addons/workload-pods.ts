// Where workload kinds keep their pod spec, so checks can read containers and volumes of any controller.
import type { KubeObject } from '../core/types.js';

/** Kinds that run pods; checks reading containers or volumes declare these as objectKinds. */
export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'] as const;

export interface PodSpecLike {
  containers?: unknown;
  initContainers?: unknown;
  volumes?: unknown;
}

export function podSpecOf(object: KubeObject): PodSpecLike | undefined {
  const spec = asRecord(object.spec);
  if (object.kind === 'Pod') return spec;
  if (object.kind === 'CronJob') return asRecord(asRecord(asRecord(asRecord(spec?.jobTemplate)?.spec)?.template)?.spec);
  return asRecord(asRecord(spec?.template)?.spec);
}

/** Every container image of a pod spec, init containers included. */
export function imagesOf(spec: PodSpecLike): string[] {
  return [...listOf(spec.initContainers), ...listOf(spec.containers)]
    .map((container) => asRecord(container)?.image)
    .filter((image): image is string => typeof image === 'string' && image.length > 0);
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
