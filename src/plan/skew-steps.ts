// Steps that keep the version skew rules true before a control-plane hop: node groups that the hop
// would leave more minors behind than kubelet may be, node groups on an AMI family that ends before
// the hop's version, and the drain blockers that would stop the node groups' rolls. Each carries the
// edits where the value lives (through the plan's EditSession) and the commands of the estate's tooling.
import picomatch from 'picomatch';
import { compareKubeVersions, parseKubeVersion } from '../core/kube-version.js';
import type { Finding } from '../core/types.js';
import type { NodeRules } from '../knowledge/addon-schema.js';
import type { Coverage } from './coverage.js';
import * as estimate from './durations.js';
import type { StepContext, StepDraft } from './steps.js';
import { environmentFiles, nodeGroupEdits, replaceEksctlGroup, step } from './steps.js';
import { applyCommands, awsRegion, clusterName, eksctlCannotUpgrade, nodeGroupCommands, nodeGroupLabel, toolOf } from './tooling.js';

export const DRAIN_BLOCKERS = new Set(['pdb-blocks-eviction', 'pdb-overlap', 'bare-pod', 'long-termination-grace']);

/** Node groups the hop would leave too far behind: rolled to the current control-plane version first. */
export function nodeGroupCatchUp(context: StepContext, hop: string, versions: Map<string, string>, names: Map<string, string>, coverage: Coverage): StepDraft[] {
  const [from, to] = hop.split('→');
  const nodes = context.knowledge?.nodes;
  return context.env.nodeGroups.flatMap((group) => {
    const version = versions.get(group.name) ?? group.version ?? context.env.current;
    const allowed = maxMinorsBehind(nodes, version);
    if (allowed === undefined || minorsBetween(version, to) <= allowed) return [];
    versions.set(group.name, from);
    const name = names.get(group.name) ?? group.name;
    if (toolOf(group.origin ?? context.env.origin) === 'eksctl' && eksctlCannotUpgrade(group)) return [replaceEksctlGroup(context, hop, 'before', version, from, { ...group, name }, group.name, names, coverage)];
    const count = estimate.nodesOf(group);
    const draft = step({
      hop,
      phase: 'before',
      kind: 'node-group',
      title: `Roll node group ${name} from ${version} to ${from} before ${hop}: at ${to} the control plane would be ${minorsBetween(version, to)} minors ahead of its kubelets (at most ${allowed} allowed)`,
      minutes: estimate.rollMinutes(count, estimate.recommendedMaxUnavailable(count)),
      rollback: `Nodes at ${version} keep working with the ${from} control plane: add a node group at ${version} and cordon ${name}'s new nodes.`,
      result: { component: 'node-group', name, version: from },
    });
    const renamed = { ...group, name };
    if (nodeGroupEdits(context, renamed, from, draft)) {
      draft.commands.push(...nodeGroupCommands(context.env, renamed, from, context.cwd));
      for (const finding of context.findings.filter((entry) => entry.id === 'kubelet-skew' && entry.details?.nodeGroup === group.name)) draft.resolves.push(coverage.resolve(finding));
    } else {
      draft.items = [`The version of node group ${name} was not traced to a line upshift can edit: set it to ${from} where the group is declared, then apply`];
    }
    return [draft];
  });
}

/**
 * Node groups on an AMI family whose last version is the hop's `from` (Amazon Linux 2 ends with 1.32):
 * moved to the family's successor before the hop, by editing the AMI type where the code sets it
 * (Terraform and CloudFormation replace the group), or by creating a new group next to it.
 */
