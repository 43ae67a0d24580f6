// The node-drain facts in data/drain.yaml: EKS node-group update constants and the labels and
// paths the workload-readiness checks look for. Validated row by row; a --data file may
// replace single rows.
import * as z from 'zod/mini';
import { sourceUrl } from './common-schema.js';


function fact<T extends z.core.SomeType>(value: T) {
  return z.strictObject({ value, estimate: z.optional(z.boolean()), note: z.string(), source: sourceUrl });
}

const seconds = z.int().check(z.nonnegative());

const drainShape = {
  evictionTimeoutSeconds: fact(seconds),
  postDrainWaitSeconds: fact(seconds),
  evictionRetrySeconds: fact(z.int().check(z.positive())),
  defaultMaxUnavailable: fact(z.int().check(z.positive())),
  maxUnavailableQuota: fact(z.int().check(z.positive())),
  surgeNodesPerZone: fact(seconds),
  nodeLaunchSeconds: fact(seconds),
  podStartSeconds: fact(seconds),
  defaultTerminationGracePeriodSeconds: fact(seconds),
  zoneTopologyKeys: fact(z.array(z.string())),
  nodeGroupLabelKeys: fact(z.array(z.string())),
};

export const drainSectionSchema = z.partial(z.strictObject(drainShape));

export type DrainSection = z.infer<typeof drainSectionSchema>;

/** Every drain fact, reduced to its value. */
export type DrainFacts = { [K in keyof DrainSection]-?: NonNullable<DrainSection[K]>['value'] };

/** Merges a file's rows over those loaded before; returns undefined when a fact is still missing. */
export function drainFactValues(section: DrainSection): DrainFacts | undefined {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(drainShape) as (keyof DrainSection)[]) {
    const row = section[key];
    if (!row) return undefined;
    values[key] = row.value;
  }
  return values as DrainFacts;
}
