// The file an object, finding or fact came from, when its origin is a file (a manifest, a
// template, infrastructure code): a cluster or EKS API origin has none.
import type { Origin } from './types.js';

export function originPath(origin: Origin | undefined): string | undefined {
  return origin && 'path' in origin ? origin.path : undefined;
}
