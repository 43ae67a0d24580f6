// addon-incompatible, addon-upgrade-first, addon-outdated, addon-advice, addon-unknown: every detected add-on judged
// against the target and each control-plane hop on the way, with the release to move to and when.
import semver from 'semver';
import { compareKubeVersions, listHops } from '../core/kube-version.js';
import type { Finding } from '../core/types.js';
import { detectAddons, type DetectedAddon } from '../addons/detect.js';
import { groupInstalls, type AddonInstall } from '../addons/installs.js';
import { compatibilityRowOf, judgeAddon, recommendedFor, supportedRangeText, type AddonMove } from '../addons/compatibility.js';
import { WORKLOAD_KINDS } from '../core/pod-template.js';
import type { AddonDefinition } from '../knowledge/addon-schema.js';
import { currentVersionFor } from './control-plane-version.js';
import type { Check, CheckContext } from './types.js';

export const addonCompatibilityCheck: Check = {
  ids: ['addon-incompatible', 'addon-upgrade-first', 'addon-outdated', 'addon-advice', 'addon-unknown'],
  objectKinds: WORKLOAD_KINDS,
  checkInventory(inventory, context) {
    return groupInstalls(detectAddons(inventory, context.knowledge.addons)).flatMap(({ detected, alsoIn }) => {
      const addon = context.knowledge.addons.get(detected.name)!;
      const current = currentVersionFor(detected.env, inventory, context, detected.origin);
      return judgeDetection(detected, addon, current, context).map((finding) => withWholeInstall(finding, alsoIn));
    });
  },
};

/** Why a detected add-on has no version to judge, and what to do. */
function whyNoVersion(detected: DetectedAddon): string {
  if (detected.versionRange) return floatingChartVersion(detected.versionRange);
  if (detected.versionTemplate) {
    return `its chart version ${detected.versionTemplate} is filled in by the ApplicationSet's generators from what the scan does not hold (a git generator's files); scan those files too, or set the version in the template or in a generator's values, to have it judged`;
  }
  if (detected.via === 'chart' || detected.via === 'helm-release') return `the knowledge base does not map this chart version to an app release of ${detected.name}; add a chartVersions row with --data`;
  return 'its version cannot be read; pin an explicit version so that upshift (and you) can tell what runs';
}

/** Why a chart installed at a version range is not judged, and what to do (see DetectedAddon.versionRange). */
function floatingChartVersion(range: string): string {
  const what = range === '*' ? 'no chart version is set' : `the chart version ${range} is a range across minor releases`;
  return `${what}, so each sync installs the newest matching release: the code does not say which one runs, and a new minor can arrive on its own, before or after a control-plane hop; pin the chart version (or one minor, such as 1.2.x) so that it moves when the upgrade plans it`;
}

/** A finding about an install that runs in several workloads names them, so that all are moved together. */
function withWholeInstall(finding: Finding, alsoIn: AddonInstall['alsoIn']): Finding {
  if (alsoIn.length === 0) return finding;
  const names = alsoIn.map(({ resource }) => (resource ? `${resource.kind} ${resource.name ?? '(unnamed)'}` : 'another workload'));
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  return {
    ...finding,
    message: `${finding.message} (the same install also runs it in ${shown})`,
    details: { ...finding.details, alsoIn: alsoIn.map(({ resource, origin }) => ({ ...(resource ? { resource } : {}), origin })) },
  };
}

