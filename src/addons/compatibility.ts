// Judges an add-on version against the Kubernetes versions of an upgrade: which release supports which minor,
// the oldest and the recommended release for a hop, and the moves the add-on must make on the way.
import semver from 'semver';
import { compareKubeVersions, listHops } from '../core/kube-version.js';
import type { AddonDefinition, CompatibilityRow } from '../knowledge/addon-schema.js';

export interface AddonMove {
  /** "1.28→1.29"; absent when the current version is unknown and only the target was judged. */
  hop?: string;
  /** Whether the add-on moves before or after the control plane makes that hop. */
  phase: 'before' | 'after';
  /** Kubernetes minors the new release must support. */
  kubernetes: string[];
  /** Oldest release that does; null when no known release does. */
  minimum: string | null;
  /** Newest known release line that does ("1.29.x"); null when the newest supporting row has no upper bound. */
  recommended: string | null;
  /**
   * Set when the installed release is ahead of these minors (its row starts above them: argo-cd
   * 3.4 supports 1.32-1.35, the cluster is on 1.30), so no later release helps: the move is back to
   * an older one, `minimum` then being null and `recommended` the newest older line that supports
   * them, if one is known.
   */
  older?: true;
}

export type AddonVerdict =
  | { kind: 'unknown'; reason: string }
  | { kind: 'ok'; row: CompatibilityRow }
  | { kind: 'moves'; row: CompatibilityRow; moves: AddonMove[]; supportsCurrent: boolean | null };

/** The compatibility row covering a release: the last listed row whose range contains it. */
export function compatibilityRowOf(addon: AddonDefinition, version: string): CompatibilityRow | undefined {
  const parsed = semver.coerce(version);
  if (!parsed) return undefined;
  return [...(addon.compatibility ?? [])].reverse().find((row) => semver.satisfies(parsed, row.versions));
}

export function rowSupports(row: CompatibilityRow, kubernetes: string): boolean {
  return (
    (row.kubernetesMin === null || compareKubeVersions(row.kubernetesMin, kubernetes) <= 0) &&
    (row.kubernetesMax === null || compareKubeVersions(kubernetes, row.kubernetesMax) <= 0)
  );
}

export function supportedRangeText(row: CompatibilityRow): string {
  if (row.kubernetesMin === row.kubernetesMax && row.kubernetesMin !== null) return `only ${row.kubernetesMin}`;
  if (row.kubernetesMax === null) return `${row.kubernetesMin ?? 'any'} and later (no upper bound published)`;
  return row.kubernetesMin === null ? `up to ${row.kubernetesMax}` : `${row.kubernetesMin} to ${row.kubernetesMax}`;
}

/**
 * Walks the hops from current to target (or judges the target alone without a current version). At a hop the
 * installed release does not support, the add-on moves: before the hop to a release supporting both sides when
 * one exists, otherwise to a release for the new side, before or after the hop as the add-on's data says. An
 * add-on whose minor follows the control plane's moves to the current minor before the first hop when it runs
 * another, then right after every hop.
 */
export function judgeAddon(addon: AddonDefinition, version: string, target: string, current?: string): AddonVerdict {
  const row = compatibilityRowOf(addon, version);
  if (!row) {
    const reason = (addon.compatibility ?? []).length === 0 ? 'no compatibility matrix is in the knowledge base' : `release ${version} is not covered by the compatibility matrix`;
    return { kind: 'unknown', reason };
  }
  const moves: AddonMove[] = [];
  let installed = semver.coerce(version)!.version;
  if (current === undefined) {
    if (!rowSupports(row, target)) moves.push(moveFor(addon, [target], installed, 'before'));
  } else if (addon.upgradePath?.followsControlPlane) {
    // Its minor equals the control plane's (cluster-autoscaler): to the current minor first when it
    // differs, then right after each hop to that hop's minor — as the plan moves it.
    const hops = listHops(current, target);
    const landings: { hop: string; phase: 'before' | 'after'; kubernetes: string }[] = [
      ...(hops.length > 0 ? [{ hop: `${hops[0].from}→${hops[0].to}`, phase: 'before' as const, kubernetes: current }] : []),
      ...hops.map((hop) => ({ hop: `${hop.from}→${hop.to}`, phase: 'after' as const, kubernetes: hop.to })),
    ];
    for (const landing of landings) {
      const installedRow = compatibilityRowOf(addon, installed);
      if (installedRow && rowSupports(installedRow, landing.kubernetes)) continue;
      const move = olderIfAhead(addon, moveFor(addon, [landing.kubernetes], installed, landing.phase), installedRow, installed);
      moves.push({ ...move, hop: landing.hop });
      const next = landingVersion(addon, move, installed);
      if (!next) break;
      installed = next;
    }
  } else {
    for (const hop of listHops(current, target)) {
      const installedRow = compatibilityRowOf(addon, installed);
      if (installedRow && rowSupports(installedRow, hop.to)) continue;
      const bothSides = moveFor(addon, [hop.from, hop.to], installed, 'before');
      const forward = bothSides.minimum !== null ? bothSides : moveFor(addon, [hop.to], installed, addon.moveWhenNoOverlap ?? 'before');
      // Back, when the installed release is ahead: to one that runs on both sides of the hop if one is known.
      const backBoth = olderIfAhead(addon, bothSides, installedRow, installed);
      const move = forward.minimum !== null ? forward : backBoth.older && backBoth.recommended !== null ? backBoth : olderIfAhead(addon, forward, installedRow, installed);
      moves.push({ ...move, hop: `${hop.from}→${hop.to}` });
      const next = landingVersion(addon, move, installed);
      if (!next) break;
      installed = next;
    }
  }
  if (moves.length === 0) return { kind: 'ok', row };
  return { kind: 'moves', row, moves, supportsCurrent: current === undefined ? null : rowSupports(row, current) };
}

