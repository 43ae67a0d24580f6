// The ordered steps for one environment under one strategy: per hop, pre-checks, API
// migrations and add-on upgrades before, the control plane and nodes during, add-ons and
// verification after — each with the edits and commands of the team's own tooling, the
// findings it clears, and its rollback. What no step clears goes to the environment's manual.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { listHops } from '../core/kube-version.js';
import type { Finding } from '../core/types.js';
import { sameSite, type EksAddonReference, type Inventory, type NodeGroupFact } from '../core/inventory.js';
import { originPath } from '../core/origin-path.js';
import type { FixReport } from '../fix/report-types.js';
import type { SupportStatus } from '../knowledge/calendar.js';
import { controlPlaneFollowers, placeAddonUpgrades, type AddonKnowledge } from './addon-steps.js';
import { addonEdits, AddonSteps } from './addon-edits.js';
import { Coverage } from './coverage.js';
import * as estimate from './durations.js';
import type { EditSession, EnvironmentFiles } from './edits.js';
import type { PlannedEnvironment } from './environments.js';
import { fixMigrations } from './fix-migrations.js';
import type { Simulation } from './simulation.js';
import { amiFamilyReplacements, DRAIN_BLOCKERS, drainFixes, nodeGroupCatchUp } from './skew-steps.js';
import {
  applyCommands,
  awsRegion,
  clusterLabel,
  clusterName,
  clusterNameCommands,
  controlPlaneCommands,
  deleteClusterCommands,
  eksctlCannotUpgrade,
  eksctlCopy,
  eksctlDeleteNodeGroup,
  eksctlReplacement,
  nodeGroupCommands,
  nodeGroupLabel,
  nodeGroupNameFor,
  toolOf,
  UNKNOWN_CLUSTER_NAME,
  updateConfigCommand,
} from './tooling.js';
import { trafficShiftSteps } from './traffic.js';
import type { EnvironmentPlan, ManualItem, Phase, PlanSignals, Step, StrategyName } from './types.js';

export interface StepContext {
  env: PlannedEnvironment;
  target: string;
  /** The findings that concern this environment. */
  findings: readonly Finding[];
  inventory: Inventory;
  /** "Deployment shop/storefront", ... */
  applications: readonly string[];
  signals: PlanSignals;
  /** What was scanned, for the `upshift check`/`fix` commands the steps print. */
  paths: readonly string[];
  simulation?: Simulation;
  /** The files as the earlier steps (and environments) of this plan leave them. */
  session: EditSession;
  /** Where relative paths are read from. */
  cwd: string;
  /** Where the target stands on the support calendar today, when known. */
  targetSupport?: SupportStatus;
  /** What `upshift fix` does at each target version (its dry run). */
  fixReports?: ReadonlyMap<string, FixReport>;
  /** Add-on upgrade paths and the node rules (skew, AMI families); without it add-ons follow the findings alone. */
  knowledge?: AddonKnowledge;
}

export type StepDraft = Omit<Step, 'order'> & { items?: string[] };

const PHASE_ORDER: Record<Phase, number> = { before: 0, during: 1, after: 2 };
const SUPPORT = new Set(['support-ended', 'support-ending']);

/** A step with no edits, commands or resolved findings yet. */
export function step(fields: Omit<StepDraft, 'edits' | 'commands' | 'resolves'> & Partial<Pick<StepDraft, 'edits' | 'commands' | 'resolves'>>): StepDraft {
  return { edits: [], commands: [], resolves: [], ...fields };
}

export function environmentSteps(strategy: StrategyName, context: StepContext): EnvironmentPlan {
  const { env, target } = context;
  const coverage = new Coverage(context.findings);
  const hops = listHops(env.current, target).map((hop) => `${hop.from}→${hop.to}`);
  const drafts = hops.length === 0 ? [] : strategy === 'cluster-migration' ? migrationSteps(context, coverage) : hopSteps(strategy, context, hops, coverage);
  const plan: EnvironmentPlan = {
    name: env.name,
    cluster: clusterName(env),
    current: env.current,
    target,
    hops: hops.length === 0 ? [] : strategy === 'cluster-migration' ? [`${env.current}→${target}`] : hops,
    steps: drafts.map((draft, index) => ordered(draft, index + 1)),
    manual: hops.length === 0 ? [] : [...clusterNameManual(context), ...otherClustersManual(env), ...coverage.manualItems()],
  };
  if (env.origin) plan.origin = env.origin;
  return plan;
}

