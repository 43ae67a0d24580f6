// Field-level lifecycle rows (data/fields.yaml): a field, annotation or value inside an API that
// stays served while the field itself is deprecated or stops working, e.g. the in-tree gitRepo
// volume or Service spec.externalIPs. The apiVersion is fine; what the object sets is not.
import * as z from 'zod/mini';
import { minorVersion, sourceUrl } from './common-schema.js';
import { isRecord } from '../core/fields.js';


export const fieldRowSchema = z.strictObject({
  /** Stable key: a --data row with the same id replaces the bundled one. */
  id: z.string().check(z.regex(/^[a-z0-9-]+$/, 'expected a lowercase id such as gitrepo-volume')),
  /** Kinds the path applies to; "pod" means every kind that runs pods, with the path inside the pod spec. */
  kinds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  /** Keys from the object (or the pod spec) down to the field; "*" walks every item of a list. */
  path: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  /** Only this value of the field is affected (e.g. trafficDistribution: PreferClose), compared as text. */
  value: z.optional(z.string()),
  /** How a person names the field: "the gitRepo volume", "spec.externalIPs". */
  label: z.string().check(z.minLength(1)),
  deprecatedIn: z.nullable(minorVersion),
  /** First release in which the field no longer works by default (null: no removal scheduled). */
  removedIn: z.nullable(minorVersion),
  replacement: z.string().check(z.minLength(1)),
  /** First release that accepts the replacement, when it is newer than the field. */
  replacementAvailableIn: z.optional(minorVersion),
  forecast: z.optional(z.boolean()),
  note: z.string(),
  source: sourceUrl,
});

export type FieldRow = z.infer<typeof fieldRowSchema>;

/** The value or values found at `path` below `root` ("*" fans out over list items). */
export function valuesAtPath(root: unknown, path: readonly string[]): unknown[] {
  let level: unknown[] = [root];
  for (const key of path) {
    const next: unknown[] = [];
    for (const node of level) {
      if (key === '*') {
        if (Array.isArray(node)) next.push(...node);
      } else if (isRecord(node) && Object.hasOwn(node, key)) {
        next.push(node[key]);
      }
    }
    level = next;
  }
  return level.filter((value) => value !== undefined && value !== null);
}
