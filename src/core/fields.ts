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