/** Commands stand for a cluster name the code does not let upshift compute with a placeholder: a person fills it in. */
function clusterNameManual(context: StepContext): ManualItem[] {
  const { env } = context;
  if (env.unnamed) {
    return [{ id: 'cluster-name', path: 'cluster', why: `no infrastructure code and no --env names the cluster: replace ${UNKNOWN_CLUSTER_NAME} in the commands with its name, or plan again with --env CLUSTER_NAME` }];
  }
  const source = env.clusterNameSource;
  if (!source || clusterName(env) !== UNKNOWN_CLUSTER_NAME) return [];
  const written = lineAt(resolve(context.cwd, source.path), source.line);
  const address = env.origin?.type === 'terraform' ? env.origin.address : undefined;
  const output = address?.startsWith('module.') ? `${address}.cluster_name` : address ? `${address}.name` : undefined;
  return [{
    id: 'cluster-name',
    path: source.path,
    line: source.line,
    why: `the commands need the cluster's name, which the code sets${written ? ` with \`${written}\`` : ''} from values upshift cannot read, and no output of the root module holds it: replace ${UNKNOWN_CLUSTER_NAME} in the commands with the cluster's name${output ? `, or add output "cluster_name" { value = ${output} } and plan again` : ''}`,
  }];
}

/** Another cluster of the same root module whose version is set elsewhere: the plan does not move it. */
function otherClustersManual(env: PlannedEnvironment): ManualItem[] {
  const own = env.origin?.type === 'terraform' ? env.origin.address : undefined;
  return (env.otherClusters ?? [])
    .filter((other) => !sameSite(other.versionSite, env.versionSite))
    .map((other) => ({
      id: 'other-cluster',
      path: other.path,
      line: other.line,
      why: `${other.address} is another EKS cluster of this root module: this plan upgrades ${own ?? 'only the first one'} and not its control plane, node groups or add-ons; upgrade it the same way, one minor per apply, at ${other.versionSite ? `${other.versionSite.path}:${other.versionSite.line}` : `${other.path}:${other.line}`}`,
    }));
}

function lineAt(path: string, line: number): string | undefined {
  try {
    return readFileSync(path, 'utf8').split(/\r?\n/)[line - 1]?.trim().replace(/\s+/g, ' ') || undefined;
  } catch {
    return undefined;
  }
}

/** The step with its fields in the order CLI.md shows them. */
function ordered(draft: StepDraft, order: number): Step {
  const { hop, phase, kind, title, edits, commands, resolves, items, minutes, rollback, result } = draft;
  return { order, hop, phase, kind, title, edits, commands, resolves, ...(items ? { items } : {}), minutes, rollback, ...(result ? { result } : {}) };
}

export function environmentFiles(env: PlannedEnvironment): EnvironmentFiles {
  return env.terraform?.varFile ? { name: env.name, varFile: env.terraform.varFile } : { name: env.name };
}

function hopSteps(strategy: StrategyName, context: StepContext, hops: string[], coverage: Coverage): StepDraft[] {
  const addons = placeAddonUpgrades(context.findings, context.inventory, context.env, hops, context.knowledge);
  const groupVersions = new Map(context.env.nodeGroups.map((group) => [group.name, group.version ?? context.env.current]));
  const groupNames = new Map(context.env.nodeGroups.map((group) => [group.name, group.name]));
  const amiTypes = new Map(context.env.nodeGroups.map((group) => [group.name, group.amiType]));
  const steps: StepDraft[] = [];
  // Drains start with the first node-group move: what blocks them is fixed before anything moves.
  const drains = hops.length > 0 ? drainFixes(context, hops[0], coverage) : [];
  // Edits are made in step order, so that each `from` is what the earlier steps left.
  const addonSteps = new AddonSteps(context, coverage);
  const addonsAt = (hop: string, phase: Phase) => addonSteps.steps(addons.filter((entry) => entry.hop === hop && entry.phase === phase));
  for (const [index, hop] of hops.entries()) {
    const [from, to] = hop.split('→');
    const migrations = fixMigrations(context, hop, index === 0 ? undefined : hops[index - 1].split('→')[1], coverage);
    const hopDrafts: StepDraft[] = [precheck(context, hop, from, to, index === 0, coverage)];
    if (index === 0) hopDrafts.push(...drains);
    hopDrafts.push(...migrations.filter((entry) => entry.phase === 'before'));
    hopDrafts.push(...addonsAt(hop, 'before'));
    // Before the control plane moves: nothing may be left further behind than the skew policy allows.
    hopDrafts.push(...nodeGroupCatchUp(context, hop, groupVersions, groupNames, coverage));
    hopDrafts.push(...amiFamilyReplacements(context, hop, groupVersions, groupNames, amiTypes, coverage));
    hopDrafts.push(controlPlane(context, hop, from, to, index === hops.length - 1, coverage));
    hopDrafts.push(...migrations.filter((entry) => entry.phase !== 'before'));
    // Right after the control plane: the EKS add-ons for its new version, then the node groups.
    hopDrafts.push(...addonsAt(hop, 'during'));
    hopDrafts.push(...(strategy === 'in-place' ? rollNodeGroups(context, hop, to, groupVersions, groupNames, coverage) : replaceNodeGroups(context, hop, from, to, groupNames, groupVersions, amiTypes, coverage)));
    hopDrafts.push(...recycleFargatePods(context, hop, to));
    hopDrafts.push(...addonsAt(hop, 'after'));
    hopDrafts.push(verify(context, hop, to));
    steps.push(...hopDrafts.sort((a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase]));
  }
  addonSteps.settle();
  return steps;
}

