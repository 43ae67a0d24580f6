// The ordered steps for one environment under one strategy: per hop, pre-checks, API
// migrations and add-on upgrades before, the control plane and nodes during, add-ons and
// verification after — each with its change in the team's tooling and its rollback.
import { listHops } from '../core/kube-version.js';
import type { Finding } from '../core/types.js';
import type { Inventory } from '../core/inventory.js';
import { placeAddonUpgrades, type AddonKnowledge, type AddonUpgrade } from './addon-steps.js';
import { allMigrations, placeMigrations, type PlacedMigration } from './api-steps.js';
import * as estimate from './durations.js';
import type { PlannedEnvironment } from './environments.js';
import type { Simulation } from './simulation.js';
import { amiFamilyReplacements, drainFixes, nodeGroupCatchUp } from './skew-steps.js';
import {
  clusterName,
  controlPlaneChange,
  deleteClusterCommand,
  newClusterChange,
  newNodeGroupChange,
  nodeGroupChange,
  nodeGroupNameFor,
  updateConfigCommand,
} from './tooling.js';
import { trafficShiftSteps } from './traffic.js';
import type { EnvironmentPlan, Phase, PlanSignals, Step, StrategyName } from './types.js';

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
  /** Add-on upgrade paths and the node rules (skew, AMI families); without it add-ons follow the findings alone. */
  knowledge?: AddonKnowledge;
  /** file:line of edits an earlier environment's steps already make (files every environment shares). */
  editedBefore?: Set<string>;
}

export type StepDraft = Omit<Step, 'order'>;

const PHASE_ORDER: Record<Phase, number> = { before: 0, during: 1, after: 2 };

export function environmentSteps(strategy: StrategyName, context: StepContext): EnvironmentPlan {
  const { env, target } = context;
  const hops = listHops(env.current, target).map((hop) => `${hop.from}→${hop.to}`);
  const drafts = hops.length === 0 ? [] : strategy === 'cluster-migration' ? migrationSteps(context) : hopSteps(strategy, context, hops);
  const plan: EnvironmentPlan = {
    name: env.name,
    current: env.current,
    target,
    hops: hops.length === 0 ? [] : strategy === 'cluster-migration' ? [`${env.current}→${target}`] : hops,
    steps: drafts.map((draft, index) => ({ order: index + 1, ...draft })),
  };
  if (env.origin) plan.origin = env.origin;
  return plan;
}

function hopSteps(strategy: StrategyName, context: StepContext, hops: string[]): StepDraft[] {
  const migrations = placeMigrations(context.findings, hops);
  const addons = placeAddonUpgrades(context.findings, context.inventory, context.env, hops, context.knowledge);
  const groupVersions = new Map(context.env.nodeGroups.map((group) => [group.name, group.version ?? context.env.current]));
  const groupNames = new Map(context.env.nodeGroups.map((group) => [group.name, group.name]));
  const amiTypes = new Map(context.env.nodeGroups.map((group) => [group.name, group.amiType]));
  const steps: StepDraft[] = [];
  for (const [index, hop] of hops.entries()) {
    const [from, to] = hop.split('→');
    const hopDrafts: StepDraft[] = [precheck(context, hop, from, to)];
    // Drains start with the first node-group move: what blocks them is fixed before anything moves.
    if (index === 0) hopDrafts.push(...drainFixes(context, hop));
    hopDrafts.push(...migrationDrafts(context, migrations.filter((entry) => entry.hop === hop)));
    const atHop = addons.filter((entry) => entry.hop === hop);
    hopDrafts.push(...atHop.filter((entry) => entry.phase === 'before').map((entry) => addonDraft(entry)));
    // Before the control plane moves: nothing may be left further behind than the skew policy allows.
    hopDrafts.push(...nodeGroupCatchUp(context, hop, groupVersions, groupNames));
    hopDrafts.push(...amiFamilyReplacements(context, hop, groupVersions, groupNames, amiTypes));
    hopDrafts.push({
      hop,
      phase: 'during',
      kind: 'control-plane',
      title: `Update the ${context.env.name} control plane from ${from} to ${to}`,
      change: controlPlaneChange(context.env, from, to),
      minutes: estimate.CONTROL_PLANE_MINUTES,
      rollback: `None in place: EKS cannot downgrade a control plane. Fix forward, or rebuild a cluster at ${from} from the same code and restore into it.`,
      result: { component: 'control-plane', version: to },
    });
    // Right after the control plane: the EKS add-ons for its new version, then the node groups.
    hopDrafts.push(...atHop.filter((entry) => entry.phase === 'during').map((entry) => addonDraft(entry)));
    hopDrafts.push(...(strategy === 'in-place' ? rollNodeGroups(context, hop, to, groupVersions) : replaceNodeGroups(context, hop, from, to, groupNames, groupVersions, amiTypes)));
    hopDrafts.push(...atHop.filter((entry) => entry.phase === 'after').map((entry) => addonDraft(entry)));
    hopDrafts.push(verify(context, hop, to));
    steps.push(...hopDrafts.sort((a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase]));
  }
  return steps;
}

