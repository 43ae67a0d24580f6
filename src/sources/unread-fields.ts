// The parts of a Kubernetes object that no check, the plan or the simulation reads from the
// inventory, dropped from the objects a scan keeps: container environments, command lines,
// resources and mounts, what probes run, managed fields and kubectl's last-applied copy are
// most of a workload's bytes, and keeping them made memory grow with the estate. A consumer
// that needs one of them takes it off this list. (written-api.ts reads managed fields and
// the last-applied annotation of live objects before they become Resources.)

/** Keys dropped from the mapping under a key, or from each mapping item of the sequence under it. */
export type DroppedFields = ReadonlyMap<string, ReadonlySet<string>>;

const CONTAINER_FIELDS = new Set(['env', 'envFrom', 'args', 'command', 'resources', 'volumeMounts', 'securityContext', 'lifecycle', 'startupProbe']);
// Whether a probe is there, and its initialDelaySeconds, are read; not what it runs.
const PROBE_FIELDS = new Set(['httpGet', 'tcpSocket', 'exec', 'grpc']);

export const UNREAD_FIELDS: DroppedFields = new Map([
  ['containers', CONTAINER_FIELDS],
  ['initContainers', CONTAINER_FIELDS],
  ['ephemeralContainers', CONTAINER_FIELDS],
  ['readinessProbe', PROBE_FIELDS],
  ['livenessProbe', PROBE_FIELDS],
  ['metadata', new Set(['managedFields'])],
  ['annotations', new Set(['kubectl.kubernetes.io/last-applied-configuration'])],
]);

/**
 * UNREAD_FIELDS without the keys that knowledge rows walk (data/fields.yaml and --data rows,
 * given as their paths): a user's row about, say, containers' securityContext must see it.
 */
export function unreadFieldsExcept(readPaths: readonly (readonly string[])[]): DroppedFields {
  const read = new Set(readPaths.flat());
  return new Map([...UNREAD_FIELDS].map(([parent, keys]) => [parent, new Set([...keys].filter((key) => !read.has(key)))]));
}

/** Deletes `fields` from a decoded value in place; `dropped` are the keys dropped from the value itself. */
export function dropFields(value: unknown, fields: DroppedFields, dropped?: ReadonlySet<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) dropFields(item, fields, dropped);
  } else if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      if (dropped?.has(key)) delete object[key];
      else dropFields(object[key], fields, fields.get(key));
    }
  }
}
