// The snapshot format `upshift simulate --snapshot FILE` reads (and the live-cluster source
// will write): nodes with their zone and node group, pods with their node, labels and owner,
// and PDBs. Loaded with a message that names the file and the field at fault.
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { UsageError } from '../core/errors.js';
import { locateIssue } from '../core/schema-issue.js';

const selectorSchema = z.strictObject({
  matchLabels: z.optional(z.record(z.string(), z.string())),
  matchExpressions: z.optional(z.array(z.strictObject({ key: z.string(), operator: z.string(), values: z.optional(z.array(z.string())) }))),
});
const countOrPercent = z.union([z.int().check(z.nonnegative()), z.string().check(z.regex(/^\d+%?$/, 'expected a count or a percentage such as 1 or "10%"'))]);
const seconds = z.number().check(z.nonnegative());

export const snapshotSchema = z.strictObject({
  nodes: z.array(z.strictObject({ name: z.string().check(z.minLength(1)), zone: z.string(), nodeGroup: z.string().check(z.minLength(1)) })),
  pods: z.array(
    z.strictObject({
      namespace: z.string(),
      name: z.string(),
      nodeName: z.string(),
      labels: z.optional(z.record(z.string(), z.string())),
      /** The controller kind (Deployment, StatefulSet, DaemonSet, ...); absent for a bare pod, which nothing recreates. */
      ownerKind: z.optional(z.string()),
      ownerName: z.optional(z.string()),
      /** Seconds from a replacement's creation to Ready; default --pod-start-seconds. */
      startupSeconds: z.optional(seconds),
      terminationGracePeriodSeconds: z.optional(seconds),
    }),
  ),
  pdbs: z.array(
    z.strictObject({
      namespace: z.string(),
      name: z.string(),
      /** Absent: selects nothing. */
      selector: z.optional(selectorSchema),
      minAvailable: z.optional(countOrPercent),
      maxUnavailable: z.optional(countOrPercent),
    }),
  ),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotNode = Snapshot['nodes'][number];
export type SnapshotPod = Snapshot['pods'][number];
export type SnapshotPdb = Snapshot['pdbs'][number];

export function loadSnapshot(file: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`snapshot ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the --snapshot path`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`snapshot ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return validateSnapshot(data, file);
}

export function validateSnapshot(data: unknown, file: string): Snapshot {
  const result = z.safeParse(snapshotSchema, data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
    throw new UsageError(`snapshot ${file}: ${locateIssue(issue)}${more}; see "Snapshot format" in the README`);
  }
  const nodes = new Set(result.data.nodes.map((node) => node.name));
  const stray = result.data.pods.findIndex((pod) => !nodes.has(pod.nodeName));
  if (stray >= 0) {
    const pod = result.data.pods[stray];
    throw new UsageError(`snapshot ${file}: pods.${stray} (${pod.namespace}/${pod.name}) is on node "${pod.nodeName}", which is not in nodes; add the node or drop the pod`);
  }
  return result.data;
}
