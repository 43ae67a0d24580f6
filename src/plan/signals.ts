// The facts the advisor weighs, read from the inventory and the findings only: how far to
// jump, how many applications and node groups, what blocks drains, how traffic gets in.
import type { Finding, Resource } from '../core/types.js';
import type { Inventory } from '../core/inventory.js';
import type { PlannedEnvironment } from './environments.js';
import { versionsToJump } from './environments.js';
import type { PlanSignals } from './types.js';
import type { Simulation } from './simulation.js';

/** Kinds the plan needs whole in the inventory (see CheckOptions.keepKinds). */
export const PLAN_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Ingress', 'TargetGroupBinding', 'Service'];

const APPLICATION_KINDS = new Set(['Deployment', 'StatefulSet']);

export function planSignals(inventory: Inventory, findings: readonly Finding[], environments: readonly PlannedEnvironment[], target: string, simulation?: Simulation): PlanSignals {
  const count = (id: string) => findings.filter((finding) => finding.id === id).length;
  const applications = distinctApplications(inventory.resources);
  const signals: PlanSignals = {
    versionsToJump: Math.max(0, ...environments.map((env) => versionsToJump(env.current, target))),
    applications: applications.length,
    nodeGroups: environments.reduce((sum, env) => sum + env.nodeGroups.length, 0),
    statefulWorkloads: applications.filter((app) => app.startsWith('StatefulSet ')).length,
    pdbBlockers: count('pdb-blocks-eviction'),
    singletonJobs: count('singleton-job'),
    pinnedWorkloads: count('nodegroup-pinned'),
    apiMigrations: count('api-removed') + count('api-replacement-unavailable'),
    ingresses: inventory.resources.filter((resource) => resource.kind === 'Ingress').length,
    albIngresses: inventory.resources.filter(isAlbIngress).length,
    targetGroupBindings: inventory.resources.filter((resource) => resource.kind === 'TargetGroupBinding').length,
    route53: inventory.resources.some(managesRoute53),
  };
  if (simulation) signals.simulatedRolloutMinutes = Math.ceil(simulation.nodeGroups.reduce((sum, group) => sum + group.durationSeconds, 0) / 60);
  return signals;
}

/** "Deployment shop/storefront" for every Deployment and StatefulSet, once each. */
export function distinctApplications(resources: readonly Resource[]): string[] {
  const names = resources
    .filter((resource) => APPLICATION_KINDS.has(resource.kind) && resource.name)
    .map((resource) => `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}`);
  return [...new Set(names)].sort();
}

function isAlbIngress(resource: Resource): boolean {
  if (resource.kind !== 'Ingress') return false;
  const spec = resource.object?.spec as { ingressClassName?: unknown } | undefined;
  const annotations = (resource.object?.metadata?.annotations ?? {}) as Record<string, unknown>;
  return spec?.ingressClassName === 'alb' || annotations['kubernetes.io/ingress.class'] === 'alb' || Object.keys(annotations).some((key) => key.startsWith('alb.ingress.kubernetes.io/'));
}

// external-dns writes Route 53 records for Ingresses and Services on EKS; Terraform may own them directly.
function managesRoute53(resource: Resource): boolean {
  if (resource.origin.type === 'terraform' && resource.origin.address?.startsWith('aws_route53_record')) return true;
  return resource.kind === 'Deployment' && resource.name === 'external-dns';
}