export function amiFamilyReplacements(context: StepContext, hop: string, versions: Map<string, string>, names: Map<string, string>, amiTypes: Map<string, string | undefined>, coverage: Coverage): StepDraft[] {
  const [from, to] = hop.split('→');
  const families = (context.knowledge?.nodes.amiFamilies ?? []).filter((family) => compareKubeVersions(family.lastVersion, from) === 0 && compareKubeVersions(to, family.lastVersion) > 0);
  const { env } = context;
  return env.nodeGroups.flatMap((group): StepDraft[] => {
    const amiType = amiTypes.get(group.name);
    const family = amiType === undefined ? undefined : families.find((candidate) => picomatch(candidate.amiTypes)(amiType));
    if (!family || amiType === undefined) return [];
    const replacement = family.replacementAmiTypes?.[amiType];
    const name = names.get(group.name) ?? group.name;
    const version = versions.get(group.name) ?? group.version ?? env.current;
    const count = estimate.nodesOf(group);
    const findings = context.findings.filter((entry) => entry.id === 'al2-nodes' && entry.details?.nodeGroup === group.name);
    const about = `${family.note ?? family.family} (${family.source})`;
    const title = `Replace node group ${name} (${amiType}, ${family.family}) with ${replacement ?? family.replacement} nodes at ${version} before ${hop}: Amazon EKS publishes no ${family.family} AMIs after ${family.lastVersion}`;
    if (!replacement) {
      // Without the AMI type to move to, there is no value to write: a person chooses it.
      for (const finding of findings) coverage.leave(finding, `choose the ${family.replacement} AMI type for node group ${name} and set it where the group is declared before ${hop}`);
      return [];
    }
    amiTypes.set(group.name, replacement);
    const tool = toolOf(group.origin ?? env.origin);
    if (tool === 'aws') {
      // No code declares the group: a copy with the new AMI type, the workloads drained over, the old one deleted.
      const newName = `${name}-al2023`;
      names.set(group.name, newName);
      const created = step({
        hop,
        phase: 'before',
        kind: 'node-group',
        title,
        commands: [
          `aws eks create-nodegroup${awsRegion(env)} --cli-input-json "$(aws eks describe-nodegroup${awsRegion(env)} --cluster-name ${clusterName(env)} --nodegroup-name ${name} --query 'nodegroup.{clusterName:clusterName,nodeRole:nodeRole,subnets:subnets,scalingConfig:scalingConfig,instanceTypes:instanceTypes,labels:labels,capacityType:capacityType}' --output json)" --nodegroup-name ${newName} --kubernetes-version ${version} --ami-type ${replacement}`,
        ],
        items: [about, `Creates ${newName} next to ${name}; the next step drains ${name} onto it and deletes it.`],
        minutes: estimate.rollMinutes(count, String(count)),
        rollback: `Delete ${newName}; ${name}'s ${amiType} nodes keep working at ${version}.`,
        result: { component: 'node-group', name: newName, version, amiType: replacement },
      });
      const removed = step({
        hop,
        phase: 'before',
        kind: 'node-group',
        title: `Drain node group ${name} onto ${newName} and delete it before ${hop}`,
        commands: [
          `kubectl drain -l ${nodeGroupLabel(group)}=${name} --ignore-daemonsets --delete-emptydir-data`,
          `aws eks delete-nodegroup${awsRegion(env)} --cluster-name ${clusterName(env)} --nodegroup-name ${name}`,
        ],
        minutes: estimate.CLEANUP_MINUTES,
        rollback: `Before the delete: uncordon ${name}'s nodes. After it, recreate ${name} from ${newName}'s settings with --ami-type ${amiType}.`,
        result: { component: 'node-group', name, version: null },
      });
      for (const finding of findings) removed.resolves.push(coverage.resolve(finding));
      return [created, removed];
    }
    const draft = step({
      hop,
      phase: 'before',
      kind: 'node-group',
      title,
      items: [about, 'Changing the AMI type replaces the node group: the new nodes come up before the old ones drain; watch the workloads move.'],
      minutes: estimate.rollMinutes(count, String(count)) + estimate.CLEANUP_MINUTES,
      rollback: `Set the AMI type back to ${amiType} and apply: the group is replaced again, at ${version}.`,
      result: { component: 'node-group', name, version, amiType: replacement },
    });
    const result = group.amiTypeSite ? context.session.set(group.amiTypeSite, replacement, environmentFiles(env)) : undefined;
    if (result && 'edits' in result) {
      draft.edits.push(...result.edits);
      if (result.note) draft.items!.push(result.note);
      draft.commands.push(...applyCommands(env, context.cwd));
      for (const finding of findings) draft.resolves.push(coverage.resolve(finding));
    } else {
      const where = group.origin && 'path' in group.origin ? ` (${group.origin.path}:${group.origin.line})` : '';
      const why = result ? result.problem : `the AMI type of node group ${name} was not traced to a line upshift can edit`;
      draft.items!.push(`${why}: set it to ${replacement} where the group is declared${where}, then apply`);
      for (const finding of findings) coverage.leave(finding, `${why}: set it to ${replacement} where the group is declared${where} before ${hop}`);
    }
    return [draft];
  });
}

/**
 * One step per finding that would stop a drain, before any node moves: a PDB that allows no eviction
 * gets its budget line rewritten to maxUnavailable 1 (what the finding asks for) and resolves the
 * finding. A line every environment shares is edited in the first environment's window only. What
 * has no such edit (a bare pod, overlapping PDBs, a templated budget) stays in the manual.
 */
