// The entry of a map of collections, made when the key has none yet.

export function mapIn<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

/**
 * Adds `value` to the list under `key`, a one-item literal when the key has none yet (see
 * appended): most of these lists keep one item (the 20k bench estate's readiness model made
 * 11,600 of them, 1.8 MB at the end of the scan).
 */
export function addIn<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
