import { describe, expect, it } from 'vitest';
import type { Finding, Resource } from '../core/types.js';
import type { Inventory } from '../core/inventory.js';
import { weightsFor } from './advisor.js';
import { buildPlan, type PlanInput } from './build-plan.js';
import { planEnvironments } from './environments.js';
import { mermaidGantt, scheduleOf } from './gantt.js';
import { runbookMarkdown } from './runbook-markdown.js';
import { planJson } from './render.js';

function resource(kind: string, namespace: string, name: string, object: Record<string, unknown> = {}): Resource {
  return { apiVersion: 'apps/v1', kind, namespace, name, origin: { type: 'file', path: `apps/${name}.yaml`, line: 1, column: 1 }, object: { kind, metadata: { name, namespace }, ...object } };
}

const inventory: Inventory = {
  resources: [
    resource('Deployment', 'shop', 'web'),
    resource('Deployment', 'shop', 'api'),
    resource('StatefulSet', 'data', 'db'),
    resource('Ingress', 'shop', 'web', { spec: { ingressClassName: 'alb' } }),
  ],
  charts: [{ chart: 'cluster-autoscaler', version: '9.29.0', release: 'cluster-autoscaler', origin: { type: 'terraform', path: 'infra/helm.tf', line: 4 } }],
  eksAddons: [],
  environments: [
    { name: 'production', clusterVersion: '1.28', origin: { type: 'terraform', path: 'infra/prod.tfvars', line: 3 }, nodeGroups: [{ name: 'general-1-28', desiredSize: 12, maxUnavailable: '1', origin: { type: 'terraform', path: 'infra/main.tf', line: 40 } }] },
    { name: 'dev', clusterVersion: '1.29', origin: { type: 'terraform', path: 'infra/dev.tfvars', line: 3 }, nodeGroups: [{ name: 'general-1-29', desiredSize: 2, maxUnavailable: '1' }] },
  ],
};

const findings: Finding[] = [
  { id: 'api-removed', severity: 'error', message: 'removed', resource: { apiVersion: 'batch/v1beta1', kind: 'CronJob', namespace: 'shop', name: 'report' }, origin: { type: 'file', path: 'apps/cron.yaml', line: 2, column: 1 }, details: { replacement: 'batch/v1', hop: '1.29→1.30' } },
  { id: 'api-removed', severity: 'error', message: 'removed', resource: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'FlowSchema', name: 'ci' }, origin: { type: 'file', path: 'apf.yaml', line: 20, column: 1 }, details: { replacement: 'flowcontrol.apiserver.k8s.io/v1', hop: '1.28→1.29' } },
  { id: 'api-replacement-unavailable', severity: 'warning', message: 'between hops', resource: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'FlowSchema', name: 'ci' }, origin: { type: 'file', path: 'apf.yaml', line: 20, column: 1 }, details: { replacement: 'flowcontrol.apiserver.k8s.io/v1', migrateAfterHop: '1.28→1.29', migrateBeforeHop: '1.28→1.29' } },
  { id: 'addon-upgrade-first', severity: 'error', message: 'cluster-autoscaler 1.28 must match the minor', details: { addon: 'cluster-autoscaler', version: '1.28.2', chartVersion: '9.35.0', upgrades: [{ hop: '1.28→1.29', minimum: '1.29.0', recommended: '1.29.4' }] } },
  { id: 'pdb-blocks-eviction', severity: 'error', message: 'PDB shop/web allows no disruption', resource: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', namespace: 'shop', name: 'web' } },
  { id: 'singleton-job', severity: 'warning', message: 'CronJob shop/report must not run twice', resource: { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'shop', name: 'report' } },
];

const base: PlanInput = { inventory, findings, platform: 'eks', target: '1.30', paths: ['.'], startDate: '2026-11-23' };

describe('environments', () => {
  it('upgrades lower environments first and production last', () => {
    const names = planEnvironments(
      ['production', 'staging-2', 'dev', 'work', 'staging', 'lab', 'qa', 'eu-edge'].map((name) => ({ name, clusterVersion: '1.28', nodeGroups: [] })),
      [],
      undefined,
    ).map((env) => env.name);
    expect(names).toEqual(['work', 'lab', 'dev', 'qa', 'eu-edge', 'staging-2', 'staging', 'production']);
  });

  it('plans one "default" environment at --current when none is known, or the --env names', () => {
    expect(planEnvironments([], [], '1.28')).toEqual([{ name: 'default', current: '1.28', nodeGroups: [] }]);
    expect(planEnvironments([], ['prod', 'dev'], '1.28').map((env) => env.name)).toEqual(['dev', 'prod']);
  });

  it('says what is missing', () => {
    expect(() => planEnvironments([], [], undefined)).toThrow('no current version: pass --current X.Y (no cluster version was found in Terraform, eksctl or CloudFormation)');
    expect(() => planEnvironments(inventory.environments, ['qa'], undefined)).toThrow('--env qa: no such environment; found: production, dev');
    expect(() => planEnvironments([{ name: 'x', nodeGroups: [] }], [], undefined)).toThrow('environment "x": its cluster version was not found; pass --current X.Y');
  });
});