function precheck(context: StepContext, hop: string, from: string, to: string): StepDraft {
  return {
    hop,
    phase: 'before',
    kind: 'precheck',
    title: `Pre-checks for ${hop}`,
    change: { command: `upshift check ${context.paths.join(' ') || '.'} --current ${from} --target ${to}` },
    commands: [
      `aws eks list-insights --cluster-name ${clusterName(context.env)} --filter kinds=UPGRADE_READINESS`,
      `aws ec2 describe-subnets --subnet-ids <cluster-subnet-ids> --query 'Subnets[].AvailableIpAddressCount'`,
    ],
    minutes: estimate.PRECHECK_MINUTES,
    rollback: 'Nothing has changed yet.',
  };
}

function migrationDrafts(context: StepContext, placed: PlacedMigration[]): StepDraft[] {
  return placed.map((entry) => {
    const to = entry.hop.split('→')[entry.phase === 'before' ? 0 : 1];
    const when = entry.phase === 'before' ? `before ${entry.hop}` : entry.phase === 'during' ? `as part of ${entry.hop}` : `after ${entry.hop}`;
    return {
      hop: entry.hop,
      phase: entry.phase,
      kind: 'api-migration',
      title: `Migrate ${entry.items.length} object${entry.items.length === 1 ? '' : 's'} to their replacement ${entry.hasApis ? 'APIs' : 'fields'}${entry.hasApis && entry.hasFields ? ' and fields' : ''} ${when}`,
      // fix rewrites apiVersions; removed fields are changed by hand, as each item says.
      ...(entry.hasApis ? { change: { command: `upshift fix ${context.paths.join(' ') || '.'} --target ${to} --write` } } : {}),
      items: entry.items,
      minutes: entry.items.length * estimate.API_MIGRATION_MINUTES_PER_OBJECT,
      rollback: entry.oldApiGone
        ? 'The old API is no longer served here: fix forward (correct the migrated manifest and re-apply).'
        : `Re-apply the previous manifests: the old ${entry.hasApis ? 'API is still served' : 'field still works'} at this version.`,
    };
  });
}

function addonDraft(entry: AddonUpgrade, placement = `${entry.phase === 'before' ? 'before' : 'after'} ${entry.hop}`): StepDraft {
  const draft: StepDraft = {
    hop: entry.hop,
    phase: entry.phase,
    kind: 'addon-upgrade',
    title: `Upgrade ${entry.addon}${entry.from ? ` from ${entry.from}` : ''}${entry.to ? ` to ${entry.to}` : ''}${entry.chart ? ` (chart ${entry.chart})` : ''} ${placement}`,
    items: [entry.reason, ...(entry.notes ?? [])],
    minutes: estimate.ADDON_UPGRADE_MINUTES,
    rollback: entry.from ? `Return ${entry.addon} to ${entry.from} (helm rollback, or the previous add-on version).` : `Return ${entry.addon} to its previous version.`,
  };
  if (entry.change) draft.change = entry.change;
  if (entry.to) draft.result = { component: 'addon', name: entry.addon, version: entry.to, ...(entry.chart ? { chart: entry.chart } : {}) };
  return draft;
}

