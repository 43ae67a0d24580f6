// Add-on upgrades placed around the control-plane hops. From the addon-* findings' details (the
// release each hop needs), chained through the releases each project requires (data/addons
// `upgradePath`), each with its exact chart version; add-ons that follow the control plane's minor
// right after every hop; the EKS add-ons to the version EKS lists for each version, right after
// its hop, with kube-proxy moved first where the hop would leave it too far behind.
import semver from 'semver';
import { isRecord } from '../core/fields.js';
import { parseKubeVersion } from '../core/kube-version.js';
import type { Finding, Origin } from '../core/types.js';
import type { ChartReference, EksAddonReference, Inventory } from '../core/inventory.js';
import { compatibilityRowOf, recommendedFor, rowSupports, supportedRangeText } from '../addons/compatibility.js';
import { addonUpgradePath, newestRelease } from '../addons/upgrade-path.js';
import { chartEvidence } from '../addons/detect.js';
import type { AddonDefinition, NodeRules } from '../knowledge/addon-schema.js';
import type { AddonIndex } from '../knowledge/addons.js';
import type { PlannedEnvironment } from './environments.js';
import { awsRegion, clusterName } from './tooling.js';
import type { Change, Phase } from './types.js';
import { environmentOf } from '../report/one-per-place.js';
import { originPlace } from '../core/origin-path.js';

export interface AddonUpgrade {
  addon: string;
  hop: string;
  /** 'during': right after the control plane, before the node groups (the EKS add-ons). */
  phase: Phase;
  from?: string;
  to?: string;
  /** The chart version that ships `to`, when the add-on is installed from a chart. */
  chart?: string;
  change?: Change;
  reason: string;
  /** Migrations and per-step actions the add-on's project asks for at this release. */
  notes?: string[];
  /** The chart reference whose version line this upgrade edits (see pinnedLine). */
  line?: ChartReference;
}

export interface AddonKnowledge {
  addons: AddonIndex;
  nodes: NodeRules;
}

const BEFORE_HOP = new Set(['addon-incompatible', 'addon-upgrade-first']);
const PHASE_RANK: Record<Phase, number> = { before: 0, during: 1, after: 2 };

/**
 * The add-on upgrades for one environment going through `hops`, in the order they are made. With
 * `freshInstall` (a new cluster), each add-on is installed once at the release it needs, without
 * the intermediate releases an in-place upgrade goes through.
 */
export function placeAddonUpgrades(
  findings: readonly Finding[],
  inventory: Inventory,
  env: PlannedEnvironment,
  hops: readonly string[],
  knowledge?: AddonKnowledge,
  freshInstall = false,
): AddonUpgrade[] {
  const followers = new Set((knowledge?.addons.addons ?? []).filter((addon) => addon.upgradePath?.followsControlPlane).map((addon) => addon.name));
  const eksManaged = new Set(inventory.eksAddons.filter((entry) => belongsTo(entry, env)).map((entry) => entry.name));
  const wanted = new Map<string, AddonUpgrade>();
  for (const finding of findings) {
    if (!BEFORE_HOP.has(finding.id) && finding.id !== 'addon-outdated') continue;
    const details = finding.details ?? {};
    const addon = String(details.addon ?? finding.resource?.name ?? 'add-on');
    // Placed below from the knowledge, at every hop.
    if (knowledge && (followers.has(addon) || (finding.id === 'addon-outdated' && eksManaged.has(addon)))) continue;
    const phase: Phase = BEFORE_HOP.has(finding.id) ? 'before' : 'after';
    const from = details.version === undefined || details.version === null ? undefined : String(details.version);
    const line = pinnedLine(finding, addon, inventory, env);
    for (const [hop, to] of versionsByHop(finding, hops)) {
      const key = `${chainKey(addon, line)} ${hop} ${phase}`;
      // addon-incompatible names no version to move to; the add-on's addon-upgrade-first does.
      const known = wanted.get(key);
      if (known && (known.to !== undefined || to === undefined)) continue;
      wanted.set(key, { addon, hop, phase, from, to, change: whereOf(finding.origin), reason: `${finding.id}: ${finding.message}`, ...(line ? { line } : {}) });
    }
  }
  const upgrades = chain([...wanted.values()], hops, inventory, env, knowledge, freshInstall);
  if (knowledge) {
    upgrades.push(...followControlPlane(findings, inventory, env, hops, knowledge, followers, freshInstall));
    upgrades.push(...eksAddonUpgrades(inventory, env, hops, knowledge, freshInstall));
  }
  const hopIndex = (hop: string) => hops.indexOf(hop);
  // Stable: the add-ons of one hop and phase keep their order, each add-on's chain in sequence.
  return upgrades.sort((a, b) => hopIndex(a.hop) - hopIndex(b.hop) || PHASE_RANK[a.phase] - PHASE_RANK[b.phase]);
}