describe('advisor', () => {
  it('weighs versions per upgrade only when there is more than one to jump', () => {
    expect([1, 2, 3, 5].map((hops) => weightsFor(hops).versionsPerUpgrade)).toEqual([0, 1, 2, 3]);
  });

  it('scores all three strategies; in-place takes two hops and a migration one', () => {
    const plan = buildPlan(base);
    expect(plan.signals).toEqual({
      versionsToJump: 2, applications: 3, nodeGroups: 2, statefulWorkloads: 1, pdbBlockers: 1, singletonJobs: 1, pinnedWorkloads: 0,
      apiMigrations: 3, ingresses: 1, albIngresses: 1, targetGroupBindings: 0, route53: false,
    });
    expect(plan.strategies.map(({ name, hops, scores, recommended }) => ({ name, hops, scores, recommended }))).toEqual([
      { name: 'in-place', hops: 2, scores: { serviceImpact: 3, workCost: 4, rollback: 1, versionsPerUpgrade: 1, duration: 4 }, recommended: false },
      { name: 'nodegroup-blue-green', hops: 2, scores: { serviceImpact: 3, workCost: 4, rollback: 3, versionsPerUpgrade: 1, duration: 3 }, recommended: false },
      { name: 'cluster-migration', hops: 1, scores: { serviceImpact: 4, workCost: 2, rollback: 5, versionsPerUpgrade: 5, duration: 3 }, recommended: true },
    ]);
    expect(plan.strategies[2].reasons).toContain('full rollback in seconds: ALB weighted target groups (1 ALB Ingress, 0 TargetGroupBindings)');
  });

  it('recommends in-place for one hop without blockers', () => {
    const plan = buildPlan({ ...base, findings: [], target: '1.29', inventory: { ...inventory, environments: [inventory.environments[0]] } });
    expect(plan.strategies.find((strategy) => strategy.recommended)?.name).toBe('in-place');
  });
});

describe('steps', () => {
  it('orders in-place steps per hop, dev before production, with the change in Terraform', () => {
    const plan = buildPlan({ ...base, strategy: 'in-place' });
    expect(plan.chosen).toBe('in-place');
    expect(plan.environments.map((env) => [env.name, env.hops])).toEqual([['dev', ['1.29→1.30']], ['production', ['1.28→1.29', '1.29→1.30']]]);
    const production = plan.environments[1];
    expect(production.steps.map((step) => `${step.order} ${step.hop} ${step.phase} ${step.kind}`)).toEqual([
      '1 1.28→1.29 before precheck',
      '2 1.28→1.29 before drain-fix',
      '3 1.28→1.29 during api-migration',
      '4 1.28→1.29 during control-plane',
      '5 1.28→1.29 during node-group',
      '6 1.28→1.29 after addon-upgrade',
      '7 1.28→1.29 after verify',
      '8 1.29→1.30 before precheck',
      '9 1.29→1.30 before api-migration',
      '10 1.29→1.30 during control-plane',
      '11 1.29→1.30 during node-group',
      '12 1.29→1.30 after addon-upgrade',
      '13 1.29→1.30 after verify',
    ]);
    const [precheck, drainFix, flowcontrol, controlPlane, nodeGroup, addon] = production.steps;
    expect(precheck.items).toBeUndefined();
    expect([drainFix.title, drainFix.items]).toEqual(['Unblock node drains: PodDisruptionBudget shop/web (pdb-blocks-eviction)', ['PDB shop/web allows no disruption']]);
    // cluster-autoscaler's minor follows the control plane: right after each hop, with the chart that ships it.
    expect(addon.title).toBe('Upgrade cluster-autoscaler from 1.28.2 to 1.29.0 (chart 9.36.0) after 1.28→1.29');
    expect(addon.change).toEqual({ file: 'infra/helm.tf', line: 4, from: '9.29.0', to: '9.36.0', command: 'helm upgrade cluster-autoscaler cluster-autoscaler --version 9.36.0 --reuse-values' });
    expect(production.steps[11].title).toBe('Upgrade cluster-autoscaler from 1.29.0 to 1.30.0 (chart 9.37.0) after 1.29→1.30');
    expect(flowcontrol.items).toEqual(['FlowSchema ci: flowcontrol.apiserver.k8s.io/v1beta2 → flowcontrol.apiserver.k8s.io/v1 (apf.yaml:20)']);
    expect(controlPlane.change).toEqual({ file: 'infra/prod.tfvars', line: 3, from: 'cluster_version = "1.28"', to: 'cluster_version = "1.29"', command: 'terraform apply -var-file=infra/prod.tfvars' });
    expect(controlPlane.rollback).toBe('None in place: EKS cannot downgrade a control plane. Fix forward, or rebuild a cluster at 1.28 from the same code and restore into it.');
    expect(nodeGroup.title).toBe('Roll node group general-1-28 (12 nodes) from 1.28 to 1.29 with maxUnavailable 30%: ~32 min');
    expect(nodeGroup.commands).toEqual(['aws eks update-nodegroup-config --cluster-name production --nodegroup-name general-1-28 --update-config maxUnavailablePercentage=30']);
    expect(production.steps[8].items).toEqual(['CronJob shop/report: batch/v1beta1 → batch/v1 (apps/cron.yaml:2)']);
  });

  it('builds the new cluster directly at the target for a migration, pausing jobs that must not run twice', () => {
    const plan = buildPlan({ ...base, strategy: 'cluster-migration', environmentNames: ['production'] });
    const steps = plan.environments[0].steps;
    expect(steps.map((step) => step.kind)).toEqual(['precheck', 'api-migration', 'cluster-create', 'addon-upgrade', 'restore', 'traffic-shift', 'traffic-shift', 'traffic-shift', 'traffic-shift', 'verify', 'cleanup']);
    expect(new Set(steps.map((step) => step.hop))).toEqual(new Set(['1.28→1.30']));
    expect(steps[2].change).toEqual({
      file: 'infra/prod-1-30.tfvars', line: 3, from: 'cluster_version = "1.28"', to: 'cluster_version = "1.30"',
      command: 'cp infra/prod.tfvars infra/prod-1-30.tfvars && terraform workspace new production-1-30 && terraform apply -var-file=infra/prod-1-30.tfvars',
    });
    expect(steps[4].items?.at(-1)).toBe('pause (suspend: true / replicas: 0 in production-1-30): CronJob shop/report must not run twice');
    expect(steps[5].title).toBe('Send 10% of traffic to production-1-30 (ALB weighted target groups), watch metrics for 30 min');
    expect(steps[5].rollback).toBe('Set the weights back to 100% on production: the ALB applies it within seconds.');
  });

  it('uses the AWS CLI when no infrastructure code declares the cluster', () => {
    const plan = buildPlan({ ...base, inventory: { ...inventory, environments: [] }, current: '1.29', strategy: 'in-place' });
    const controlPlane = plan.environments[0].steps.find((step) => step.kind === 'control-plane');
    expect(controlPlane?.change).toEqual({ command: 'aws eks update-cluster-version --name default --kubernetes-version 1.30' });
  });
});

