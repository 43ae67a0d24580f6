// `upshift check --inventory`: what the sources found per environment, in CLI.md's shape —
// the input `upshift plan` works from.
import { displayPath } from '../core/display-path.js';
import type { ChartReference, EksAddonReference, Inventory, NodeGroupFact } from '../core/inventory.js';
import type { Origin } from '../core/types.js';

export interface InventoryDocument {
  environments: EnvironmentDocument[];
}

export interface EnvironmentDocument {
  name: string;
  origin?: Origin;
  clusterVersion: string | null;
  nodeGroups: NodeGroupDocument[];
  addons: AddonDocument[];
  charts: ChartDocument[];
}

export interface NodeGroupDocument {
  name: string;
  version?: string;
  releaseVersion?: string;
  amiType?: string;
  /** A count as a number, a percentage as "33%". */
  maxUnavailable?: number | string;
  desiredSize?: number;
  origin?: Origin;
}

export interface AddonDocument {
  name: string;
  version?: string;
  via: 'eks-addon' | 'helm-release' | 'chart';
  origin: Origin;
}

export interface ChartDocument {
  chart: string;
  version?: string;
  repository?: string;
  release?: string;
  origin: Origin;
}

export function inventoryDocument(inventory: Inventory, cwd: string): InventoryDocument {
  return {
    environments: inventory.environments.map((environment) => {
      const addons = inventory.eksAddons.filter((addon) => addon.env === environment.name);
      const charts = inventory.charts.filter((chart) => chart.env === environment.name);
      return {
        name: environment.name,
        ...(environment.origin ? { origin: located(environment.origin, cwd) } : {}),
        clusterVersion: environment.clusterVersion ?? null,
        nodeGroups: environment.nodeGroups.map((group) => nodeGroupDocument(group, cwd)),
        addons: [...addons.map((addon) => eksAddonDocument(addon, cwd)), ...charts.map((chart) => chartAddonDocument(chart, cwd))],
        charts: charts.map((chart) => chartDocument(chart, cwd)),
      };
    }),
  };
}

function nodeGroupDocument(group: NodeGroupFact, cwd: string): NodeGroupDocument {
  const document: NodeGroupDocument = { name: group.name };
  if (group.version) document.version = group.version;
  if (group.releaseVersion) document.releaseVersion = group.releaseVersion;
  if (group.amiType) document.amiType = group.amiType;
  if (group.maxUnavailable) document.maxUnavailable = /^\d+$/.test(group.maxUnavailable) ? Number(group.maxUnavailable) : group.maxUnavailable;
  if (group.desiredSize !== undefined) document.desiredSize = group.desiredSize;
  if (group.origin) document.origin = located(group.origin, cwd);
  return document;
}

function eksAddonDocument(addon: EksAddonReference, cwd: string): AddonDocument {
  return { name: addon.name, ...(addon.version ? { version: addon.version } : {}), via: 'eks-addon', origin: located(addon.origin, cwd) };
}

function chartAddonDocument(chart: ChartReference, cwd: string): AddonDocument {
  const via = chart.origin.type === 'terraform' ? 'helm-release' : 'chart';
  return { name: chart.chart, ...(chart.version ? { version: chart.version } : {}), via, origin: located(chart.origin, cwd) };
}

function chartDocument(chart: ChartReference, cwd: string): ChartDocument {
  return {
    chart: chart.chart,
    ...(chart.version ? { version: chart.version } : {}),
    ...(chart.repository ? { repository: chart.repository } : {}),
    ...(chart.release ? { release: chart.release } : {}),
    origin: located(chart.origin, cwd),
  };
}

function located(origin: Origin, cwd: string): Origin {
  return origin.type === 'file' || origin.type === 'terraform' ? { ...origin, path: displayPath(origin.path, cwd) } : origin;
}