/**
 * The chart reference whose version line an add-on finding's upgrades edit: the one at the
 * finding's own place for its environment (a Chart.yaml dependency, an Application, an
 * ApplicationSet's default or per-environment override), else the add-on's first chart reference
 * in the environment (for a finding on what a chart rendered). Each line holds its own version and
 * is upgraded from it, in a chain of its own: one chain per add-on, from its first finding's version
 * and edited on its first line, moved a line pinning 1.12 back to 1.9, or skipped the minors between.
 * Undefined for an EKS add-on, and where no code pins the add-on.
 */
export function pinnedLine(finding: Finding, addon: string, inventory: Inventory, env: PlannedEnvironment): ChartReference | undefined {
  if (inventory.eksAddons.some((entry) => entry.name === addon && belongsTo(entry, env))) return undefined;
  const place = originPlace(finding.origin);
  const here = place === undefined ? [] : inventory.charts.filter((reference) => reference.versionSite && originPlace(reference.origin) === place);
  const judgedIn = environmentOf(finding);
  const own = here.filter((reference) => reference.env === judgedIn);
  const candidates = own.length > 0 ? own : here.filter((reference) => reference.env === undefined);
  // Several in one environment (a list generator's elements, which name none): the one the finding was judged from.
  return candidates.find((reference) => chartEvidence(reference) === finding.details?.evidence) ?? candidates[0] ?? chartOf(addon, inventory, env);
}

/** What names an add-on's chain of upgrades: the add-on and the line it edits (see pinnedLine). */
export function chainKey(addon: string, line: ChartReference | undefined): string {
  return line?.versionSite ? `${addon} ${line.versionSite.path}:${line.versionSite.line}` : addon;
}

/**
 * Each add-on's wanted releases, hop after hop, expanded into the releases its project lets an
 * upgrade go through; `from` of each step is where the previous one left the add-on, on each line
 * that pins it (see pinnedLine).
 */
function chain(wanted: AddonUpgrade[], hops: readonly string[], inventory: Inventory, env: PlannedEnvironment, knowledge: AddonKnowledge | undefined, freshInstall: boolean): AddonUpgrade[] {
  const byChain = new Map<string, AddonUpgrade[]>();
  for (const entry of wanted) {
    const key = chainKey(entry.addon, entry.line);
    byChain.set(key, [...(byChain.get(key) ?? []), entry]);
  }
  const result: AddonUpgrade[] = [];
  for (const entries of byChain.values()) {
    entries.sort((a, b) => hops.indexOf(a.hop) - hops.indexOf(b.hop) || PHASE_RANK[a.phase] - PHASE_RANK[b.phase]);
    const name = entries[0].addon;
    const definition = knowledge?.addons.get(name);
    const chart = entries[0].line;
    const foreignChart = chart !== undefined && definition !== undefined && !fromKnownRepository(definition, chart);
    let installed = entries[0].from;
    const original = installed;
    let installedChart = chart?.version;
    for (const entry of entries) {
      if (entry.to === undefined || installed === undefined || !definition) {
        result.push(withChange({ ...entry, from: installed }, chart, installedChart, inventory, env, original));
        continue;
      }
      // A release ahead of the cluster moves back (addon-compatibility) to the newest known release
      // of the older line: one step, as no upgrade path leads backwards.
      const goal = semver.coerce(entry.to);
      const have = semver.coerce(installed);
      if (goal && have && semver.lt(goal, have)) {
        const release = newestRelease(definition, `${goal.major}.${goal.minor}`);
        const back: AddonUpgrade = { ...entry, from: installed, to: release.version };
        if (release.chart !== undefined && !foreignChart) back.chart = release.chart;
        result.push(withChange(back, chart, installedChart, inventory, env, original));
        installed = release.version;
        installedChart = release.chart ?? installedChart;
        continue;
      }
      const path = addonUpgradePath(definition, installed, entry.to);
      const steps = freshInstall && path.length > 0 ? [{ ...path[path.length - 1], migrations: path.flatMap((step) => (step.migration ? [step.migration] : [])) }] : path.map((step) => ({ ...step, migrations: step.migration ? [step.migration] : [] }));
      const controlPlane = entry.hop.split('→')[entry.phase === 'before' ? 0 : 1];
      for (const step of steps) {
        const notes = [
          ...step.migrations.map((migration) => `${migration.text} (${migration.source})`),
          ...(definition.upgradePath?.eachStep ? [definition.upgradePath.eachStep] : []),
          ...unsupportedNote(definition, step.version, controlPlane),
          ...(foreignChart ? [foreignChartNote(definition, chart!, step.version)] : []),
        ];
        const upgrade: AddonUpgrade = { ...entry, from: installed, to: step.version, reason: entry.reason };
        if (step.chart !== undefined && !foreignChart) upgrade.chart = step.chart;
        if (notes.length > 0) upgrade.notes = notes;
        result.push(withChange(upgrade, chart, installedChart, inventory, env, original));
        installed = step.version;
        installedChart = step.chart ?? installedChart;
      }
    }
  }
  return result;
}

