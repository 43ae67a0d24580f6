// Finds the add-ons an estate runs: container images of workloads, Helm charts (Chart.yaml dependencies,
// helm_release, live releases) and EKS managed add-ons, each with the version it reads and where it was found.
import semver from 'semver';
import type { Origin, ResourceRef } from '../core/types.js';
import type { ChartReference, EksAddonReference, Inventory } from '../core/inventory.js';
import { resourceRef } from '../core/describe.js';
import type { AddonDefinition } from '../knowledge/addon-schema.js';
import type { AddonIndex } from '../knowledge/addons.js';
import { parseImageReference, versionFromTag } from './image-reference.js';
import { summaryOf } from '../core/workload-model/object-summary.js';

export type DetectionVia = 'image' | 'chart' | 'eks-addon' | 'helm-release';

export interface DetectedAddon {
  name: string;
  /** The add-on's own version; undefined when the input does not say (tag "latest", unmapped chart version). */
  version?: string;
  via: DetectionVia;
  origin: Origin;
  env?: string;
  resource?: ResourceRef;
  /** The image, chart or EKS add-on version the version was read from. */
  evidence: string;
  /** An EKS add-on whose version the code looks up for the control plane's at every apply (EksAddonReference). */
  followsControlPlane?: EksAddonReference['followsControlPlane'];
  /**
   * A chart version range that admits more than one minor release ('*' when no version is set):
   * whoever installs the chart takes the newest matching release at each sync, so the code does
   * not say which one runs (version is then undefined).
   */
  versionRange?: string;
  /** A chart version still a template ({{values.version}}): an ApplicationSet's generator fills it in from what the scan does not hold. */
  versionTemplate?: string;
}

const cache = new WeakMap<Inventory, DetectedAddon[]>();

/** Detections in input order; computed once per inventory, as several checks ask. */
export function detectAddons(inventory: Inventory, addons: AddonIndex): DetectedAddon[] {
  const cached = cache.get(inventory);
  if (cached) return cached;
  const detected = [
    ...fromWorkloads(inventory, addons),
    ...inventory.charts.flatMap((chart) => fromChart(chart, addons)),
    ...inventory.eksAddons.flatMap((reference) => fromEksAddon(reference, addons)),
  ];
  cache.set(inventory, detected);
  return detected;
}

function fromWorkloads(inventory: Inventory, addons: AddonIndex): DetectedAddon[] {
  const detected: DetectedAddon[] = [];
  for (const resource of inventory.resources) {
    // The add-ons found in this workload's images so far (nearly always none).
    let seen: Set<string> | undefined;
    for (const image of summaryOf(resource)?.images ?? []) {
      const reference = parseImageReference(image);
      const addon = addons.byImage(reference.repository);
      if (!addon || seen?.has(addon.name)) continue;
      (seen ??= new Set()).add(addon.name);
      const version = versionFromTag(reference.tag);
      detected.push({ name: addon.name, ...(version ? { version } : {}), via: 'image', origin: resource.origin, resource: resourceRef(resource), evidence: image });
    }
  }
  return detected;
}

function fromChart(chart: ChartReference, addons: AddonIndex): DetectedAddon[] {
  const addon = addons.byChart(chart.chart);
  if (!addon) return [];
  const { version, versionRange, versionTemplate } = chartAppVersion(addon, chart.version);
  return [
    {
      name: addon.name,
      ...(version ? { version } : {}),
      ...(versionRange ? { versionRange } : {}),
      ...(versionTemplate ? { versionTemplate } : {}),
      via: chart.origin.type === 'file' ? 'chart' : 'helm-release',
      origin: chart.origin,
      ...(chart.env ? { env: chart.env } : {}),
      evidence: chartEvidence(chart),
    },
  ];
}

/** How a finding names the chart reference it was judged from (details.evidence): "chart cert-manager v1.12.4". */
export function chartEvidence(chart: Pick<ChartReference, 'chart' | 'version'>): string {
  return `chart ${chart.chart}${chart.version ? ` ${chart.version}` : ''}`;
}

function fromEksAddon(reference: EksAddonReference, addons: AddonIndex): DetectedAddon[] {
  const addon = addons.byEksAddon(reference.name);
  if (!addon) return [];
  const version = versionFromTag(reference.version);
  return [
    {
      name: addon.name,
      ...(version ? { version } : {}),
      via: 'eks-addon',
      origin: reference.origin,
      ...(reference.env ? { env: reference.env } : {}),
      evidence: `EKS add-on ${reference.name}${reference.version ? ` ${reference.version}` : ''}`,
      ...(reference.followsControlPlane ? { followsControlPlane: reference.followsControlPlane } : {}),
    },
  ];
}

/**
 * The application version a chart reference's version (exact, a range, or none) ships. A range
 * within one minor release (1.20.x, ~4.11.0) is taken at the newest release the knowledge base
 * lists in it: its compatibility is the minor's. A range across minors, or no version at all, is
 * returned as versionRange: Flux, Argo CD and Helmfile install the newest match at each sync.
 */
export function chartAppVersion(addon: AddonDefinition, chartVersion: string | undefined): { version?: string; versionRange?: string; versionTemplate?: string } {
  if (chartVersion === undefined || chartVersion.trim() === '') return { versionRange: '*' };
  if (chartVersion.includes('{{')) return { versionTemplate: chartVersion };
  const exact = semver.valid(semver.clean(chartVersion) ?? '');
  const range = exact ? null : semver.validRange(chartVersion);
  if (!range) return { version: appVersionOfChart(addon, chartVersion) };
  const lowest = semver.minVersion(range);
  if (!lowest || !semver.subset(range, `${lowest.major}.${lowest.minor}.x`)) return { versionRange: chartVersion };
  const newestKnown = (addon.chartReleases ?? [])
    .map((row) => row.chart)
    .filter((version) => semver.satisfies(semver.clean(version) ?? version, range))
    .sort((a, b) => semver.compare(semver.clean(a) ?? a, semver.clean(b) ?? b))
    .at(-1);
  return { version: appVersionOfChart(addon, newestKnown ?? lowest.version) };
}

/**
 * The application version a chart version ships, when the knowledge base knows it: the app of
 * that exact chart release (its index.yaml appVersion, chartReleases) before the ranges of
 * chartVersions, which are minimums a project's README gives per app minor and can disagree
 * at their edges (cluster-autoscaler chart 9.51.0 ships 1.33.0 where the README starts 1.34).
 */
export function appVersionOfChart(addon: AddonDefinition, chartVersion: string): string | undefined {
  if (addon.chartVersionIsAppVersion) return versionFromTag(chartVersion);
  const version = semver.coerce(chartVersion);
  if (!version) return undefined;
  const release = addon.chartReleases?.find((row) => semver.coerce(row.chart)?.version === version.version);
  if (release) return versionFromTag(release.app);
  return addon.chartVersions?.find((row) => semver.satisfies(version, row.chart))?.app;
}
