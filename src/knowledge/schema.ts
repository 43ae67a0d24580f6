// The shape of the knowledge files in data/ (and of the user's --data files), checked at
// load time so that a wrong row is reported by file and row, not discovered mid-scan.
import * as z from 'zod/mini';
import { isoDate, minorVersion, sourceUrl } from './common-schema.js';
import { nodeRulesSchema } from './addon-schema.js';

export const apiRowSchema = z.strictObject({
  group: z.string(),
  version: z.string().check(z.regex(/^v\d+((alpha|beta)\d+)?$/, 'expected an API version such as v1beta1')),
  kind: z.string().check(z.minLength(1)),
  component: z.string().check(z.regex(/^[a-z0-9-]+$/, 'expected a lowercase component name such as kubernetes or cert-manager')),
  deprecatedIn: z.nullable(minorVersion),
  removedIn: z.nullable(minorVersion),
  replacement: z.nullable(z.string()),
  replacementAvailableIn: z.nullable(minorVersion),
  forecast: z.optional(z.boolean()),
  note: z.string(),
  source: sourceUrl,
});

export type ApiRow = z.infer<typeof apiRowSchema>;

/** A built-in kind a GA or beta group/version serves (data/served-apis.yaml). */
export const servedApiRowSchema = z.strictObject({
  group: z.string(),
  version: z.string().check(z.regex(/^v\d+(beta\d+)?$/, 'expected a GA or beta API version such as v1 or v1beta1')),
  kind: z.string().check(z.minLength(1)),
  introducedIn: minorVersion,
  removedIn: z.nullable(minorVersion),
  /** Served without --runtime-config. */
  defaultOn: z.boolean(),
  source: sourceUrl,
});

export type ServedApiRow = z.infer<typeof servedApiRowSchema>;

export const eksVersionSchema = z.strictObject({
  version: minorVersion,
  upstreamRelease: z.optional(isoDate),
  releaseDate: isoDate,
  endOfStandardSupport: isoDate,
  endOfExtendedSupport: z.nullable(isoDate),
  forecast: z.optional(z.boolean()),
  note: z.optional(z.string()),
  source: sourceUrl,
});

export const kubernetesVersionSchema = z.strictObject({
  version: minorVersion,
  releaseDate: isoDate,
  endOfLife: isoDate,
  forecast: z.optional(z.boolean()),
  note: z.optional(z.string()),
  source: sourceUrl,
});

export type EksVersion = z.infer<typeof eksVersionSchema>;
export type KubernetesVersion = z.infer<typeof kubernetesVersionSchema>;

export const platformsSchema = z.strictObject({
  eks: z.optional(
    z.strictObject({
      pricing: z.optional(
        z.strictObject({ standardPerHour: z.number(), extendedPerHour: z.number(), source: sourceUrl }),
      ),
      endOfSupportAction: z.optional(z.string()),
      endOfSupportSource: z.optional(sourceUrl),
      versions: z.array(eksVersionSchema),
    }),
  ),
  kubernetes: z.optional(z.strictObject({ versions: z.array(kubernetesVersionSchema) })),
});

/** One knowledge file: every section optional, so a --data file can carry a single row. */
export const knowledgeFileSchema = z.looseObject({
  knowledgeDate: z.optional(isoDate),
  apis: z.optional(z.array(z.unknown())),
  servedApis: z.optional(z.array(z.unknown())),
  fields: z.optional(z.array(z.unknown())),
  platforms: z.optional(platformsSchema),
  addons: z.optional(z.array(z.unknown())),
  nodes: z.optional(nodeRulesSchema),
  drain: z.optional(z.unknown()),
});