function rollNodeGroups(context: StepContext, hop: string, to: string, versions: Map<string, string>): StepDraft[] {
  const { env } = context;
  if (env.nodeGroups.length === 0) {
    return [{
      hop,
      phase: 'during',
      kind: 'node-group',
      title: `Update every node group of ${env.name} to ${to}`,
      change: { command: `aws eks list-nodegroups --cluster-name ${clusterName(env)}` },
      commands: [`aws eks update-nodegroup-version --cluster-name ${clusterName(env)} --nodegroup-name <each node group> --kubernetes-version ${to}`],
      minutes: estimate.rollMinutes(estimate.ASSUMED_NODES, String(estimate.DEFAULT_MAX_UNAVAILABLE)),
      rollback: `Nodes one minor behind the control plane keep working (version skew): add a node group at the previous version and cordon the updated nodes.`,
    }];
  }
  return env.nodeGroups.map((group) => {
    const from = versions.get(group.name)!;
    versions.set(group.name, to);
    const nodes = estimate.nodesOf(group);
    const recommended = estimate.recommendedMaxUnavailable(nodes);
    const simulated = context.simulation?.nodeGroups.find((entry) => entry.name === group.name);
    const minutes = simulated ? Math.ceil(simulated.durationSeconds / 60) : estimate.rollMinutes(nodes, recommended);
    const draft: StepDraft = {
      hop,
      phase: 'during',
      kind: 'node-group',
      title: `Roll node group ${group.name} (${nodes} nodes) from ${from} to ${to} with maxUnavailable ${recommended}: ~${estimate.formatMinutes(minutes)}${simulated ? ' (simulated)' : ''}`,
      change: nodeGroupChange(env, group, from, to),
      minutes,
      rollback: `Nodes at ${from} keep working with the ${to} control plane (version skew): add a node group at ${from} and cordon ${group.name}'s new nodes.`,
      result: { component: 'node-group', name: group.name, version: to },
    };
    if (group.maxUnavailable !== recommended) draft.commands = [updateConfigCommand(env, group, recommended)];
    return draft;
  });
}

function replaceNodeGroups(context: StepContext, hop: string, from: string, to: string, names: Map<string, string>, versions: Map<string, string>, amiTypes: Map<string, string | undefined>): StepDraft[] {
  const { env, applications } = context;
  const groups = env.nodeGroups.length > 0 ? env.nodeGroups : [{ name: '<node-group>' }];
  return groups.flatMap((group) => {
    const oldName = names.get(group.name) ?? group.name;
    const newName = nodeGroupNameFor(oldName, from, to);
    names.set(group.name, newName);
    versions.set(group.name, to);
    const selector = `{"spec":{"template":{"spec":{"nodeSelector":{"eks.amazonaws.com/nodegroup":"${newName}"}}}}}`;
    const drafts: StepDraft[] = [
      {
        hop,
        phase: 'during',
        kind: 'node-group',
        title: `Create node group ${newName} at ${to} next to ${oldName}`,
        change: newNodeGroupChange(env, { ...group, name: oldName }, newName, to),
        minutes: estimate.rollMinutes(estimate.nodesOf(group), String(estimate.nodesOf(group))),
        rollback: `Delete ${newName}; nothing runs on it yet.`,
        result: { component: 'node-group', name: newName, version: to, ...(amiTypes.get(group.name) ? { amiType: amiTypes.get(group.name) } : {}) },
      },
      {
        hop,
        phase: 'during',
        kind: 'workload-move',
        title: `Move ${applications.length} application${applications.length === 1 ? '' : 's'} from ${oldName} to ${newName}, one at a time`,
        change: { command: `kubectl -n <namespace> patch <kind> <name> -p '${selector}'` },
        items: [...applications],
        minutes: Math.max(1, applications.length) * estimate.WORKLOAD_MOVE_MINUTES_PER_APP,
        rollback: `Per application: patch its nodeSelector back to ${oldName}; its pods return there while ${oldName} exists.`,
      },
      {
        hop,
        phase: 'after',
        kind: 'cleanup',
        title: `Drain and delete node group ${oldName}`,
        change: { command: `kubectl drain -l eks.amazonaws.com/nodegroup=${oldName} --ignore-daemonsets --delete-emptydir-data` },
        commands: [`aws eks delete-nodegroup --cluster-name ${clusterName(env)} --nodegroup-name ${oldName}`],
        minutes: estimate.CLEANUP_MINUTES,
        rollback: `Once deleted, rollback means recreating ${oldName} from code; keep it until the hop is verified.`,
        result: { component: 'node-group', name: oldName, version: null },
      },
    ];
    return drafts;
  });
}

