// When each finding's action is due, for the first screen (the table): support deadlines first,
// then before which control-plane hop, earliest first, then what has no deadline on the way to
// the target. Read from the facts checks already put in details (upgradeBeforeHop, upgrades,
// moves, removedIn), so a new check that names its hop is placed without a change here.
import { isRecord } from '../core/fields.js';
import type { Finding, Report } from '../core/types.js';
import { BY_ENVIRONMENT } from './one-per-place.js';

export interface Due {
  /** Orders the groups: smaller is sooner. */
  rank: number;
  /** "Support deadlines", "Before 1.28→1.29", "No deadline before 1.36". */
  label: string;
}

/** Actions by kind, as the first screen counts them: "5 API migrations, 3 add-ons, 2 drain blockers". */
const CATEGORIES: readonly { name: string; plural: string; ids: readonly string[] }[] = [
  { name: 'cluster past its end of support', plural: 'clusters past their end of support', ids: ['support-ended'] },
  { name: 'cluster near its end of support', plural: 'clusters near their end of support', ids: ['support-ending'] },
  { name: 'unreadable input', plural: 'unreadable inputs', ids: ['input-invalid', 'input-unrendered-template'] },
  { name: 'API migration', plural: 'API migrations', ids: ['api-removed', 'api-deprecated', 'api-replacement-unavailable', 'deprecated-api-called', 'psp-in-use', 'tf-resource-deprecated', 'field-removed', 'field-deprecated'] },
  { name: 'add-on', plural: 'add-ons', ids: ['addon-incompatible', 'addon-upgrade-first', 'addon-outdated', 'addon-unknown', 'ingress-nginx-retired', 'kube-proxy-skew'] },
  { name: 'node group', plural: 'node groups', ids: ['kubelet-skew', 'al2-nodes'] },
  { name: 'drain blocker', plural: 'drain blockers', ids: ['pdb-blocks-eviction', 'pdb-overlap', 'bare-pod', 'long-termination-grace', 'hpa-min-below-pdb', 'docker-socket'] },
  { name: 'workload note', plural: 'workload notes', ids: ['recreate-strategy', 'liveness-probe-missing', 'zonal-volume', 'singleton-job', 'nodegroup-pinned'] },
];
const OTHER = { name: 'drain risk', plural: 'drain risks' };

/** The kind of action a finding asks for, singular and plural. */
export function categoryOf(id: string): { name: string; plural: string } {
  return CATEGORIES.find((category) => category.ids.includes(id)) ?? OTHER;
}

const SUPPORT_IDS = new Set(['support-ended', 'support-ending']);
const INPUT_IDS = new Set(['input-invalid', 'input-unrendered-template']);
// Kubernetes versions whose arrival ends something a workload relies on (the check's own details
// say so too where they have removedIn; these ids have it by definition).
const REMOVED_IN: Readonly<Record<string, string>> = { 'psp-in-use': '1.25', 'docker-socket': '1.24' };

/** When a finding's action is due, given the report's current and target versions. */
export function dueOf(finding: Finding, report: Pick<Report, 'current' | 'target'>): Due {
  if (SUPPORT_IDS.has(finding.id)) return { rank: 0, label: 'Support deadlines' };
  if (INPUT_IDS.has(finding.id)) return { rank: 1, label: 'Inputs upshift could not read' };
  const hops = dueHops(finding, report);
  if (hops.length > 0) {
    const [from, to] = hops.sort(compareHops)[0];
    return { rank: 100 + minorNumber(from), label: `Before ${from}→${to}` };
  }
  // An add-on that follows the control plane (cluster-autoscaler's minor) moves right after a hop.
  const after = afterHops(finding);
  if (after.length > 0) {
    const [from, to] = after.sort(compareHops)[0];
    return { rank: 100 + minorNumber(from) + 0.5, label: `Right after ${from}→${to}` };
  }
  if (finding.severity === 'info' || isAfterTheUpgrade(finding)) return { rank: 10_000, label: `No deadline before ${report.target}` };
  // Drain blockers and risks bite at the first node rotation, which the first hop brings.
  const first = firstHop(report.current);
  return first ? { rank: 100 + minorNumber(first[0]), label: `Before ${first[0]}→${first[1]}` } : { rank: 99, label: 'Before the upgrade' };
}

