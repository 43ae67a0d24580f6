// Steps that keep the version skew rules true before a control-plane hop: node groups that the hop
// would leave more minors behind than kubelet may be, node groups on an AMI family that ends before
// the hop's version, and the drain blockers that would stop the node groups' rolls.
import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { compareKubeVersions, parseKubeVersion } from '../core/kube-version.js';
import type { NodeGroupFact } from '../core/inventory.js';
import type { NodeRules } from '../knowledge/addon-schema.js';
import * as estimate from './durations.js';
import type { StepContext, StepDraft } from './steps.js';
import { clusterName, nodeGroupChange } from './tooling.js';
import type { Change } from './types.js';

export const DRAIN_BLOCKERS = new Set(['pdb-blocks-eviction', 'pdb-overlap', 'bare-pod', 'long-termination-grace']);

/** Node groups the hop would leave too far behind: rolled to the current control-plane version first. */
export function nodeGroupCatchUp(context: StepContext, hop: string, versions: Map<string, string>, names: Map<string, string>): StepDraft[] {
  const [from, to] = hop.split('→');
  const nodes = context.knowledge?.nodes;
  return context.env.nodeGroups.flatMap((group) => {
    const version = versions.get(group.name)!;
    const allowed = maxMinorsBehind(nodes, version);
    if (allowed === undefined || minorsBetween(version, to) <= allowed) return [];
    versions.set(group.name, from);
    const name = names.get(group.name) ?? group.name;
    const count = estimate.nodesOf(group);
    const minutes = estimate.rollMinutes(count, estimate.recommendedMaxUnavailable(count));
    return [{
      hop,
      phase: 'before' as const,
      kind: 'node-group' as const,
      title: `Roll node group ${name} from ${version} to ${from} before ${hop}: at ${to} the control plane would be ${minorsBetween(version, to)} minors ahead of its kubelets (at most ${allowed} allowed)`,
      change: nodeGroupChange(context.env, { ...group, name }, version, from),
      minutes,
      rollback: `Nodes at ${version} keep working with the ${from} control plane: add a node group at ${version} and cordon ${name}'s new nodes.`,
      result: { component: 'node-group' as const, name, version: from },
    }];
  });
}

/**
 * Node groups on an AMI family whose last version is the hop's `from` (Amazon Linux 2 ends with 1.32):
 * replaced by a node group of the family's successor before the hop.
 */
export function amiFamilyReplacements(context: StepContext, hop: string, versions: Map<string, string>, names: Map<string, string>, amiTypes: Map<string, string | undefined>): StepDraft[] {
  const [from, to] = hop.split('→');
  const families = (context.knowledge?.nodes.amiFamilies ?? []).filter((family) => compareKubeVersions(family.lastVersion, from) === 0 && compareKubeVersions(to, family.lastVersion) > 0);
  return context.env.nodeGroups.flatMap((group) => {
    const amiType = amiTypes.get(group.name);
    const family = amiType === undefined ? undefined : families.find((candidate) => picomatch(candidate.amiTypes)(amiType));
    if (!family || amiType === undefined) return [];
    const replacement = family.replacementAmiTypes?.[amiType];
    const name = names.get(group.name) ?? group.name;
    const version = versions.get(group.name)!;
    if (replacement) amiTypes.set(group.name, replacement);
    const count = estimate.nodesOf(group);
    const origin = group.origin ?? context.env.origin;
    const where = origin && 'path' in origin ? { file: origin.path, ...('line' in origin ? { line: origin.line } : {}) } : {};
    const draft: StepDraft = {
      hop,
      phase: 'before',
      kind: 'node-group',
      title: `Replace node group ${name} (${amiType}, ${family.family}) with ${replacement ?? family.replacement} nodes at ${version} before ${hop}: Amazon EKS publishes no ${family.family} AMIs after ${family.lastVersion}`,
      change: { ...where, from: amiType, to: replacement ?? family.replacement, command: replacementCommand(context, group, name, version, replacement) },
      items: [`${family.note ?? family.family} (${family.source})`, 'Changing the AMI type replaces the node group: create the new one first, move the workloads, then delete the old one.'],
      minutes: estimate.rollMinutes(count, String(count)) + estimate.CLEANUP_MINUTES,
      rollback: `Keep ${name} until the new nodes are verified; its ${amiType} nodes keep working at ${version}.`,
      result: { component: 'node-group', name, version, ...(replacement ? { amiType: replacement } : {}) },
    };
    return [draft];
  });
}

function replacementCommand(context: StepContext, group: NodeGroupFact, name: string, version: string, amiType: string | undefined): string {
  const change = nodeGroupChange(context.env, { ...group, name }, version, version);
  if (change.command && !change.command.startsWith('aws eks update-nodegroup-version')) return change.command;
  return `aws eks create-nodegroup --cluster-name ${clusterName(context.env)} --nodegroup-name ${name}-al2023 --kubernetes-version ${version}${amiType ? ` --ami-type ${amiType}` : ''} --node-role <node-role-arn> --subnets <subnet-ids>`;
}

/** One step per finding that would stop a drain (a PDB that allows no eviction, a bare pod, ...), before any node moves. */
export function drainFixes(context: StepContext, hop: string): StepDraft[] {
  return context.findings
    .filter((finding) => DRAIN_BLOCKERS.has(finding.id))
    .map((finding) => {
      const origin = finding.origin;
      const where = origin && (origin.type === 'file' || origin.type === 'terraform') ? { file: origin.path, line: origin.line } : undefined;
      const subject = finding.resource ? `${finding.resource.kind} ${finding.resource.namespace ? `${finding.resource.namespace}/` : ''}${finding.resource.name}` : finding.id;
      const draft: StepDraft = {
        hop,
        phase: 'before',
        kind: 'drain-fix',
        title: `Unblock node drains: ${subject} (${finding.id})`,
        items: [finding.message],
        minutes: estimate.API_MIGRATION_MINUTES_PER_OBJECT,
        rollback: `Re-apply the previous ${subject}; drains block again.`,
      };
      if (!where) return draft;
      const key = `${where.file}:${where.line}`;
      if (context.editedBefore?.has(key)) {
        // The file serves every environment: the edit was made in an earlier environment's window.
        draft.title = `Deploy the drain fix for ${subject} (${finding.id}) made in an earlier environment`;
        draft.items = [`${where.file}:${where.line} is shared by the environments and was changed in an earlier environment's window; deploy it to ${context.env.name} before the node groups move.`, finding.message];
        return draft;
      }
      context.editedBefore?.add(key);
      draft.change = finding.id === 'pdb-blocks-eviction' ? { ...where, ...budgetEdit(where.file, where.line) } : where;
      return draft;
    });
}

const BUDGET_FIELD = /(minAvailable|maxUnavailable|min_available|max_unavailable)(\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s#]+)/;

/**
 * The budget line of a PDB that allows no eviction, rewritten to maxUnavailable 1 (what the finding
 * asks for): the first minAvailable/maxUnavailable after the object's first line, in YAML or HCL.
 */
function budgetEdit(file: string, line: number): Pick<Change, 'line' | 'from' | 'to'> {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return {}; // the step still names the file and the fix; the edit needs the file to be readable
  }
  for (let index = line - 1; index < lines.length; index++) {
    if (index > line - 1 && /^---\s*$/.test(lines[index])) break;
    const match = BUDGET_FIELD.exec(lines[index]);
    if (!match) continue;
    const hcl = match[1].includes('_');
    return { line: index + 1, from: match[0], to: hcl ? `max_unavailable${match[2]}1` : `maxUnavailable${match[2]}1` };
  }
  return {};
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