/**
 * Add-ons whose minor must equal the control plane's (cluster-autoscaler): to the control plane's
 * minor first when it differs now, then right after every hop, each with the chart that ships it;
 * on each line that pins it, from its own version (see pinnedLine).
 */
function followControlPlane(findings: readonly Finding[], inventory: Inventory, env: PlannedEnvironment, hops: readonly string[], knowledge: AddonKnowledge, followers: Set<string>, freshInstall: boolean): AddonUpgrade[] {
  const upgrades: AddonUpgrade[] = [];
  const chained = new Set<string>();
  for (const finding of findings) {
    const name = finding.details?.addon;
    if (typeof name !== 'string' || !followers.has(name) || typeof finding.details!.version !== 'string') continue;
    const chart = pinnedLine(finding, name, inventory, env);
    const key = chainKey(name, chart);
    if (chained.has(key)) continue;
    chained.add(key);
    const definition = knowledge.addons.get(name)!;
    const foreignChart = chart !== undefined && !fromKnownRepository(definition, chart);
    let installed = String(finding.details!.version);
    const original = installed;
    let installedChart = chart?.version;
    const reason = `${definition.upgradePath!.note ?? 'its minor must equal the control plane\'s'} (${definition.upgradePath!.source})`;
    const moveTo = (hop: string, phase: Phase, minor: string) => {
      const parsed = semver.coerce(installed);
      if (parsed && `${parsed.major}.${parsed.minor}` === minor) return;
      const release = newestRelease(definition, minor);
      const upgrade: AddonUpgrade = { addon: name, hop, phase, from: installed, to: release.version, reason, change: whereOf(finding.origin), ...(chart ? { line: chart } : {}) };
      if (foreignChart) upgrade.notes = [foreignChartNote(definition, chart!, release.version)];
      else if (release.chart !== undefined) upgrade.chart = release.chart;
      else if (chart) upgrade.notes = [`No chart release in the knowledge base ships ${name} ${minor}: pin the image tag ${release.version} in the chart values, or add a chartReleases row with --data.`];
      upgrades.push(withChange(upgrade, chart, installedChart, inventory, env, original));
      installed = release.version;
      installedChart = release.chart ?? installedChart;
    };
    if (freshInstall) {
      const hop = hops[hops.length - 1];
      if (hop) moveTo(hop, 'after', hop.split('→')[1]);
      continue;
    }
    if (hops.length > 0) moveTo(hops[0], 'before', env.current);
    for (const hop of hops) moveTo(hop, 'after', hop.split('→')[1]);
  }
  return upgrades;
}

/**
 * The EKS managed add-ons of the environment to the version EKS lists for each version, right after
 * its hop; kube-proxy also before a hop that would leave it more minors behind than the skew policy
 * allows (to the version for the current control plane: it may never be newer than the control plane).
 */