function moveFor(addon: AddonDefinition, kubernetes: string[], installed: string, phase: 'before' | 'after'): AddonMove {
  const floors = candidateFloors(addon, kubernetes, installed);
  const newest = floors.at(-1);
  return {
    phase,
    kubernetes,
    minimum: floors[0]?.floor ?? null,
    recommended: newest && newest.bounded ? `${semver.major(newest.floor)}.${semver.minor(newest.floor)}.x` : null,
  };
}

/**
 * `move` as a move back, when no release from `installed` on supports its minors because the
 * installed one starts above them: the newest older release line known to support them, if any.
 */
function olderIfAhead(addon: AddonDefinition, move: AddonMove, installedRow: CompatibilityRow | undefined, installed: string): AddonMove {
  const startsAbove = installedRow?.kubernetesMin != null && move.kubernetes.every((minor) => compareKubeVersions(installedRow.kubernetesMin!, minor) > 0);
  if (move.minimum !== null || !startsAbove) return move;
  const older = olderFloor(addon, move.kubernetes, installed);
  return { ...move, recommended: older ? `${older.major}.${older.minor}.x` : null, older: true };
}

/** The first release of the newest row older than `installed` that supports every given minor. */
function olderFloor(addon: AddonDefinition, kubernetes: string[], installed: string): semver.SemVer | undefined {
  return (addon.compatibility ?? [])
    .filter((row) => kubernetes.every((minor) => rowSupports(row, minor)) && !semver.satisfies(installed, row.versions))
    .map((row) => semver.minVersion(row.versions))
    .filter((lowest): lowest is semver.SemVer => lowest !== null && semver.lt(lowest, installed))
    .sort(semver.compare)
    .at(-1);
}

/** Where the walk assumes the add-on lands after a move: the newest supporting release line known (the newest older one, for a move back). */
function landingVersion(addon: AddonDefinition, move: AddonMove, installed: string): string | undefined {
  if (move.older) return olderFloor(addon, move.kubernetes, installed)?.version;
  return candidateFloors(addon, move.kubernetes, installed).at(-1)?.floor;
}

/** The oldest release of each row that supports every given minor and is not older than what is installed, oldest first. */
function candidateFloors(addon: AddonDefinition, kubernetes: string[], installed: string): { floor: string; bounded: boolean }[] {
  const floors: { floor: string; bounded: boolean }[] = [];
  for (const row of addon.compatibility ?? []) {
    if (!kubernetes.every((minor) => rowSupports(row, minor))) continue;
    const lowest = semver.minVersion(row.versions);
    if (!lowest) continue;
    let floor = lowest.version;
    if (semver.lt(floor, installed)) {
      if (!semver.satisfies(installed, row.versions)) continue;
      floor = installed;
    }
    floors.push({ floor, bounded: semver.validRange(row.versions)!.includes('<') });
  }
  return floors.sort((a, b) => semver.compare(a.floor, b.floor));
}

/** The EKS-published version for a Kubernetes minor, when the add-on has such a table. */
export function recommendedFor(addon: AddonDefinition, kubernetes: string): string | undefined {
  return addon.recommended?.find((row) => row.kubernetes === kubernetes)?.version;
}