function checkCommand(context: StepContext, current: string, target: string): string {
  // Only environments the code declares can be selected; a --env name given to plan is just a label.
  const env = context.env.origin ? ` --env ${context.env.name}` : '';
  return `upshift check ${context.paths.join(' ') || '.'}${env} --current ${current} --target ${target}`;
}

/** The drain blockers no drain-fix step clears are named before the first hop (they sit in the manual). */
function precheck(context: StepContext, hop: string, from: string, to: string, first: boolean, coverage: Coverage): StepDraft {
  const blockers = first ? context.findings.filter((finding) => DRAIN_BLOCKERS.has(finding.id) && !coverage.isResolved(finding)) : [];
  const cluster = clusterName(context.env);
  const region = awsRegion(context.env);
  const draft = step({
    hop,
    phase: 'before',
    kind: 'precheck',
    title: blockers.length > 0 ? `Pre-checks for ${hop}: ${blockers.length} drain blocker${blockers.length === 1 ? '' : 's'} to settle first (see manual)` : `Pre-checks for ${hop}`,
    commands: [
      checkCommand(context, from, to),
      ...clusterNameCommands(context.env, context.cwd),
      `aws eks list-insights${region} --cluster-name ${cluster} --filter kinds=UPGRADE_READINESS`,
      `aws ec2 describe-subnets${region} --subnet-ids $(aws eks describe-cluster${region} --name ${cluster} --query 'cluster.resourcesVpcConfig.subnetIds' --output text) --query 'Subnets[].AvailableIpAddressCount'`,
    ],
    minutes: estimate.PRECHECK_MINUTES,
    rollback: 'Nothing has changed yet.',
  });
  if (blockers.length > 0) draft.items = blockers.map((finding) => `${finding.id}: ${finding.message}`);
  return draft;
}

function controlPlane(context: StepContext, hop: string, from: string, to: string, last: boolean, coverage: Coverage): StepDraft {
  const { env } = context;
  const draft = step({
    hop,
    phase: 'during',
    kind: 'control-plane',
    title: `Update the ${env.name} control plane${clusterLabel(env) ? ` (${clusterLabel(env)})` : ''} from ${from} to ${to}`,
    commands: controlPlaneCommands(env, to, context.cwd),
    minutes: estimate.CONTROL_PLANE_MINUTES,
    rollback: `None in place: EKS cannot downgrade a control plane. Fix forward, or rebuild a cluster at ${from} from the same code and restore into it.`,
    result: { component: 'control-plane', version: to },
  });
  if (env.versionSite) {
    const result = context.session.set(env.versionSite, to, environmentFiles(env));
    if ('edits' in result) {
      draft.edits.push(...result.edits);
      if (result.note) draft.items = [result.note];
      // Node groups whose version is this same line move with this apply.
      const followers = env.nodeGroups.filter((group) => sameSite(group.versionSite, env.versionSite));
      if (followers.length > 0) (draft.items ??= []).push(`This apply also rolls node group${followers.length === 1 ? '' : 's'} ${followers.map((group) => group.name).join(', ')}: ${followers.length === 1 ? 'its' : 'their'} version is set by the same line.`);
    } else {
      draft.items = [`Cannot edit the version: ${result.problem}; set it to ${to} by hand`];
    }
  } else if (toolOf(env.origin) !== 'aws') {
    draft.items = [`The version of ${env.name} was not traced to a line upshift can edit; set it to ${to} where the code declares it`];
  }
  const alongside = (env.otherClusters ?? []).filter((other) => sameSite(other.versionSite, env.versionSite));
  if (alongside.length > 0 && env.versionSite) {
    (draft.items ??= []).push(`This apply also updates the control plane of ${alongside.map((other) => other.address).join(', ')}, whose version is set by the same line, and rolls its node groups: this plan does not check or verify ${alongside.length === 1 ? 'that cluster' : 'those clusters'} separately.`);
  }
  const addons = controlPlaneFollowers(context.inventory, env);
  if (addons.length > 0) (draft.items ??= []).push(followersNote(addons, to));
  if (last) {
    for (const finding of context.findings.filter((entry) => SUPPORT.has(entry.id))) {
      // Reaching a target that is itself out of support clears nothing.
      if (context.targetSupport === 'ended') coverage.leave(finding, `the target ${context.target} is itself past the end of support on this platform today: choose a supported target (upshift versions)`);
      else draft.resolves.push(coverage.resolve(finding));
    }
  }
  return draft;
}