/** The hops a finding's action must come before: one per environment it holds in. */
function dueHops(finding: Finding, report: Pick<Report, 'current' | 'target'>): [string, string][] {
  const details = finding.details ?? {};
  const perEnvironment = isRecord(details[BY_ENVIRONMENT]) ? Object.values(details[BY_ENVIRONMENT]).filter(isRecord) : [];
  const facts = perEnvironment.length > 0 ? perEnvironment.map((own) => ({ ...details, ...own })) : [details];
  return facts.flatMap((fact) => {
    const hop = hopOf(finding.id, fact, report);
    return hop ? [hop] : [];
  });
}

function hopOf(id: string, details: Record<string, unknown>, report: Pick<Report, 'current' | 'target'>): [string, string] | undefined {
  for (const key of ['upgradeBeforeHop', 'moveBeforeHop']) {
    const hop = parseHop(details[key]);
    if (hop) return hop;
  }
  if (Array.isArray(details.upgrades)) {
    const hop = details.upgrades.filter(isRecord).map((upgrade) => parseHop(upgrade.hop)).find(Boolean);
    if (hop) return hop;
  }
  if (Array.isArray(details.moves)) {
    const hop = details.moves.filter(isRecord).filter((move) => move.phase === 'before').map((move) => parseHop(move.hop)).find(Boolean);
    if (hop) return hop;
  }
  const removedIn = typeof details.removedIn === 'string' ? details.removedIn : REMOVED_IN[id];
  if (removedIn && /^\d+\.\d+$/.test(removedIn) && minorNumber(removedIn) <= minorNumber(report.target)) {
    const current = typeof details.current === 'string' ? details.current : typeof details.controlPlane === 'string' ? details.controlPlane : report.current;
    const removal: [string, string] = [previousMinor(removedIn), removedIn];
    // Already gone at the current version: due before the very next hop.
    if (current && minorNumber(removedIn) <= minorNumber(current)) return firstHop(current) ?? removal;
    return removal;
  }
  return undefined;
}

/** The hops an add-on must move right after, when nothing must move before one. */
function afterHops(finding: Finding): [string, string][] {
  if (finding.severity === 'info' || isAfterTheUpgrade(finding)) return [];
  const moves = finding.details?.moves;
  if (!Array.isArray(moves)) return [];
  return moves.filter(isRecord).filter((move) => move.phase === 'after').flatMap((move) => {
    const hop = parseHop(move.hop);
    return hop ? [hop] : [];
  });
}

/** Advice that follows the upgrade rather than gating it: the EKS add-on versions after each hop, deprecations not removed by the target. */
function isAfterTheUpgrade(finding: Finding): boolean {
  return finding.id === 'addon-outdated' || finding.id === 'api-deprecated' || finding.id === 'field-deprecated';
}

function parseHop(value: unknown): [string, string] | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+\.\d+)→(\d+\.\d+)$/.exec(value);
  return match ? [match[1], match[2]] : undefined;
}

function firstHop(current: string | undefined): [string, string] | undefined {
  if (!current || !/^\d+\.\d+$/.test(current)) return undefined;
  const [major, minor] = current.split('.').map(Number);
  return [current, `${major}.${minor + 1}`];
}

function previousMinor(version: string): string {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${minor - 1}`;
}

/** 1.28 → 1028: minors compared as numbers (1.9 before 1.10). */
function minorNumber(version: string): number {
  const [major, minor] = version.split('.').map(Number);
  return major * 1000 + minor;
}

function compareHops(a: [string, string], b: [string, string]): number {
  return minorNumber(a[0]) - minorNumber(b[0]);
}