function eksAddonUpgrades(inventory: Inventory, env: PlannedEnvironment, hops: readonly string[], knowledge: AddonKnowledge, freshInstall: boolean): AddonUpgrade[] {
  const upgrades: AddonUpgrade[] = [];
  const seen = new Set<string>();
  for (const reference of inventory.eksAddons) {
    // Moved by the control plane's own apply (see controlPlaneFollowers).
    if (!belongsTo(reference, env) || seen.has(reference.name) || follows(reference)) continue;
    seen.add(reference.name);
    const definition = knowledge.addons.byEksAddon(reference.name) ?? knowledge.addons.get(reference.name);
    if (!definition) continue;
    if (!definition.recommended?.length) {
      // No EKS-listed versions in the knowledge base: the step names the lookup instead of a version.
      const hop = hops[hops.length - 1];
      const to = hop?.split('→')[1];
      if (to === undefined) continue;
      // No edit: there is no concrete version to write until the lookup names it.
      const change: Change = { command: `aws eks describe-addon-versions${awsRegion(env)} --addon-name ${reference.name} --kubernetes-version ${to} --query 'addons[].addonVersions[?compatibilities[?defaultVersion]].addonVersion'` };
      upgrades.push({
        addon: reference.name,
        hop,
        phase: 'during',
        from: reference.version,
        reason: `the knowledge base lists no EKS versions of ${reference.name}: set the default version EKS names for ${to} (the command prints it), then aws eks update-addon${awsRegion(env)} --cluster-name ${clusterName(env)} --addon-name ${reference.name} --addon-version <that version>`,
        change,
      });
      continue;
    }
    let installed = reference.version;
    const moveTo = (hop: string, phase: Phase, kubernetes: string, reason: string) => {
      const version = recommendedFor(definition, kubernetes);
      if (version === undefined || !isOlder(installed, version)) return;
      const source = definition.recommended!.find((row) => row.kubernetes === kubernetes)!.source;
      upgrades.push({ addon: reference.name, hop, phase, from: installed, to: version, reason: `${reason} (${source})`, change: eksAddonChange(reference, env, installed, version) });
      installed = version;
    };
    for (const hop of freshInstall ? hops.slice(-1) : hops) {
      const [from, to] = hop.split('→');
      if (!freshInstall && reference.name === 'kube-proxy' && tooFarBehind(installed, to, knowledge.nodes)) {
        moveTo(hop, 'before', from, `kube-proxy ${installed ?? ''} would fall more minors behind the ${to} control plane than the skew policy allows; it may never be newer than the control plane, so it moves to the ${from} release first`);
      }
      moveTo(hop, 'during', to, `the version Amazon EKS lists for ${to}`);
    }
  }
  return upgrades;
}

/**
 * The EKS add-ons of the environment that pin no version and that the code looks up for the
 * cluster's Kubernetes version at every apply (the EKS module's addons without addon_version):
 * the apply that moves the control plane moves them right after it, with no step of their own.
 */
export function controlPlaneFollowers(inventory: Inventory, env: PlannedEnvironment): EksAddonReference[] {
  const names = new Set<string>();
  return inventory.eksAddons.filter((reference) => belongsTo(reference, env) && follows(reference) && !names.has(reference.name) && names.add(reference.name));
}

function follows(reference: EksAddonReference): boolean {
  return reference.version === undefined && reference.followsControlPlane !== undefined;
}

/** A release the project's path passes through although it is not listed for the running control plane. */
function unsupportedNote(definition: AddonDefinition, version: string, controlPlane: string): string[] {
  const row = compatibilityRowOf(definition, version);
  if (!row || rowSupports(row, controlPlane)) return [];
  return [`${definition.name} ${version} is listed for Kubernetes ${supportedRangeText(row)}, not the ${controlPlane} control plane it runs on during this step: the upgrade path passes through it, so move on to the next step without waiting (${row.source}).`];
}

/** A chart from a repository the chart map does not describe (bitnami's external-dns numbers its own versions). */
function fromKnownRepository(definition: AddonDefinition, chart: ChartReference): boolean {
  const known = definition.chartRepositories;
  if (!known?.length || chart.repository === undefined || !chart.repository.includes('://')) return true;
  const normalize = (url: string) => url.replace(/\/+$/, '').toLowerCase();
  return known.some((url) => normalize(url) === normalize(chart.repository!));
}