function judgeDetection(detected: DetectedAddon, addon: AddonDefinition, current: string | undefined, context: CheckContext): Finding[] {
  const base = anchor(detected);
  const subject = `${detected.name} (${detected.evidence})`;
  if (detected.version === undefined) {
    // Nothing to pin or judge: every apply that moves the control plane moves it to a version EKS lists for it.
    if (detected.followsControlPlane) return [];
    const why = whyNoVersion(detected);
    return [{ ...base, id: 'addon-unknown', severity: 'info', message: `${subject}: ${why}`, details: detailsOf(detected, context, current) }];
  }
  const findings = [...outdated(detected, addon, current, context), ...advice(detected, addon, current, context)];
  const verdict = judgeAddon(addon, detected.version, context.target, current);
  if (verdict.kind === 'unknown') {
    if (addon.recommended?.length) return findings;
    // A note is written as a sentence; in parentheses it loses its closing period.
    const reason = addon.note ? `${verdict.reason} (${addon.note.replace(/\.$/, '')})` : verdict.reason;
    return [{ ...base, id: 'addon-unknown', severity: 'info', message: `${detected.name} ${detected.version} (${detected.evidence}): ${reason}; check its release notes for ${context.target} and add a compatibility row with --data`, details: detailsOf(detected, context, current) }];
  }
  if (verdict.kind === 'ok') return findings;

  const range = supportedRangeText(verdict.row);
  const details = {
    ...detailsOf(detected, context, current),
    supportedKubernetes: { min: verdict.row.kubernetesMin, max: verdict.row.kubernetesMax },
    moves: verdict.moves,
    ...(verdict.row.forecast ? { forecast: true } : {}),
    source: verdict.row.source,
  };
  const notNow = verdict.supportsCurrent === false ? ` (it does not support the current ${current} either)` : '';
  const follows = addon.upgradePath?.followsControlPlane && current !== undefined ? ` and must run the same minor as the control plane` : '';
  const judged = `${detected.name} ${detected.version} supports Kubernetes ${range}${notNow}${follows}`;
  if (follows) findings.push(followControlPlane(detected, verdict.moves, details, judged));
  else findings.push(upgradeFirst(detected, verdict.moves, details, judged) ?? { ...base, id: 'addon-incompatible', severity: 'error', message: `${judged}; ${describeMoves(verdict.moves, context.target)}`, details });
  return findings;
}

/**
 * An add-on whose minor follows the control plane's (cluster-autoscaler), advised as the plan moves it:
 * to the current minor before the first hop when it runs another (addon-upgrade-first), then right after
 * every hop to that hop's minor (addon-incompatible when that is all).
 */
function followControlPlane(detected: DetectedAddon, moves: AddonMove[], details: Record<string, unknown>, judged: string): Finding {
  const release = (move: AddonMove) => (move.minimum === null ? moveTarget(move) : move.recommended ?? move.minimum);
  const steps = moves.map((move) => (move.phase === 'before' ? `to ${release(move)} before the ${move.hop} control-plane hop` : `to ${release(move)} right after ${move.hop}`));
  // (No keeping it as it is: an add-on that follows the control plane runs its minor or is unsupported.)
  const message = `${judged}: ${moves.some((move) => move.older) ? 'move it' : 'upgrade it'} ${steps.join('; then ')}`;
  const before = moves.filter((move) => move.phase === 'before' && move.hop !== undefined);
  if (before.length === 0) return { ...anchor(detected), id: 'addon-incompatible', severity: 'error', message, details };
  const upgrades = before.map((move) => ({ hop: move.hop, minimum: move.minimum, recommended: move.recommended }));
  return { ...anchor(detected), id: 'addon-upgrade-first', severity: 'error', message, details: { ...details, upgrades } };
}

/**
 * An add-on that must move before control-plane hops is one addon-upgrade-first naming them all
 * (not also an addon-incompatible about the same add-on at the same place): an estate of many
 * hops would otherwise repeat the add-on once per hop, and once more as its incompatibility.
 */
function upgradeFirst(detected: DetectedAddon, moves: AddonMove[], details: Record<string, unknown>, judged: string): Finding | undefined {
  const before = moves.filter((move): move is AddonMove & { hop: string } => move.phase === 'before' && move.hop !== undefined);
  if (before.length === 0) return undefined;
  const after = moves.filter((move) => !before.includes(move as AddonMove & { hop: string }));
  // A release ahead of the cluster is not helped by a later one: it moves back, or runs on a
  // Kubernetes older than it supports until the control plane catches up.
  const verb = before.some((move) => move.older) ? 'move it' : 'upgrade it';
  const message =
    before.length === 1
      ? `${judged}: ${verb} to ${moveTarget(before[0])} before the ${before[0].hop} control-plane hop${aheadNote(before, details)}`
      : `${judged}: ${verb} ahead of ${before.length} control-plane hops: ${before.map((move) => `to ${moveTarget(move)} before ${move.hop}`).join('; ')}${aheadNote(before, details)}`;
  const then = after.length > 0 ? `; then ${after.map((move) => `${move.phase} ${move.hop ?? 'the upgrade'} to ${moveTarget(move)}`).join('; ')}` : '';
  const upgrades = before.map((move) => ({ hop: move.hop, minimum: move.minimum, recommended: move.recommended }));
  return { ...anchor(detected), id: 'addon-upgrade-first', severity: 'error', message: `${message}${then}`, details: { ...details, upgrades } };
}