/** What the control-plane apply does to the EKS add-ons that pin no version. */
function followersNote(addons: readonly EksAddonReference[], to: string): string {
  const names = (list: readonly EksAddonReference[]) => list.map((addon) => addon.name).join(', ');
  const mostRecent = addons.filter((addon) => addon.followsControlPlane === 'most-recent');
  const byDefault = addons.filter((addon) => addon.followsControlPlane === 'default');
  const versions = [
    ...(mostRecent.length > 0 ? [`${names(mostRecent)} to the most recent version EKS lists for ${to}`] : []),
    ...(byDefault.length > 0 ? [`${names(byDefault)} to the version EKS names as the default for ${to}`] : []),
  ];
  return `This apply also moves the EKS add-on${addons.length === 1 ? '' : 's'} ${versions.join(', and ')}, right after the control plane: the code sets no addon_version, so each apply looks one up for the cluster's version.`;
}

function rollNodeGroups(context: StepContext, hop: string, to: string, versions: Map<string, string>, names: Map<string, string>, coverage: Coverage): StepDraft[] {
  const { env } = context;
  // Without node groups in code, the simulated ones are the groups the rollout was modelled on.
  const groups: NodeGroupFact[] = env.nodeGroups.length > 0 ? env.nodeGroups : (context.simulation?.nodeGroups ?? []).map((group) => ({ name: group.name, desiredSize: group.nodes, ...(group.maxUnavailable ? { maxUnavailable: group.maxUnavailable } : {}) }));
  if (groups.length === 0 && toolOf(env.origin) !== 'aws') {
    // The code declares the cluster and no managed node group: the AWS CLI would change what it manages behind its back.
    return [step({
      hop,
      phase: 'during',
      kind: 'node-group',
      title: `Check that the nodes of ${env.name} reach ${to}`,
      commands: [kubeContextCommand(env), 'kubectl get nodes -L eks.amazonaws.com/nodegroup,karpenter.sh/nodepool,eks.amazonaws.com/compute-type'],
      items: [`No managed node group of this cluster was found in its code: nodes of EKS Auto Mode or Karpenter are replaced by their controller once the control plane is at ${to} (as its disruption settings allow); self-managed nodes and node groups declared elsewhere are updated where they are declared.`],
      minutes: estimate.rollMinutes(estimate.ASSUMED_NODES, String(estimate.DEFAULT_MAX_UNAVAILABLE)),
      rollback: `Nodes one minor behind the control plane keep working (version skew).`,
    })];
  }
  if (groups.length === 0) {
    return [step({
      hop,
      phase: 'during',
      kind: 'node-group',
      title: `Update every node group of ${env.name} to ${to}`,
      commands: [
        `for group in $(aws eks list-nodegroups${awsRegion(env)} --cluster-name ${clusterName(env)} --query 'nodegroups[]' --output text); do aws eks update-nodegroup-version${awsRegion(env)} --cluster-name ${clusterName(env)} --nodegroup-name "$group" --kubernetes-version ${to}; done`,
      ],
      minutes: estimate.rollMinutes(estimate.ASSUMED_NODES, String(estimate.DEFAULT_MAX_UNAVAILABLE)),
      rollback: `Nodes one minor behind the control plane keep working (version skew): add a node group at the previous version and cordon the updated nodes.`,
    })];
  }
  return groups.map((declared) => {
    // An earlier step may have replaced the group under a new name (a new AMI type).
    const group = { ...declared, name: names.get(declared.name) ?? declared.name };
    const from = versions.get(declared.name) ?? group.version ?? env.current;
    versions.set(declared.name, to);
    const nodes = estimate.nodesOf(group);
    const tool = toolOf(group.origin ?? env.origin);
    if (tool === 'eksctl' && eksctlCannotUpgrade(group)) return replaceEksctlGroup(context, hop, 'during', from, to, group, declared.name, names, coverage);
    const configured = group.maxUnavailable ?? String(estimate.DEFAULT_MAX_UNAVAILABLE);
    const recommended = estimate.recommendedMaxUnavailable(nodes);
    // Advice only where it replaces more nodes at once than the group's own updateConfig does.
    const shorter = estimate.nodesPerWave(recommended, nodes) > estimate.nodesPerWave(configured, nodes) ? recommended : undefined;
    // The roll runs with the group's updateConfig, unless this step changes it (through the API, when no code declares the group).
    const used = shorter !== undefined && tool === 'aws' ? shorter : configured;
    const simulated = context.simulation?.nodeGroups.find((entry) => entry.name === group.name);
    const minutes = simulated ? Math.ceil(simulated.durationSeconds / 60) : estimate.rollMinutes(nodes, used);
    const draft = step({
      hop,
      phase: 'during',
      kind: 'node-group',
      title: `Roll node group ${group.name} (${nodes} nodes) from ${from} to ${to} with maxUnavailable ${used}: ~${estimate.formatMinutes(minutes)}${simulated ? (simulated.failed ? ' (simulated: the rollout fails, see below)' : ' (simulated)') : ''}`,
      minutes,
      rollback: `Nodes at ${from} keep working with the ${to} control plane (version skew): add a node group at ${from} and cordon ${group.name}'s new nodes.`,
      result: { component: 'node-group', name: group.name, version: to },
    });
    const items: string[] = [];
    const followsControlPlane = sameSite(group.versionSite, env.versionSite);
    if (shorter !== undefined) {
      // Code that declares the group would revert a change made outside it.
      if (tool === 'aws') draft.commands.push(updateConfigCommand(env, group, shorter));
      else {
        const when = followsControlPlane ? 'before the control-plane apply of this hop, which rolls it' : 'before this roll';
        items.push(`To shorten the roll to ~${estimate.formatMinutes(estimate.rollMinutes(nodes, shorter))}, set ${updateConfigSetting(tool, shorter)} in ${group.name}'s update config (now ${group.maxUnavailable ?? `the default ${estimate.DEFAULT_MAX_UNAVAILABLE}`}) ${when}`);
      }
    }
    const moved = followsControlPlane || nodeGroupEdits(context, group, to, draft);
    if (followsControlPlane) items.push(`Its version is set by the control plane's line (${env.versionSite!.path}:${env.versionSite!.line}): the control-plane apply of this hop rolls it; watch it finish.`);
    else if (moved) draft.commands.push(...nodeGroupCommands(env, group, to, context.cwd));
    else items.push(`The version of node group ${group.name} was not traced to a line upshift can edit: set it to ${to} where the group is declared, then apply`);
    for (const blocker of simulated?.blockers ?? []) items.push(`simulated blocker: ${blocker.pod}${blocker.pdb ? ` (PDB ${blocker.pdb})` : ''} ${blocker.outcome ?? ''}${blocker.reason ? `: ${blocker.reason}` : ''}`);
    for (const finding of context.findings.filter((entry) => entry.id === 'kubelet-skew' && entry.details?.nodeGroup === declared.name)) if (moved) draft.resolves.push(coverage.resolve(finding));
    if (items.length > 0) draft.items = items;
    return draft;
  });
}

