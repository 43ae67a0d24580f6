// The file an object, finding or fact came from, when its origin is a file (a manifest, a
// template, infrastructure code): a cluster or EKS API origin has none.
import type { Origin } from './types.js';

export function originPath(origin: Origin | undefined): string | undefined {
  return origin && 'path' in origin ? origin.path : undefined;
}

/** The file and line an origin names ("path:line"), to tell whether two origins are one place; undefined without a file. */
export function originPlace(origin: Origin | undefined): string | undefined {
  return origin && 'path' in origin ? `${origin.path}:${'line' in origin ? origin.line : ''}` : undefined;
}
