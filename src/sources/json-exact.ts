// Whether JSON carries a value exactly: JSON.stringify then JSON.parse gives back an equal value
// (as v8's serializer would), with nothing dropped, turned to null or to text on the way.

// Deeper than any manifest nests; past it (or in a cycle, which YAML aliases can make) the answer is no.
const MAX_DEPTH = 256;

/**
 * True when `value` holds only strings, booleans, null, finite numbers other than -0, arrays
 * without holes and plain objects, none of them undefined, within MAX_DEPTH levels. (The scan's
 * threads hand results over in JSON when it is; helm's encoding functions key a cache by it.)
 */
export function isJsonExact(value: unknown, depth = 0): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth === MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        // (a hole reads as undefined, so it fails too)
        for (let index = 0; index < value.length; index++) if (!isJsonExact(value[index], depth + 1)) return false;
        return true;
      }
      // Dates, Maps, Sets and class instances do not come back as themselves (a dictionary made
      // without a prototype comes back with one, holding the same entries).
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) if (!isJsonExact((value as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false; // undefined, functions, symbols, bigints
  }
}