/** An updateConfig value as the tooling that declares the group spells it. */
function updateConfigSetting(tool: ReturnType<typeof toolOf>, maxUnavailable: string): string {
  const percent = maxUnavailable.endsWith('%') ? maxUnavailable.slice(0, -1) : undefined;
  switch (tool) {
    case 'eksctl':
      return percent ? `updateConfig.maxUnavailablePercentage: ${percent}` : `updateConfig.maxUnavailable: ${maxUnavailable}`;
    case 'cloudformation':
      return percent ? `UpdateConfig.MaxUnavailablePercentage: ${percent}` : `UpdateConfig.MaxUnavailable: ${maxUnavailable}`;
    default:
      return percent ? `max_unavailable_percentage = ${percent}` : `max_unavailable = ${maxUnavailable}`;
  }
}


/** The edits that move a node group's version; false when its version cannot be edited. */
export function nodeGroupEdits(context: StepContext, group: NodeGroupFact, to: string, draft: StepDraft): boolean {
  const tool = toolOf(group.origin ?? context.env.origin);
  if (tool === 'aws' || tool === 'eksctl') return true;
  if (!group.versionSite) return false;
  const result = context.session.set(group.versionSite, to, environmentFiles(context.env));
  if (!('edits' in result)) return false;
  draft.edits.push(...result.edits);
  if (result.note) (draft.items ??= []).push(result.note);
  return true;
}

