// One finding per problem: where a specific check names a problem that a generic one reports
// too, only the specific finding stays. A PodSecurityPolicy is removed with its API in 1.25
// (api-removed), but what to do about it is psp-in-use's advice: there is no apiVersion to
// move to, so the generic "use X instead" would be one more row saying less.
import type { Finding } from '../core/types.js';

/** Specific id → the generic id it replaces at the same object and place. */
const SUPERSEDES: Readonly<Record<string, string>> = { 'psp-in-use': 'api-removed' };

const GENERIC = new Set(Object.values(SUPERSEDES));

export function withoutSuperseded(findings: readonly Finding[]): Finding[] {
  const specific = new Set(findings.filter((finding) => SUPERSEDES[finding.id]).map((finding) => placeKey(SUPERSEDES[finding.id], finding)));
  if (specific.size === 0) return [...findings];
  // Only a generic finding can be replaced, so only those get a key: with one PodSecurityPolicy in
  // the bench estate, keying all 38,069 findings took 51-56 ms of the end of the scan, keying its
  // 1,559 api-removed ones 7-8 ms.
  return findings.filter((finding) => !GENERIC.has(finding.id) || !specific.has(placeKey(finding.id, finding)));
}

function placeKey(id: string, finding: Finding): string {
  return JSON.stringify([id, finding.resource ?? null, finding.origin ?? null]);
}