function foreignChartNote(definition: AddonDefinition, chart: ChartReference, version: string): string {
  return `The ${chart.chart} chart comes from ${chart.repository}, whose versions the knowledge base does not map; set the chart version of that repository that ships ${definition.name} ${version} (the map covers ${definition.chartRepositories!.join(', ')}).`;
}

function tooFarBehind(installed: string | undefined, controlPlane: string, nodes: NodeRules): boolean {
  const version = installed === undefined ? undefined : semver.coerce(installed);
  if (!version) return false;
  const minor = `${version.major}.${version.minor}`;
  const rule = (nodes.skew ?? [])
    .filter((row) => row.component === 'kube-proxy' && semver.gte(`${minor}.0`, `${row.fromVersion}.0`))
    .sort((a, b) => semver.compare(`${b.fromVersion}.0`, `${a.fromVersion}.0`))[0];
  const target = parseKubeVersion(controlPlane);
  return rule !== undefined && target !== undefined && target.minor - version.minor > rule.maxMinorsBehind;
}

/** "v1.28.1-eksbuild.1" older than "v1.28.1-eksbuild.3": the EKS build counts after an equal release. */
function isOlder(installed: string | undefined, wanted: string): boolean {
  if (installed === undefined) return true;
  const a = semver.coerce(installed);
  const b = semver.coerce(wanted);
  if (!a || !b) return installed !== wanted;
  if (!semver.eq(a, b)) return semver.lt(a, b);
  const build = (version: string) => Number(/eksbuild\.(\d+)/.exec(version)?.[1] ?? 0);
  return build(installed) < build(wanted);
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

/** The change for an add-on step: its EKS add-on, its chart (with the chart version), or the file that pins it. */
function withChange(upgrade: AddonUpgrade, chart: ChartReference | undefined, chartFrom: string | undefined, inventory: Inventory, env: PlannedEnvironment, original = upgrade.from): AddonUpgrade {
  const eksAddon = inventory.eksAddons.find((entry) => entry.name === upgrade.addon && belongsTo(entry, env));
  if (eksAddon) return { ...upgrade, change: eksAddonChange(eksAddon, env, upgrade.from ?? eksAddon.version, upgrade.to) };
  if (chart) {
    const to = upgrade.chart;
    // Without a known chart version there is no value to write: the step's notes say how to find it.
    if (to === undefined) return { ...upgrade, change: whereOf(chart.origin) };
    return {
      ...upgrade,
      change: { ...whereOf(chart.origin), from: chartFrom, to, command: `helm upgrade ${chart.release ?? upgrade.addon} ${chart.repository ? `${chart.repository}/` : ''}${chart.chart} --version ${to} --reuse-values` },
    };
  }
  if (!upgrade.change) return upgrade;
  const written = (version: string | undefined) => (version === undefined ? undefined : inStyleOf(original, version));
  return { ...upgrade, change: { ...upgrade.change, from: written(upgrade.from), to: written(upgrade.to) } };
}

/**
 * A version written as the installed one was ("0.31.3" → "0.32.10", not "v0.32.10"): the edit replaces
 * the old text inside an image tag that may carry its own "v".
 */
function inStyleOf(original: string | undefined, version: string): string {
  if (original === undefined) return version;
  const bare = version.replace(/^v(?=\d)/, '');
  return /^v\d/.test(original) ? `v${bare}` : bare;
}

function eksAddonChange(reference: EksAddonReference, env: PlannedEnvironment, from: string | undefined, to: string | undefined): Change {
  return {
    ...whereOf(reference.origin),
    from,
    to,
    command: `aws eks update-addon${awsRegion(env)} --cluster-name ${clusterName(env)} --addon-name ${reference.name}${to ? ` --addon-version ${to}` : ''} --resolve-conflicts PRESERVE`,
  };
}

function chartOf(addon: string, inventory: Inventory, env: PlannedEnvironment): ChartReference | undefined {
  return inventory.charts.find((entry) => (entry.chart === addon || entry.release === addon) && belongsTo(entry, env));
}

function belongsTo(entry: ChartReference | EksAddonReference, env: PlannedEnvironment): boolean {
  return entry.env === undefined || entry.env === env.name;
}

function whereOf(origin: Origin | undefined): Change {
  return origin && (origin.type === 'file' || origin.type === 'terraform') ? { file: origin.path, line: origin.line } : {};
}