/** An eksctl node group eksctl cannot upgrade is replaced by a copy at the new version (see eksctlReplacement). */
export function replaceEksctlGroup(context: StepContext, hop: string, phase: Phase, from: string, to: string, group: NodeGroupFact, declaredName: string, names: Map<string, string>, coverage: Coverage): StepDraft {
  const newName = nodeGroupNameFor(group.name, from, to);
  names.set(declaredName, newName);
  const nodes = estimate.nodesOf(group);
  const { items, commands } = eksctlReplacement(context.env, group, newName, to);
  const draft = step({
    hop,
    phase,
    kind: 'node-group',
    title: `Replace ${group.selfManaged ? 'self-managed ' : ''}node group ${group.name} (${nodes} nodes) with ${newName} at ${to}: ${eksctlCannotUpgrade(group)}`,
    commands,
    items,
    // The old group's nodes are drained one at a time when it is deleted.
    minutes: estimate.rollMinutes(nodes, '1'),
    rollback: `Until ${group.name} is deleted: delete ${newName} instead (${eksctlDeleteNodeGroup(context.env, newName)}); ${group.name}'s nodes at ${from} keep working with the ${to} control plane (version skew).`,
    result: { component: 'node-group', name: newName, version: to },
  });
  for (const finding of context.findings.filter((entry) => entry.id === 'kubelet-skew' && entry.details?.nodeGroup === declaredName)) draft.resolves.push(coverage.resolve(finding));
  return draft;
}

function replaceNodeGroups(context: StepContext, hop: string, from: string, to: string, names: Map<string, string>, versions: Map<string, string>, amiTypes: Map<string, string | undefined>, coverage: Coverage): StepDraft[] {
  const { env, applications } = context;
  const groups: NodeGroupFact[] = env.nodeGroups.length > 0 ? env.nodeGroups : [];
  if (groups.length === 0) return rollNodeGroups(context, hop, to, new Map(), new Map(), coverage);
  return groups.flatMap((group) => {
    const oldName = names.get(group.name) ?? group.name;
    const newName = nodeGroupNameFor(oldName, from, to);
    names.set(group.name, newName);
    versions.set(group.name, to);
    const amiType = amiTypes.get(group.name);
    const label = nodeGroupLabel(group);
    const selector = `{"spec":{"template":{"spec":{"nodeSelector":{"${label}":"${newName}"}}}}}`;
    const tool = toolOf(group.origin ?? env.origin);
    const create = step({
      hop,
      phase: 'during',
      kind: 'node-group',
      title: `Create node group ${newName} at ${to} next to ${oldName}`,
      minutes: estimate.rollMinutes(estimate.nodesOf(group), String(estimate.nodesOf(group))),
      rollback: `Delete ${newName}; nothing runs on it yet.`,
      result: { component: 'node-group', name: newName, version: to, ...(amiType ? { amiType } : {}) },
    });
    if (tool === 'aws') {
      create.commands.push(
        `aws eks create-nodegroup${awsRegion(env)} --cli-input-json "$(aws eks describe-nodegroup${awsRegion(env)} --cluster-name ${clusterName(env)} --nodegroup-name ${oldName} --query 'nodegroup.{clusterName:clusterName,nodeRole:nodeRole,subnets:subnets,scalingConfig:scalingConfig,instanceTypes:instanceTypes,amiType:amiType,labels:labels,capacityType:capacityType}' --output json)" --nodegroup-name ${newName} --kubernetes-version ${to}`,
      );
    } else if (tool === 'eksctl') {
      create.items = [`Copy node group ${oldName} in the config file ${eksctlCopy(group, newName, to)}, then create it`];
      create.commands.push(`eksctl create nodegroup --config-file ${originPath(group.origin ?? env.origin)} --include ${newName}`);
    } else {
      create.items = [`Declare node group ${newName} at ${to} next to ${oldName} (a copy of its definition${group.origin && 'path' in group.origin ? ` at ${group.origin.path}:${group.origin.line}` : ''}), then apply`];
      create.commands.push(...applyCommands(env, context.cwd));
    }
    const moves = applications.map((application) => {
      const [kind, qualified] = application.split(' ');
      const [namespace, name] = qualified.includes('/') ? qualified.split('/') : ['default', qualified];
      return `kubectl -n ${namespace} patch ${kind.toLowerCase()} ${name} -p '${selector}'`;
    });
    const drafts: StepDraft[] = [
      create,
      step({
        hop,
        phase: 'during',
        kind: 'workload-move',
        title: `Move ${applications.length} application${applications.length === 1 ? '' : 's'} from ${oldName} to ${newName}, one at a time`,
        commands: moves,
        items: ['Make the same nodeSelector change in each application\'s manifests, or the next deployment moves it back.'],
        minutes: Math.max(1, applications.length) * estimate.WORKLOAD_MOVE_MINUTES_PER_APP,
        rollback: `Per application: patch its nodeSelector back to ${oldName}; its pods return there while ${oldName} exists.`,
      }),
      step({
        hop,
        phase: 'after',
        kind: 'cleanup',
        title: `Drain node group ${oldName}${tool === 'aws' || tool === 'eksctl' ? ' and delete it' : ', then remove it from the code'}`,
        commands: [
          `kubectl drain -l ${label}=${oldName} --ignore-daemonsets --delete-emptydir-data`,
          ...(tool === 'aws' ? [`aws eks delete-nodegroup${awsRegion(env)} --cluster-name ${clusterName(env)} --nodegroup-name ${oldName}`] : []),
          // Taking it out of the config file deletes nothing: eksctl deletes a node group when told to.
          ...(tool === 'eksctl' ? [eksctlDeleteNodeGroup(env, oldName)] : []),
        ],
        ...(tool === 'aws'
          ? {}
          : { items: [tool === 'eksctl' ? `Delete it once ${newName} has run the workloads through a soak period, then remove ${oldName} from ${originPath(group.origin ?? env.origin)}` : `Remove node group ${oldName} from the code once ${newName} has run the workloads through a soak period, then apply`] }),
        minutes: estimate.CLEANUP_MINUTES,
        rollback: `Once deleted, rollback means recreating ${oldName} from code; keep it until the hop is verified.`,
        result: { component: 'node-group', name: oldName, version: null },
      }),
    ];
    return drafts;
  });
}