export function drainFixes(context: StepContext, hop: string, coverage: Coverage): StepDraft[] {
  return context.findings
    .filter((finding) => DRAIN_BLOCKERS.has(finding.id))
    .flatMap((finding): StepDraft[] => {
      const origin = finding.origin;
      if (finding.id !== 'pdb-blocks-eviction' || !origin || (origin.type !== 'file' && origin.type !== 'terraform')) return [];
      const subject = subjectOf(finding);
      const line = budgetLine(context, origin.path, origin.line);
      if (line === 'unreadable') {
        coverage.leave(finding, `${origin.path} cannot be read: allow one disruption (maxUnavailable 1) or add a replica, as the application owner decides`);
        return [];
      }
      if (line === undefined) {
        coverage.leave(finding, `${origin.path}:${origin.line}: no literal minAvailable/maxUnavailable line upshift can rewrite (a template or a variable sets it): allow one disruption (maxUnavailable 1) or add a replica, as the application owner decides`);
        return [];
      }
      const draft = step({
        hop,
        phase: 'before',
        kind: 'drain-fix',
        title: `Unblock node drains: ${subject} (${finding.id}) allows one disruption`,
        items: [finding.message],
        minutes: estimate.API_MIGRATION_MINUTES_PER_OBJECT,
        rollback: `Set ${origin.path}:${line.number} back and re-apply; drains block again.`,
      });
      if (line.edited) {
        // The file serves every environment: the edit was made in an earlier environment's window.
        draft.title = `Deploy the drain fix for ${subject} (${finding.id}) made in an earlier environment`;
        draft.items = [`${origin.path}:${line.number} is shared by the environments and was changed in an earlier environment's window; deploy it to ${context.env.name} before the node groups move.`, finding.message];
      } else {
        const result = context.session.rewrite(origin.path, line.number, line.text, line.to);
        if (!('edits' in result)) {
          coverage.leave(finding, `${result.problem}: allow one disruption (maxUnavailable 1) by hand`);
          return [];
        }
        draft.edits.push(...result.edits);
      }
      // Terraform applies a kubernetes_* PDB with the environment; a manifest goes out the way the team deploys it.
      if (origin.type === 'terraform') draft.commands.push(...applyCommands(context.env, context.cwd));
      else draft.items!.push(`Deploy ${origin.path} to ${context.env.name} the way it is deployed (it is not applied by infrastructure code upshift read).`);
      draft.resolves.push(coverage.resolve(finding));
      return [draft];
    });
}

function subjectOf(finding: Finding): string {
  return finding.resource ? `${finding.resource.kind} ${finding.resource.namespace ? `${finding.resource.namespace}/` : ''}${finding.resource.name}` : finding.id;
}

const BUDGET_FIELD = /(minAvailable|maxUnavailable|min_available|max_unavailable)(\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s#]+)/;
const LITERAL_BUDGET = /^["']?\d+%?["']?$/;

/**
 * The budget line of a PDB that allows no eviction (the first minAvailable/maxUnavailable after the
 * object's first line, in YAML or HCL, as the earlier steps left it) and its rewrite to
 * maxUnavailable 1; `edited` when an earlier step already rewrote it.
 */
function budgetLine(context: StepContext, path: string, start: number): { number: number; text: string; to: string; edited: boolean } | 'unreadable' | undefined {
  const lines = context.session.text(path);
  if (!lines) return 'unreadable';
  for (let index = start - 1; index < lines.length; index++) {
    if (index > start - 1 && /^---\s*$/.test(lines[index])) break;
    const match = BUDGET_FIELD.exec(lines[index]);
    if (!match) continue;
    const number = index + 1;
    if (context.session.changed(path, number)) return { number, text: lines[index], to: lines[index], edited: true };
    if (!LITERAL_BUDGET.test(match[3])) return undefined;
    const hcl = match[1].includes('_');
    const to = lines[index].replace(match[0], hcl ? `max_unavailable${match[2]}1` : `maxUnavailable${match[2]}1`);
    return { number, text: lines[index], to, edited: false };
  }
  return undefined;
}

function maxMinorsBehind(nodes: NodeRules | undefined, version: string): number | undefined {
  return (nodes?.skew ?? [])
    .filter((rule) => rule.component === 'kubelet' && compareKubeVersions(rule.fromVersion, version) <= 0)
    .sort((a, b) => compareKubeVersions(b.fromVersion, a.fromVersion))[0]?.maxMinorsBehind;
}

function minorsBetween(older: string, newer: string): number {
  const a = parseKubeVersion(older);
  const b = parseKubeVersion(newer);
  return a && b ? b.minor - a.minor : 0;
}