/** EKS-published versions: the add-on should follow each control-plane hop to the version EKS lists for it. */
function outdated(detected: DetectedAddon, addon: AddonDefinition, current: string | undefined, context: CheckContext): Finding[] {
  const recommended = recommendedFor(addon, context.target);
  const installed = semver.coerce(detected.version);
  const wanted = recommended === undefined ? null : semver.coerce(recommended);
  if (!installed || !wanted || !semver.lt(installed, wanted)) return [];
  const steps = current && compareKubeVersions(current, context.target) < 0
    ? listHops(current, context.target).map((hop) => ({ hop: `${hop.from}→${hop.to}`, phase: 'after', recommended: recommendedFor(addon, hop.to) ?? null }))
    : [];
  const along = steps.length > 1 ? `; update it after each control-plane hop (${steps.map((step) => `${step.hop}: ${step.recommended ?? 'unknown'}`).join(', ')})` : '';
  return [
    {
      ...anchor(detected),
      id: 'addon-outdated',
      severity: 'warning',
      message: `${detected.name} ${detected.version} is older than ${recommended}, the version Amazon EKS lists for ${context.target}${along}`,
      details: { ...detailsOf(detected, context, current), recommended, steps, source: addon.recommended!.find((row) => row.kubernetes === context.target)!.source },
    },
  ];
}

/**
 * Conditional advice on the installed release's row, for each Kubernetes minor it starts at that the upgrade
 * reaches (crossed on the way from current, or the target itself when current is unknown).
 */
function advice(detected: DetectedAddon, addon: AddonDefinition, current: string | undefined, context: CheckContext): Finding[] {
  const row = compatibilityRowOf(addon, detected.version!);
  return (row?.advice ?? [])
    .filter((item) => compareKubeVersions(item.fromKubernetes, context.target) <= 0 && (current === undefined || compareKubeVersions(current, item.fromKubernetes) < 0))
    .map((item) => ({
      ...anchor(detected),
      id: 'addon-advice',
      severity: 'warning',
      message: `${detected.name} ${detected.version} at Kubernetes ${item.fromKubernetes}, if ${item.when}: ${item.message}`,
      details: { ...detailsOf(detected, context, current), fromKubernetes: item.fromKubernetes, when: item.when, source: item.source },
    }));
}

function describeMoves(moves: AddonMove[], target: string): string {
  if (moves.length === 1 && moves[0].hop === undefined) return `not the target ${target}: move it to ${moveTarget(moves[0])}`;
  const steps = moves.map((move) => `${move.phase} ${move.hop} to ${moveTarget(move)}`);
  return `on the way to ${target} it must move ${moves.length === 1 ? 'once' : `${moves.length} times`}: ${steps.join('; ')}`;
}

function moveTarget(move: AddonMove): string {
  if (move.older) return `an older release supporting ${move.kubernetes.join(' and ')} (${move.recommended ?? 'none is known to the knowledge base'})`;
  if (move.minimum === null) return `a release supporting ${move.kubernetes.join(' and ')} (none is known to the knowledge base)`;
  return `${move.minimum} or later${move.recommended ? ` (recommended ${move.recommended})` : ''}`;
}

/** What keeping a release that is ahead of the cluster means, when a move is back to an older one. */
function aheadNote(moves: readonly AddonMove[], details: Record<string, unknown>): string {
  const supported = details.supportedKubernetes as { min: string | null } | undefined;
  if (!moves.some((move) => move.older) || !supported?.min) return '';
  return `, or keep it and run it on a Kubernetes older than it supports until the control plane reaches ${supported.min}`;
}

function anchor(detected: DetectedAddon): Pick<Finding, 'origin' | 'resource'> {
  return detected.resource ? { origin: detected.origin, resource: detected.resource } : { origin: detected.origin };
}

function detailsOf(detected: DetectedAddon, context: CheckContext, current: string | undefined): Record<string, unknown> {
  return {
    addon: detected.name,
    version: detected.version ?? null,
    via: detected.via,
    evidence: detected.evidence,
    ...(detected.versionRange ? { versionRange: detected.versionRange } : {}),
    ...(detected.env ? { env: detected.env } : {}),
    current: current ?? null,
    target: context.target,
  };
}
