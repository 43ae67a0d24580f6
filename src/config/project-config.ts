// The project configuration file (.upshift.yaml): thresholds of the readiness checks and
// findings to ignore by id, kind, namespace and name. Read once per run; a file that does
// not validate stops the run with its path and the field at fault.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import picomatch from 'picomatch';
import { yamlLibrary } from '../sources/yaml-library.js';
import * as z from 'zod/mini';
import { UsageError } from '../core/errors.js';
import { locateIssue } from '../core/schema-issue.js';
import type { Finding } from '../core/types.js';
import { parseQuantity } from '../core/quantity.js';

export const DEFAULT_CONFIG_FILE = '.upshift.yaml';

const ignoreRuleSchema = z.strictObject({
  /** Finding ids; all ids when absent. */
  ids: z.optional(z.array(z.string())),
  kind: z.optional(z.string()),
  /** Globs, as in picomatch: `kube-*`. */
  namespace: z.optional(z.string()),
  name: z.optional(z.string()),
  reason: z.optional(z.string()),
});

const configSchema = z.strictObject({
  readiness: z.optional(
    z.strictObject({
      /** Workloads with fewer replicas get single-replica; with at least this many, pdb-missing and zone-spread-missing apply. */
      minReplicas: z.optional(z.int({ error: 'expected a whole number of replicas such as 2' }).check(z.positive())),
      /** Seconds of terminationGracePeriodSeconds above which long-termination-grace applies (default: the EKS eviction timeout). */
      maxTerminationGraceSeconds: z.optional(z.int({ error: 'expected a whole number of seconds such as 900' }).check(z.positive())),
      /**
       * emptyDir volumes with a sizeLimit above this quantity are local-storage risks (default 1Gi);
       * once set, an emptyDir without a sizeLimit counts as unbounded, so above it too.
       */
      localStorageAbove: z.optional(z.string().check(z.refine((value) => parseQuantity(value) !== undefined, 'expected a Kubernetes quantity such as 512Mi or 2Gi'))),
    }),
  ),
  ignore: z.optional(z.array(ignoreRuleSchema)),
  /** The order in which `upshift plan` upgrades the environments (default: production-like names last). */
  environments: z.optional(z.array(z.string())),
  /** When the plan's work may be scheduled (UTC). */
  schedule: z.optional(
    z.strictObject({
      /** Days work may happen on: mon, tue, wed, thu, fri, sat, sun (default mon–thu). */
      days: z.optional(z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))),
      /** Working hours, "09:00-17:00" (default). */
      hours: z.optional(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'expected working hours such as "09:00-17:00"'))),
      /** Hours between environments, for the soak (default 24). */
      soakHours: z.optional(z.number().check(z.nonnegative())),
    }),
  ),
});

export type ProjectConfig = z.infer<typeof configSchema>;
export type IgnoreRule = z.infer<typeof ignoreRuleSchema>;

/** The explicit file, else .upshift.yaml in cwd when there is one, else no configuration. */
export function loadProjectConfig(cwd: string, file?: string): ProjectConfig {
  const path = resolve(cwd, file ?? DEFAULT_CONFIG_FILE);
  if (file === undefined && !existsSync(path)) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`config file ${file ?? DEFAULT_CONFIG_FILE} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the --config path`);
  }
  let data: unknown;
  try {
    data = yamlLibrary().parse(text, { version: '1.1', prettyErrors: true });
  } catch (error) {
    throw new UsageError(`config file ${file ?? DEFAULT_CONFIG_FILE} is not valid YAML: ${(error as Error).message}`);
  }
  const result = z.safeParse(configSchema, data ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((issue) => locateIssue(issue)).join('; ');
    throw new UsageError(`config file ${file ?? DEFAULT_CONFIG_FILE}: ${issues}; see "Configuration" in the README`);
  }
  return result.data;
}

/** Whether an ignore rule of the configuration covers a finding. */
export function isIgnoredByConfig(finding: Finding, config: ProjectConfig): boolean {
  return (config.ignore ?? []).some((rule) => ruleCovers(rule, finding));
}

function ruleCovers(rule: IgnoreRule, finding: Finding): boolean {
  if (rule.ids && !rule.ids.includes(finding.id)) return false;
  if (rule.kind && rule.kind !== finding.resource?.kind) return false;
  if (rule.namespace && !picomatch.isMatch(finding.resource?.namespace ?? '', rule.namespace)) return false;
  if (rule.name && !picomatch.isMatch(finding.resource?.name ?? '', rule.name)) return false;
  return true;
}