/**
 * A pod Fargate runs keeps the kubelet of the control plane it started under, and EKS refuses the
 * next control-plane update while one is older ("Kubelet version of Fargate pods must be updated
 * to match cluster version"): after each hop, the Deployments and StatefulSets of the Fargate
 * profiles' namespaces are restarted. (AWS's EKS best practices: restart Fargate deployments
 * after upgrading the control plane.)
 */
function recycleFargatePods(context: StepContext, hop: string, to: string): StepDraft[] {
  const { env } = context;
  const namespaces = [...new Set((env.fargateProfiles ?? []).flatMap((profile) => profile.namespaces))];
  if (namespaces.length === 0) return [];
  return [
    step({
      hop,
      phase: 'during',
      kind: 'node-group',
      title: `Restart the pods Fargate runs in ${namespaces.join(', ')} so that their nodes come up at ${to}: EKS updates the control plane again only when every Fargate node is at its version`,
      commands: [
        kubeContextCommand(env),
        ...namespaces.map(restartNamespaceCommand),
        'kubectl get nodes -l eks.amazonaws.com/compute-type=fargate',
      ],
      items: [`Wait until every Fargate node the last command lists shows ${to}; this restarts every Deployment and StatefulSet of ${namespaces.length === 1 && !/[*?]/.test(namespaces[0]) ? 'the namespace' : 'these namespaces'}, the ones the Fargate profiles select among them`],
      minutes: namespaces.length * estimate.WORKLOAD_MOVE_MINUTES_PER_APP,
      rollback: 'Nothing to undo: the restarted pods run the same images; their new Fargate nodes are at the new version.',
    }),
  ];
}

/**
 * Restarts every Deployment and StatefulSet of a namespace, or of each namespace a Fargate
 * selector's wildcard matches (`app-*`, as aws-ia/terraform-aws-eks-blueprints' fargate-serverless
 * pattern selects): `kubectl -n app-*` names no namespace.
 */
function restartNamespaceCommand(namespace: string): string {
  const restart = (name: string) => `kubectl -n ${name} get deployment,statefulset -o name | xargs -r -n1 kubectl -n ${name} rollout restart`;
  if (!/[*?]/.test(namespace)) return restart(namespace);
  const pattern = namespace.replaceAll('*', '.*').replaceAll('?', '.');
  return `for namespace in $(kubectl get namespaces -o name | sed 's|^namespace/||' | grep -x '${pattern}'); do ${restart('"$namespace"')}; done`;
}

/** kubectl must talk to this environment's cluster, not whichever context was current. */
function kubeContextCommand(env: PlannedEnvironment): string {
  if (env.origin?.type === 'cluster' && env.origin.context) return `kubectl config use-context ${env.origin.context}`;
  return `aws eks update-kubeconfig${awsRegion(env)} --name ${clusterName(env)}`;
}


function verify(context: StepContext, hop: string, to: string): StepDraft {
  return step({
    hop,
    phase: 'after',
    kind: 'verify',
    title: `Verify ${context.env.name} at ${to}: nodes, pods, error rates`,
    commands: [kubeContextCommand(context.env), 'kubectl get nodes -o wide', 'kubectl get pods -A --field-selector=status.phase!=Running,status.phase!=Succeeded', checkCommand(context, to, context.target)],
    minutes: estimate.VERIFY_MINUTES,
    rollback: 'If a check fails, roll back the step that caused it (see its rollback).',
  });
}

function lastHopFrom(target: string): string {
  const [major, minor] = target.split('.').map(Number);
  return `${major}.${minor - 1}`;
}