describe('runbook', () => {
  it('schedules environments one after another with a day of soak, as a mermaid Gantt chart', () => {
    const plan = buildPlan({ ...base, strategy: 'in-place' });
    expect(scheduleOf(plan)).toEqual([
      { env: 'dev', label: '1.29→1.30 prepare', start: 0, minutes: 65 },
      { env: 'dev', label: '1.29→1.30 migrate', start: 65, minutes: 26 },
      { env: 'dev', label: '1.29→1.30 finish', start: 91, minutes: 45 },
      { env: 'production', label: '1.28→1.29', start: 1576, minutes: 127 },
      { env: 'production', label: '1.29→1.30', start: 1703, minutes: 117 },
    ]);
    expect(mermaidGantt(plan)).toBe(`gantt
  title 1.28 → 1.30, in-place
  dateFormat YYYY-MM-DD HH:mm
  axisFormat %d %b
  section dev
  1.29→1.30 prepare :t1, 2026-11-23 09:00, 65m
  1.29→1.30 migrate :t2, 2026-11-23 10:05, 26m
  1.29→1.30 finish :t3, 2026-11-23 10:31, 45m
  section production
  1.28→1.29 :t4, 2026-11-24 11:16, 127m
  1.29→1.30 :t5, 2026-11-24 13:23, 117m
`);
  });

  it('prints a checklist with edits, commands, items and rollbacks, escaping Markdown', () => {
    const markdown = runbookMarkdown(buildPlan({ ...base, strategy: 'in-place' }));
    expect(markdown).toContain('| **cluster-migration** (recommended) | 1 | 4/5 | 2/5 | 5/5 | 5/5 | 3/5 | 11 h 50 min | 36 |');
    expect(markdown).toContain('Strategy: **in-place** (chosen with --strategy; the advisor recommends **cluster-migration**).');
    expect(markdown).toContain(`4. [ ] **Update the production control plane from 1.28 to 1.29** (control-plane, during, ~10 min)
   - Edit \`infra/prod.tfvars:3\`: \`cluster_version = "1.28"\` → \`cluster_version = "1.29"\`
   - Run \`terraform apply -var-file=infra/prod.tfvars\`
   - Rollback: None in place: EKS cannot downgrade a control plane. Fix forward, or rebuild a cluster at 1.28 from the same code and restore into it.`);
    expect(markdown).toContain('   - PDB shop/web allows no disruption');
    expect(markdown).not.toContain('Knowledge base dated');
  });

  it('says under the strategy how old the knowledge it was built with is, and carries it in JSON', () => {
    const plan = buildPlan({ ...base, strategy: 'in-place', knowledgeDate: '2026-11-01' });
    expect(runbookMarkdown(plan)).toContain('(chosen with --strategy; the advisor recommends **cluster-migration**).\n\n_Knowledge base dated 2026-11-01._\n\n## Strategies');
    expect(JSON.parse(planJson(plan)).knowledgeDate).toBe('2026-11-01');
  });
});
