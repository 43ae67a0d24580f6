// Add-on upgrades placed around the control-plane hops, from the addon-* findings' details
// (minimum/recommended version and hop, or addon-upgrade-first's list of them): what must move
// before a hop, and the EKS add-ons that follow the control plane after it.
import { isRecord } from '../core/fields.js';
import type { Finding } from '../core/types.js';
import type { ChartReference, EksAddonReference, Inventory } from '../core/inventory.js';
import type { PlannedEnvironment } from './environments.js';
import { clusterName } from './tooling.js';
import type { Change, Phase } from './types.js';

export interface AddonUpgrade {
  addon: string;
  hop: string;
  phase: Phase;
  from?: string;
  to?: string;
  change?: Change;
  reason: string;
}

const BEFORE_HOP = new Set(['addon-incompatible', 'addon-upgrade-first']);

/** The add-on upgrades for one environment going through `hops`. */
export function placeAddonUpgrades(findings: readonly Finding[], inventory: Inventory, env: PlannedEnvironment, hops: readonly string[]): AddonUpgrade[] {
  const upgrades = new Map<string, AddonUpgrade>();
  for (const finding of findings) {
    if (!BEFORE_HOP.has(finding.id) && finding.id !== 'addon-outdated') continue;
    const details = finding.details ?? {};
    const addon = String(details.addon ?? finding.resource?.name ?? 'add-on');
    const phase: Phase = BEFORE_HOP.has(finding.id) ? 'before' : 'after';
    const from = details.version === undefined ? undefined : String(details.version);
    for (const [hop, to] of versionsByHop(finding, hops)) {
      const key = `${addon} ${hop} ${phase}`;
      // addon-incompatible names no version to move to; the add-on's addon-upgrade-first does.
      const known = upgrades.get(key);
      if (known && (known.to !== undefined || to === undefined)) continue;
      upgrades.set(key, { addon, hop, phase, from, to, change: addonChange(addon, from, to, finding, inventory, env), reason: `${finding.id}: ${finding.message}` });
    }
  }
  return [...upgrades.values()];
}

/**
 * The version a finding asks for at each of the plan's hops. An upgrade at a hop the plan does not
 * make (one blue/green jump over several minors) goes to the plan's first hop (its last, for what
 * follows the control plane), where the last such upgrade wins: that release supports where the
 * jump lands.
 */
function versionsByHop(finding: Finding, hops: readonly string[]): Map<string, string | undefined> {
  const details = finding.details ?? {};
  const fallback = BEFORE_HOP.has(finding.id) ? hops[0] : hops[hops.length - 1];
  const wanted = Array.isArray(details.upgrades) ? details.upgrades.filter(isRecord) : [details];
  const byHop = new Map<string, string | undefined>();
  for (const entry of wanted) {
    const hop = typeof entry.hop === 'string' && hops.includes(entry.hop) ? entry.hop : fallback;
    const to = entry.recommended ?? entry.minimum;
    byHop.set(hop, to === undefined || to === null ? undefined : String(to));
  }
  return byHop;
}

function addonChange(addon: string, from: string | undefined, to: string | undefined, finding: Finding, inventory: Inventory, env: PlannedEnvironment): Change | undefined {
  const eksAddon = inventory.eksAddons.find((entry) => entry.name === addon && belongsTo(entry, env));
  if (eksAddon) {
    return {
      ...where(eksAddon.origin),
      from: eksAddon.version ?? from,
      to,
      command: `aws eks update-addon --cluster-name ${clusterName(env)} --addon-name ${addon}${to ? ` --addon-version ${to}` : ''} --resolve-conflicts PRESERVE`,
    };
  }
  const chart = inventory.charts.find((entry) => (entry.chart === addon || entry.release === addon) && belongsTo(entry, env));
  if (chart) {
    const chartTo = finding.details?.chartVersion;
    return { ...where(chart.origin), from: chart.version, to: chartTo === undefined ? undefined : String(chartTo), command: `helm upgrade ${chart.release ?? addon} ${chart.repository ? `${chart.repository}/` : ''}${chart.chart}${chartTo ? ` --version ${String(chartTo)}` : ''} --reuse-values` };
  }
  if (finding.origin) return { ...where(finding.origin), from, to };
  return undefined;
}

function belongsTo(entry: ChartReference | EksAddonReference, env: PlannedEnvironment): boolean {
  return entry.env === undefined || entry.env === env.name;
}

function where(origin: Finding['origin']): Change {
  return origin && (origin.type === 'file' || origin.type === 'terraform') ? { file: origin.path, line: origin.line } : {};
}