function migrationSteps(context: StepContext, coverage: Coverage): StepDraft[] {
  const { env, target, applications, signals } = context;
  const hop = `${env.current}→${target}`;
  const oldName = clusterLabel(env) ?? 'the old cluster';
  const newName = clusterLabel(env) ? `${clusterLabel(env)}-${target.replace('.', '-')}` : '<new-cluster-name>';
  const addons = placeAddonUpgrades(context.findings, context.inventory, env, [hop], context.knowledge, true);
  const singletons = context.findings.filter((finding) => finding.id === 'singleton-job');
  const backup = `${env.name}-before-${target.replace('.', '-')}`;
  const steps: StepDraft[] = [
    step({
      hop,
      phase: 'before',
      kind: 'precheck',
      title: `Back up ${env.name} and check the manifests against ${target}`,
      commands: [checkCommand(context, env.current, target), `velero backup create ${backup}${signals.statefulWorkloads > 0 ? ' --snapshot-volumes' : ''}`],
      minutes: estimate.PRECHECK_MINUTES,
      rollback: 'Nothing has changed yet.',
    }),
  ];
  // A new cluster built at the target never serves the old APIs: everything migrates before it.
  const migrations = fixMigrations(context, `${lastHopFrom(target)}→${target}`, undefined, coverage);
  const items = migrations.flatMap((entry) => entry.items ?? []);
  if (migrations.length > 0) {
    steps.push(step({
      hop,
      phase: 'before',
      kind: 'api-migration',
      title: `Migrate ${items.length} object${items.length === 1 ? '' : 's'} with upshift fix for ${target} (no intermediate hops needed)`,
      commands: [`upshift fix ${context.paths.join(' ') || '.'} --target ${target} --write`],
      resolves: migrations.flatMap((entry) => entry.resolves),
      items,
      minutes: migrations.reduce((sum, entry) => sum + entry.minutes, 0),
      rollback: `Keep the old manifests on a branch for the old cluster until cut-over; the new cluster only ever sees the migrated ones.`,
    }));
  }
  steps.push(step({
    hop,
    phase: 'during',
    kind: 'cluster-create',
    title: `Create cluster ${newName} directly at ${target}`,
    items: [`Declare ${newName} at ${target} in its own ${toolOf(env.origin) === 'terraform' ? 'Terraform state (a copy of the environment with its own backend key or workspace)' : 'file or stack'}, so that the old cluster's code and state stay untouched`],
    minutes: estimate.CLUSTER_CREATE_MINUTES,
    rollback: `Delete ${newName}; the old cluster has not changed.`,
  }));
  steps.push(...addonEdits(addons.map((entry) => ({ ...entry, phase: 'during' as const })), context, [hop], coverage).map((draft) => ({ ...draft, title: `${draft.title} in ${newName}` })));
  steps.push(step({
    hop,
    phase: 'during',
    kind: 'restore',
    title: `Restore ${applications.length} application${applications.length === 1 ? '' : 's'} into ${newName}${singletons.length > 0 ? `, with ${singletons.length} must-run-once job${singletons.length === 1 ? '' : 's'} paused` : ''}`,
    commands: [`velero restore create --from-backup ${backup}`],
    items: [...applications, ...singletons.map((finding) => `pause (suspend: true / replicas: 0 in ${newName}): ${finding.message}`)],
    minutes: estimate.RESTORE_MINUTES,
    rollback: `Delete the restored workloads in ${newName}; the old cluster still serves all traffic.`,
  }));
  steps.push(...trafficShiftSteps(hop, oldName, newName, signals));
  steps.push(step({
    hop,
    phase: 'after',
    kind: 'verify',
    title: `Verify ${newName}: error rates, latency, saturation at 100% of traffic`,
    commands: [`kubectl get pods -A --field-selector=status.phase!=Running,status.phase!=Succeeded`],
    items: [`Run it with ${newName}'s kube-context selected.`],
    minutes: estimate.VERIFY_MINUTES,
    rollback: 'Shift the weights back to the old cluster (see the traffic step).',
  }));
  steps.push(step({
    hop,
    phase: 'after',
    kind: 'cleanup',
    title: `After a soak period, and only once you confirm ${newName} serves all traffic: resume paused jobs in ${newName}, then delete ${clusterLabel(env) ? `the old cluster ${oldName}` : oldName}`,
    commands: deleteClusterCommands(env, context.cwd),
    items: [`Confirm before running: this deletes ${oldName} (the environment's own state), nothing else.`],
    minutes: estimate.CLEANUP_MINUTES,
    rollback: 'Once the old cluster is deleted, rollback means rebuilding it: keep it until the soak ends.',
  }));
  return steps;
}
