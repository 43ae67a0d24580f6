// Reading decoded YAML/JSON, where any field may be absent or of another type than the
// schema says: narrow before use rather than trust a cast.

/** An object's fields as decoded, none of them known yet. */
export type Fields = Record<string, unknown>;

export function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Fields | undefined {
  return isRecord(value) ? value : undefined;
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * A field whose value the source could not know, such as a Terraform attribute known only at
 * apply time (src/sources/terraform/kubernetes-object.ts says how each check treats it). A
 * string, so that a check expecting a number, list or object reads it as neither.
 */
export const UNKNOWN_VALUE = '(known after apply)';