function verify(context: StepContext, hop: string, to: string): StepDraft {
  return {
    hop,
    phase: 'after',
    kind: 'verify',
    title: `Verify ${context.env.name} at ${to}: nodes, pods, error rates`,
    change: { command: 'kubectl get nodes -o wide' },
    commands: [
      'kubectl get pods -A --field-selector=status.phase!=Running,status.phase!=Succeeded',
      `upshift check ${context.paths.join(' ') || '.'} --current ${to} --target ${context.target}`,
    ],
    minutes: estimate.VERIFY_MINUTES,
    rollback: 'If a check fails, roll back the step that caused it (see its rollback).',
  };
}

function migrationSteps(context: StepContext): StepDraft[] {
  const { env, target, applications, signals } = context;
  const hop = `${env.current}→${target}`;
  const newName = `${clusterName(env)}-${target.replace('.', '-')}`;
  const migrations = allMigrations(context.findings);
  const addons = placeAddonUpgrades(context.findings, context.inventory, env, [hop], context.knowledge, true);
  const singletons = context.findings.filter((finding) => finding.id === 'singleton-job');
  const steps: StepDraft[] = [
    {
      hop,
      phase: 'before',
      kind: 'precheck',
      title: `Back up ${env.name} and check the manifests against ${target}`,
      change: { command: `upshift check ${context.paths.join(' ') || '.'} --current ${env.current} --target ${target}` },
      commands: [`velero backup create ${env.name}-before-${target.replace('.', '-')}${signals.statefulWorkloads > 0 ? ' --snapshot-volumes' : ''}`],
      minutes: estimate.PRECHECK_MINUTES,
      rollback: 'Nothing has changed yet.',
    },
  ];
  if (migrations.length > 0) {
    steps.push({
      hop,
      phase: 'before',
      kind: 'api-migration',
      title: `Migrate ${migrations.length} object${migrations.length === 1 ? '' : 's'} to APIs served at ${target} (no intermediate hops needed)`,
      change: { command: `upshift fix ${context.paths.join(' ') || '.'} --target ${target} --write` },
      items: migrations,
      minutes: migrations.length * estimate.API_MIGRATION_MINUTES_PER_OBJECT,
      rollback: `Keep the old manifests on a branch for the old cluster until cut-over; the new cluster only ever sees the migrated ones.`,
    });
  }
  steps.push({
    hop,
    phase: 'during',
    kind: 'cluster-create',
    title: `Create cluster ${newName} directly at ${target}`,
    change: newClusterChange(env, newName, env.current, target),
    minutes: estimate.CLUSTER_CREATE_MINUTES,
    rollback: `Delete ${newName}; the old cluster has not changed.`,
  });
  steps.push(...addons.map((entry) => addonDraft({ ...entry, phase: 'during' }, `in ${newName}`)));
  const restore: StepDraft = {
    hop,
    phase: 'during',
    kind: 'restore',
    title: `Restore ${applications.length} application${applications.length === 1 ? '' : 's'} into ${newName}${singletons.length > 0 ? `, with ${singletons.length} must-run-once job${singletons.length === 1 ? '' : 's'} paused` : ''}`,
    change: { command: `argocd cluster add <${newName} kube-context> && argocd app set <app> --dest-server <${newName} API endpoint>` },
    commands: [`velero restore create --from-backup ${env.name}-before-${target.replace('.', '-')}`],
    items: [...applications, ...singletons.map((finding) => `pause (suspend: true / replicas: 0 in ${newName}): ${finding.message}`)],
    minutes: estimate.RESTORE_MINUTES,
    rollback: `Delete the restored workloads in ${newName}; the old cluster still serves all traffic.`,
  };
  steps.push(restore);
  steps.push(...trafficShiftSteps(hop, env.name, newName, signals));
  steps.push({
    hop,
    phase: 'after',
    kind: 'verify',
    title: `Verify ${newName}: error rates, latency, saturation at 100% of traffic`,
    change: { command: `kubectl --context <${newName}> get pods -A --field-selector=status.phase!=Running,status.phase!=Succeeded` },
    minutes: estimate.VERIFY_MINUTES,
    rollback: 'Shift the weights back to the old cluster (see the traffic step).',
  });
  steps.push({
    hop,
    phase: 'after',
    kind: 'cleanup',
    title: `Resume paused jobs in ${newName}, then decommission the old ${clusterName(env)} cluster after a soak period`,
    change: { command: deleteClusterCommand(env) },
    minutes: estimate.CLEANUP_MINUTES,
    rollback: 'Once the old cluster is deleted, rollback means rebuilding it: keep it until the soak ends.',
  });
  return steps;
}
