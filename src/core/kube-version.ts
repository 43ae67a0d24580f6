// Version math in one place: parse what users, clusters and EKS print, compare, and list
// the minor hops an upgrade goes through (the control plane moves one minor at a time).
import { UsageError } from './errors.js';

export interface KubeVersion {
  major: number;
  minor: number;
  patch?: number;
}

export interface Hop {
  from: string;
  to: string;
}

// Accepts 1.29, v1.29, 1.29.3, v1.29.3-eks-1a2b3c, v1.29.3+k3s1, 1.29.x and the "1.29+" GKE form.
const VERSION = /^v?(\d+)\.(\d+)\+?(?:\.(\d+|x))?(?:[-+].*)?$/i;

export function parseKubeVersion(text: string): KubeVersion | undefined {
  const match = VERSION.exec(String(text).trim());
  if (!match) return undefined;
  const version: KubeVersion = { major: Number(match[1]), minor: Number(match[2]) };
  if (match[3] !== undefined && match[3].toLowerCase() !== 'x') version.patch = Number(match[3]);
  return version;
}

/** Like parseKubeVersion, but a user-facing error naming what was expected. */
export function requireKubeVersion(text: string, what: string): KubeVersion {
  const version = parseKubeVersion(text);
  if (!version) {
    throw new UsageError(`${what} "${text}" is not a Kubernetes version; expected a form like 1.31, v1.31 or 1.31.2`);
  }
  return version;
}

/** "1.29": the minor line a version belongs to. */
export function minorOf(version: KubeVersion | string): string {
  const parsed = typeof version === 'string' ? parseKubeVersion(version) : version;
  if (!parsed) throw new Error(`"${version}" is not a Kubernetes version`);
  return `${parsed.major}.${parsed.minor}`;
}

export function formatKubeVersion(version: KubeVersion): string {
  return version.patch === undefined
    ? `${version.major}.${version.minor}`
    : `${version.major}.${version.minor}.${version.patch}`;
}

/** Negative when a < b; patch is compared only when both have one. */
export function compareKubeVersions(a: KubeVersion | string, b: KubeVersion | string): number {
  const left = typeof a === 'string' ? parseKubeVersion(a) : a;
  const right = typeof b === 'string' ? parseKubeVersion(b) : b;
  if (!left || !right) throw new Error(`cannot compare "${String(a)}" with "${String(b)}"`);
  return (
    left.major - right.major ||
    left.minor - right.minor ||
    (left.patch !== undefined && right.patch !== undefined ? left.patch - right.patch : 0)
  );
}

/** Minor versions strictly after `from` up to and including `to`: 1.28→1.30 gives 1.29, 1.30. */
export function listHops(from: KubeVersion | string, to: KubeVersion | string): Hop[] {
  const start = typeof from === 'string' ? parseKubeVersion(from) : from;
  const end = typeof to === 'string' ? parseKubeVersion(to) : to;
  if (!start || !end) throw new Error(`cannot list hops from "${String(from)}" to "${String(to)}"`);
  if (start.major !== end.major) throw new Error('hops across major versions are not supported');
  const hops: Hop[] = [];
  for (let minor = start.minor; minor < end.minor; minor++) {
    hops.push({ from: `${start.major}.${minor}`, to: `${start.major}.${minor + 1}` });
  }
  return hops;
}

/** The hop that arrives at `version`: 1.22 → "1.21→1.22". */
export function hopInto(version: KubeVersion | string): string {
  const parsed = typeof version === 'string' ? parseKubeVersion(version) : version;
  if (!parsed) throw new Error(`"${String(version)}" is not a Kubernetes version`);
  return `${parsed.major}.${parsed.minor - 1}→${parsed.major}.${parsed.minor}`;
}
