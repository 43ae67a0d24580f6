// The shape of add-on knowledge (data/addons/<name>.yaml, or `addons:` in a --data file) and of the node rules
// (data/nodes.yaml): how to recognise an add-on, how to read its version, which Kubernetes versions it supports.
import * as z from 'zod/mini';
import { minorVersion, sourceUrl } from './common-schema.js';
import semver from 'semver';

const versionRange = z.string({ error: 'expected a semver range such as "1.26.x" or ">=2.4.7 <2.5.0"' }).check(
  z.refine((value) => semver.validRange(value) !== null, 'expected a semver range such as "1.26.x" or ">=2.4.7 <2.5.0"'),
);
const appVersion = z.string().check(z.refine((value) => semver.coerce(value) !== null, 'expected a version such as "1.8.1" or a line such as "1.27"'));

export const compatibilityRowSchema = z.strictObject({
  /** Add-on releases the row covers. */
  versions: versionRange,
  /** Oldest Kubernetes minor supported; null when none is published. */
  kubernetesMin: z.nullable(minorVersion),
  /** Newest Kubernetes minor supported; null when the project publishes no upper bound. */
  kubernetesMax: z.nullable(minorVersion),
  forecast: z.optional(z.boolean()),
  note: z.optional(z.string()),
  source: sourceUrl,
});

export const recommendedRowSchema = z.strictObject({
  kubernetes: minorVersion,
  version: appVersion,
  source: sourceUrl,
});

export const chartVersionRowSchema = z.strictObject({
  chart: versionRange,
  app: appVersion,
  note: z.optional(z.string()),
  source: sourceUrl,
});

export const addonSchema = z.strictObject({
  name: z.string().check(z.regex(/^[a-z0-9-]+$/, 'expected a lowercase add-on name such as cluster-autoscaler')),
  description: z.optional(z.string()),
  detect: z.optional(
    z.strictObject({
      /** Globs over the image repository without tag or digest, e.g. "**\/autoscaling/cluster-autoscaler". */
      images: z.optional(z.array(z.string().check(z.minLength(1)))),
      charts: z.optional(z.array(z.string().check(z.minLength(1)))),
      eksAddons: z.optional(z.array(z.string().check(z.minLength(1)))),
    }),
  ),
  /** Where a release supports no Kubernetes minor on both sides of a hop: move it before or after that hop. */
  moveWhenNoOverlap: z.optional(z.enum(['before', 'after'])),
  chartVersionIsAppVersion: z.optional(z.boolean()),
  chartVersions: z.optional(z.array(chartVersionRowSchema)),
  compatibility: z.optional(z.array(compatibilityRowSchema)),
  recommended: z.optional(z.array(recommendedRowSchema)),
  retired: z.optional(z.strictObject({ note: z.string(), source: sourceUrl })),
  /**
   * The PodDisruptionBudget the EKS managed add-on installs with its pods: a budget of the team's
   * own on the same pods makes two, and the eviction API refuses pods covered by more than one.
   */
  ownPodDisruptionBudget: z.optional(
    z.strictObject({ namespace: z.string(), podLabels: z.record(z.string(), z.string()), since: z.string(), note: z.string(), source: sourceUrl }),
  ),
  /**
   * Custom resources whose pods the add-on (an operator) runs, with the labels it gives them:
   * "{name}" stands for the resource's name; the resource's spec.podMetadata.labels are added.
   * A PDB over those pods selects them, though no workload in the inputs carries the labels.
   */
  operatorPods: z.optional(
    z.array(
      z.strictObject({
        group: z.string().check(z.minLength(1)),
        kind: z.string().check(z.minLength(1)),
        podLabels: z.record(z.string(), z.string()),
        source: sourceUrl,
      }),
    ),
  ),
  note: z.optional(z.string()),
});

export type AddonDefinition = z.infer<typeof addonSchema>;
export type CompatibilityRow = z.infer<typeof compatibilityRowSchema>;
export type RecommendedRow = z.infer<typeof recommendedRowSchema>;
export type ChartVersionRow = z.infer<typeof chartVersionRowSchema>;

export const nodeRulesSchema = z.strictObject({
  skew: z.optional(
    z.array(
      z.strictObject({
        component: z.enum(['kubelet', 'kube-proxy']),
        /** The rule applies to components at this minor or newer (until a row with a newer fromVersion). */
        fromVersion: minorVersion,
        maxMinorsBehind: z.number().check(z.int(), z.nonnegative()),
        note: z.optional(z.string()),
        source: sourceUrl,
      }),
    ),
  ),
  amiFamilies: z.optional(
    z.array(
      z.strictObject({
        amiTypes: z.string().check(z.minLength(1)),
        family: z.string(),
        lastVersion: minorVersion,
        replacement: z.string(),
        note: z.optional(z.string()),
        source: sourceUrl,
      }),
    ),
  ),
  runtimeSockets: z.optional(
    z.strictObject({ removedIn: minorVersion, paths: z.array(z.string()), note: z.string(), source: sourceUrl }),
  ),
});

export type NodeRules = z.infer<typeof nodeRulesSchema>;
