// A deep copy of template data as Go's copystructure makes it (Sprig's deepCopy, mergo's
// merge): maps and lists are copied, anything else — a function such as .Files.Get, a method
// of a list such as .Capabilities.APIVersions.Has — is shared, never refused. structuredClone
// would throw on the functions of `$` and abort the run.
import { isDict } from './go-values.js';

export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) {
    const copy: unknown[] = value.map(deepCopy);
    // Methods a list carries (non-index own properties) stay on the copy, unenumerable as before.
    for (const key of Object.getOwnPropertyNames(value)) {
      if (key !== 'length' && !/^\d+$/.test(key)) Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(value, key)!);
    }
    return copy as T;
  }
  // Only plain maps are copied: a value of a class of its own (a time, chart values) is shared as Go shares it.
  if (isDict(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = deepCopy(value[key]);
    return copy as T;
  }
  return value;
}
