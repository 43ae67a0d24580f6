import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixReport } from '../fix/report-types.js';
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
  { id: 'addon-upgrade-first', severity: 'error', message: 'cluster-autoscaler 1.28 must match the minor', origin: { type: 'terraform', path: 'infra/helm.tf', line: 4 }, details: { addon: 'cluster-autoscaler', version: '1.28.2', chartVersion: '9.35.0', upgrades: [{ hop: '1.28→1.29', minimum: '1.29.0', recommended: '1.29.4' }] } },
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
    expect(planEnvironments([], [], '1.28')).toEqual([{ name: 'default', current: '1.28', nodeGroups: [], unnamed: true }]);
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
      { name: 'nodegroup-blue-green', hops: 2, scores: { serviceImpact: 3, workCost: 4, rollback: 3, versionsPerUpgrade: 1, duration: 4 }, recommended: false },
      { name: 'cluster-migration', hops: 1, scores: { serviceImpact: 4, workCost: 2, rollback: 5, versionsPerUpgrade: 5, duration: 3 }, recommended: true },
    ]);
    expect(plan.strategies[2].reasons).toContain('full rollback in seconds: ALB weighted target groups (1 ALB Ingress, 0 TargetGroupBindings)');
  });

  it('recommends in-place for one hop without blockers', () => {
    const plan = buildPlan({ ...base, findings: [], target: '1.29', inventory: { ...inventory, environments: [inventory.environments[0]] } });
    expect(plan.strategies.find((strategy) => strategy.recommended)?.name).toBe('in-place');
  });
});

function fixReport(target: string, changes: FixReport['changes'], manual: FixReport['manual'] = []): FixReport {
  return { tool: { name: 'upshift', version: '0' }, platform: 'eks', target, changes, manual, problems: [], skipped: [], files: [], written: [] };
}

const flowSchema = { path: 'apf.yaml', line: 20, kind: 'FlowSchema', name: 'ci', from: 'flowcontrol.apiserver.k8s.io/v1beta2', to: 'flowcontrol.apiserver.k8s.io/v1', family: 'flowcontrol', severity: 'error' as const, notes: [] };
const cronJob = { path: 'apps/cron.yaml', line: 2, kind: 'CronJob', namespace: 'shop', name: 'report', from: 'batch/v1beta1', to: 'batch/v1', family: 'cronjob', severity: 'error' as const, notes: [] };

describe('steps', () => {
  // A small estate on disk: one root module, a tfvars file and a backend file per environment.
  let cwd: string;
  let estate: PlanInput;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'upshift-plan-'));
    const files: Record<string, string> = {
      'infra/prod.tfvars': 'environment = "production"\n\ncluster_version = "1.28"\n',
      'infra/dev.tfvars': 'environment = "dev"\n\ncluster_version = "1.29"\n',
      'infra/helm.tf': 'resource "helm_release" "cluster_autoscaler" {\n  name    = "cluster-autoscaler"\n  chart   = "cluster-autoscaler"\n  version = "9.29.0"\n}\n',
      'infra/backend/production.hcl': 'key = "production.tfstate"\n',
      'infra/backend/dev.hcl': 'key = "dev.tfstate"\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(cwd, path)), { recursive: true });
      writeFileSync(join(cwd, path), text);
    }
    const [production, dev] = inventory.environments;
    estate = {
      ...base,
      cwd,
      inventory: {
        ...inventory,
        charts: [{ ...inventory.charts[0], versionSite: { path: 'infra/helm.tf', line: 4, value: '9.29.0', shared: {} } }],
        environments: [
          { ...production, cluster: 'acme-production', versionSite: { path: 'infra/prod.tfvars', line: 3, value: '1.28' }, terraform: { directory: 'infra', varFile: 'infra/prod.tfvars' },
            nodeGroups: [{ ...production.nodeGroups[0], versionSite: { path: 'infra/prod.tfvars', line: 3, value: '1.28' } }] },
          { ...dev, cluster: 'acme-dev', versionSite: { path: 'infra/dev.tfvars', line: 3, value: '1.29' }, terraform: { directory: 'infra', varFile: 'infra/dev.tfvars' } },
        ],
      },
      fixReports: new Map([['1.29', fixReport('1.29', [flowSchema])], ['1.30', fixReport('1.30', [flowSchema, cronJob])]]),
    };
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('orders in-place steps per hop, dev before production, with edits and commands where the estate keeps them', () => {
    const plan = buildPlan({ ...estate, strategy: 'in-place' });
    expect(plan.chosen).toBe('in-place');
    expect(plan.environments.map((env) => [env.name, env.cluster, env.hops])).toEqual([['dev', 'acme-dev', ['1.29→1.30']], ['production', 'acme-production', ['1.28→1.29', '1.29→1.30']]]);
    const production = plan.environments[1];
    expect(production.steps.map((step) => `${step.order} ${step.hop} ${step.phase} ${step.kind}`)).toEqual([
      '1 1.28→1.29 before precheck',
      '2 1.28→1.29 during control-plane',
      '3 1.28→1.29 during api-migration',
      '4 1.28→1.29 during node-group',
      '5 1.28→1.29 after addon-upgrade',
      '6 1.28→1.29 after verify',
      '7 1.29→1.30 before precheck',
      '8 1.29→1.30 before api-migration',
      '9 1.29→1.30 during control-plane',
      '10 1.29→1.30 during node-group',
      '11 1.29→1.30 after addon-upgrade',
      '12 1.29→1.30 after verify',
    ]);
    const [precheck, controlPlane, flowcontrol, nodeGroup, addon] = production.steps;
    expect(precheck.items).toEqual(['pdb-blocks-eviction: PDB shop/web allows no disruption']);
    // cluster-autoscaler's minor follows the control plane: right after each hop, with the chart that ships it.
    expect(addon.title).toBe('Upgrade cluster-autoscaler from 1.28.2 to 1.29.0 (chart 9.36.0) after 1.28→1.29');
    expect(production.steps[10].title).toBe('Upgrade cluster-autoscaler from 1.29.0 to 1.30.0 (chart 9.37.0) after 1.29→1.30');
    // helm.tf is shared by both environments: the first window that moves it (dev's) makes the chart
    // version a variable whose default is today's value; each environment then sets it in its own tfvars.
    const devAddons = plan.environments[0].steps.filter((step) => step.kind === 'addon-upgrade');
    expect(devAddons.map((step) => [step.title, step.edits])).toEqual([
      ['Upgrade cluster-autoscaler from 1.28.2 to 1.29.0 (chart 9.36.0) before 1.29→1.30', [
        { file: 'infra/helm.tf', line: 4, from: '  version = "9.29.0"', to: '  version = var.cluster_autoscaler_chart_version' },
        { file: 'infra/helm.tf', line: 5, from: '}', to: '}\n\nvariable "cluster_autoscaler_chart_version" {\n  description = "Set in each environment\'s own variables (its .tfvars file or terragrunt.hcl inputs), so that the environments are upgraded one at a time."\n  type        = string\n  default     = "9.29.0"\n}' },
        { file: 'infra/dev.tfvars', line: 3, from: 'cluster_version = "1.29"', to: 'cluster_version = "1.29"\n\ncluster_autoscaler_chart_version = "9.36.0"' },
      ]],
      ['Upgrade cluster-autoscaler from 1.29.0 to 1.30.0 (chart 9.37.0) after 1.29→1.30', [{ file: 'infra/dev.tfvars', line: 5, from: 'cluster_autoscaler_chart_version = "9.36.0"', to: 'cluster_autoscaler_chart_version = "9.37.0"' }]],
    ]);
    expect(devAddons[0].items).toContain('infra/helm.tf:4 is shared by every environment: it becomes variable cluster_autoscaler_chart_version (default 9.29.0, which the other environments keep until their own window) and dev sets it in infra/dev.tfvars');
    expect(devAddons[0].commands).toEqual(['terraform -chdir=infra init -reconfigure -backend-config=backend/dev.hcl', 'terraform -chdir=infra apply -var-file=dev.tfvars']);
    // The checklist shows the new declaration as it will stand in the file.
    expect(runbookMarkdown(plan)).toContain([
      '   - Edit `infra/helm.tf:5`: `}` → `}`',
      '     and add after it:',
      '',
      '     ```',
      '',
      '     variable "cluster_autoscaler_chart_version" {',
      '       description = "Set in each environment\'s own variables (its .tfvars file or terragrunt.hcl inputs), so that the environments are upgraded one at a time."',
      '       type        = string',
      '       default     = "9.29.0"',
      '     }',
      '     ```',
      '',
      '   - Edit `infra/dev.tfvars:3`: `cluster_version = "1.29"` → `cluster_version = "1.29"`',
      '     and add after it:',
      '',
      '     ```',
      '',
      '     cluster_autoscaler_chart_version = "9.36.0"',
      '     ```',
    ].join('\n'));
    expect(devAddons[1].resolves).toEqual([{ id: 'addon-upgrade-first', path: 'infra/helm.tf', line: 4 }]);
    // Production still installs 9.29.0 (the default) until its own window moves it, one hop at a time.
    expect(addon.edits).toEqual([{ file: 'infra/prod.tfvars', line: 3, from: 'cluster_version = "1.29"', to: 'cluster_version = "1.29"\n\ncluster_autoscaler_chart_version = "9.36.0"' }]);
    expect(production.steps[10].edits).toEqual([{ file: 'infra/prod.tfvars', line: 5, from: 'cluster_autoscaler_chart_version = "9.36.0"', to: 'cluster_autoscaler_chart_version = "9.37.0"' }]);
    expect(addon.commands).toEqual(['terraform -chdir=infra init -reconfigure -backend-config=backend/production.hcl', 'terraform -chdir=infra apply -var-file=prod.tfvars']);
    expect(addon.result).toEqual({ component: 'addon', name: 'cluster-autoscaler', version: '1.29.0', chart: '9.36.0' });
    expect(production.steps[10].resolves).toEqual([{ id: 'addon-upgrade-first', path: 'infra/helm.tf', line: 4 }]);
    expect(controlPlane.edits).toEqual([{ file: 'infra/prod.tfvars', line: 3, from: 'cluster_version = "1.28"', to: 'cluster_version = "1.29"' }]);
    expect(controlPlane.commands).toEqual(addon.commands);
    expect(controlPlane.result).toEqual({ component: 'control-plane', version: '1.29' });
    expect(controlPlane.rollback).toBe('None in place: EKS cannot downgrade a control plane. Fix forward, or rebuild a cluster at 1.28 from the same code and restore into it.');
    expect(flowcontrol.items).toEqual(['FlowSchema ci: flowcontrol.apiserver.k8s.io/v1beta2 → flowcontrol.apiserver.k8s.io/v1 (apf.yaml:20)']);
    expect(flowcontrol.commands).toEqual(['upshift fix apf.yaml --target 1.29 --write']);
    expect(flowcontrol.resolves).toEqual([{ id: 'api-removed', path: 'apf.yaml', line: 20 }, { id: 'api-replacement-unavailable', path: 'apf.yaml', line: 20 }]);
    // The roll runs with the group's own updateConfig; the code that declares it is where to change it.
    expect(nodeGroup.title).toBe('Roll node group general-1-28 (12 nodes) from 1.28 to 1.29 with maxUnavailable 1: ~1 h 36 min');
    expect(nodeGroup.items?.[0]).toBe('To shorten the roll to ~32 min, set max_unavailable_percentage = 30 in general-1-28\'s update config (now 1) before the control-plane apply of this hop, which rolls it');
    expect(nodeGroup.edits).toEqual([]);
    expect(nodeGroup.commands).toEqual([]);
    expect(production.steps[7].items).toEqual(['CronJob shop/report: batch/v1beta1 → batch/v1 (apps/cron.yaml:2)']);
    expect(production.steps[8].edits).toEqual([{ file: 'infra/prod.tfvars', line: 3, from: 'cluster_version = "1.29"', to: 'cluster_version = "1.30"' }]);
    expect(production.manual).toEqual([{ id: 'pdb-blocks-eviction', path: 'unknown origin', why: 'a PDB that allows no eviction hangs every node drain: allow one disruption (maxUnavailable 1) or add a replica, as the application owner decides' }]);
  });

  it('overrides a shared variable default in the environment\'s own tfvars instead of moving every environment', () => {
    const shared = { path: 'infra/variables.tf', line: 3, value: '1.28', shared: { variable: 'node_group_version' } };
    const [production] = estate.inventory.environments;
    const plan = buildPlan({ ...estate, strategy: 'in-place', environmentNames: ['production'], inventory: { ...estate.inventory, environments: [{ ...production, nodeGroups: [{ ...production.nodeGroups[0], versionSite: shared }] }] } });
    const groups = plan.environments[0].steps.filter((step) => step.kind === 'node-group');
    expect(groups.map((step) => step.edits)).toEqual([
      [{ file: 'infra/prod.tfvars', line: 3, from: 'cluster_version = "1.29"', to: 'cluster_version = "1.29"\n\nnode_group_version = "1.29"' }],
      [{ file: 'infra/prod.tfvars', line: 5, from: 'node_group_version = "1.29"', to: 'node_group_version = "1.30"' }],
    ]);
  });

  it('deletes only the old cluster in a migration, from its own state, after the soak, pausing jobs that must not run twice', () => {
    const plan = buildPlan({ ...estate, strategy: 'cluster-migration', environmentNames: ['production'] });
    const steps = plan.environments[0].steps;
    expect(steps.map((step) => step.kind)).toEqual(['precheck', 'api-migration', 'cluster-create', 'addon-upgrade', 'restore', 'traffic-shift', 'traffic-shift', 'traffic-shift', 'traffic-shift', 'verify', 'cleanup']);
    expect(new Set(steps.map((step) => step.hop))).toEqual(new Set(['1.28→1.30']));
    expect(steps[4].items?.at(-1)).toBe('pause (suspend: true / replicas: 0 in acme-production-1-30): CronJob shop/report must not run twice');
    expect(steps[5].title).toBe('Send 10% of traffic to acme-production-1-30 (ALB weighted target groups), watch metrics for 30 min');
    expect(steps[5].rollback).toBe('Set the weights back to 100% on acme-production: the ALB applies it within seconds.');
    expect(steps.at(-1)?.commands).toEqual(['terraform -chdir=infra init -reconfigure -backend-config=backend/production.hcl', 'terraform -chdir=infra destroy -var-file=prod.tfvars']);
    expect(steps.flatMap((step) => step.commands).filter((command) => /destroy|delete/.test(command))).toHaveLength(1);
  });

  it('uses the AWS CLI when no infrastructure code declares the cluster, with the name --env gives it', () => {
    const plan = buildPlan({ ...base, inventory: { ...inventory, environments: [] }, environmentNames: ['shop-prod'], current: '1.29', strategy: 'in-place' });
    const controlPlane = plan.environments[0].steps.find((step) => step.kind === 'control-plane');
    expect(controlPlane?.edits).toEqual([]);
    expect(controlPlane?.commands).toEqual(['aws eks update-cluster-version --name shop-prod --kubernetes-version 1.30']);
  });

  it('never takes the "default" it names an unnamed cluster for a cluster name: a marked placeholder, and a manual item', () => {
    const plan = buildPlan({ ...base, inventory: { ...inventory, environments: [] }, current: '1.29', strategy: 'in-place' });
    const [env] = plan.environments;
    expect(env.steps.find((step) => step.kind === 'control-plane')?.commands).toEqual(['aws eks update-cluster-version --name <cluster-name> --kubernetes-version 1.30']);
    expect(env.manual[0]).toEqual({ id: 'cluster-name', path: 'cluster', why: 'no infrastructure code and no --env names the cluster: replace <cluster-name> in the commands with its name, or plan again with --env CLUSTER_NAME' });
  });
});

describe('runbook', () => {
  it('schedules steps inside working hours, Monday to Thursday by default, with a day of soak between environments', () => {
    // 2026-11-22 is a Sunday: nothing starts before Monday 09:00.
    const plan = buildPlan({ ...base, strategy: 'in-place', startDate: '2026-11-22' });
    const tasks = scheduleOf(plan);
    expect(tasks.slice(0, 3)).toEqual([
      { env: 'dev', label: '1.29→1.30 prepare', start: 1440 + 540, minutes: 35 },
      { env: 'dev', label: '1.29→1.30 migrate', start: 1440 + 575, minutes: 26 },
      { env: 'dev', label: '1.29→1.30 finish', start: 1440 + 601, minutes: 45 },
    ]);
    for (const task of tasks) {
      const start = new Date(Date.parse('2026-11-22T00:00:00Z') + task.start * 60_000);
      expect([1, 2, 3, 4]).toContain(start.getUTCDay());
      expect(start.getUTCHours() * 60 + start.getUTCMinutes()).toBeGreaterThanOrEqual(540);
      expect(start.getUTCHours() * 60 + start.getUTCMinutes() + task.minutes).toBeLessThanOrEqual(1020);
    }
    // A day of soak after dev ends (Monday 10:46), then production from Tuesday 10:46.
    expect(tasks[3]).toMatchObject({ env: 'production', label: '1.28→1.29', start: 2 * 1440 + 646 });
    expect(mermaidGantt(plan).split('\n').slice(0, 6).join('\n')).toBe(`gantt
  title 1.28 → 1.30, in-place
  dateFormat YYYY-MM-DD HH:mm
  axisFormat %d %b
  section dev
  1.29→1.30 prepare :t1, 2026-11-23 09:00, 35m`);
  });

  it('follows configured days and hours', () => {
    const plan = buildPlan({ ...base, strategy: 'in-place', startDate: '2026-11-22', schedule: { days: ['sun'], hours: '10:00-12:00', soakHours: 0 } });
    const tasks = scheduleOf(plan);
    expect(tasks[0]).toEqual({ env: 'dev', label: '1.29→1.30 prepare', start: 600, minutes: 35 });
    expect(tasks.every((task) => (task.start % 1440) >= 600 && (task.start % 1440) + task.minutes <= 720 && Math.floor(task.start / 1440) % 7 === 0)).toBe(true);
  });

  it('refuses working hours that end before they start', () => {
    expect(() => buildPlan({ ...base, strategy: 'in-place', schedule: { hours: '22:00-02:00' } })).toThrow('schedule.hours "22:00-02:00": the end must come after the start (a window across midnight is two windows)');
  });

  it('prints a checklist with edits, commands, items, what each step clears and what is left to a person', () => {
    const markdown = runbookMarkdown(buildPlan({ ...base, strategy: 'in-place' }));
    expect(markdown).toContain('| **cluster-migration** (recommended) | 1 | 4/5 | 2/5 | 5/5 | 5/5 | 3/5 | 11 h 10 min | 36 |');
    expect(markdown).toContain('Strategy: **in-place** (chosen with --strategy; the advisor recommends **cluster-migration**).');
    expect(markdown).toContain('   - pdb-blocks-eviction: PDB shop/web allows no disruption');
    expect(markdown).toContain('### For a person to decide (4)\n\nNo step clears these findings; each says what must be decided or edited.\n\n');
    expect(markdown).toContain('- [ ] `pdb-blocks-eviction unknown origin`: a PDB that allows no eviction hangs every node drain');
    expect(markdown).toContain('- [ ] `addon-upgrade-first infra/helm.tf:4`: cluster-autoscaler is not pinned in code upshift can edit');
  });

  it('sends an add-on deployed from plain manifests to a person, with the release\'s manifests, not an image-tag edit', () => {
    const certManager: Finding = { id: 'addon-upgrade-first', severity: 'error', message: 'cert-manager 1.11.0 supports Kubernetes 1.21 to 1.26', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'cert-manager', name: 'cert-manager' }, origin: { type: 'file', path: 'platform/cert-manager.yaml', line: 71, column: 1 }, details: { addon: 'cert-manager', version: '1.11.0', upgrades: [{ hop: '1.28→1.29', minimum: '1.12.0', recommended: '1.12.x' }] } };
    const plan = buildPlan({ ...base, inventory: { ...inventory, environments: [] }, environmentNames: ['shop-prod'], findings: [certManager], current: '1.28', target: '1.29', strategy: 'in-place' });
    const [env] = plan.environments;
    expect(env.steps.filter((step) => step.kind === 'addon-upgrade').map((step) => [step.title, step.edits, step.commands])).toEqual([['Upgrade cert-manager from 1.11.0 to v1.12.17 (chart v1.12.17) before 1.28→1.29, by hand', [], []]]);
    expect(env.manual).toEqual([{ id: 'addon-upgrade-first', path: 'platform/cert-manager.yaml', line: 71, why: 'cert-manager is not pinned in code upshift can edit: upgrade it to v1.12.17 before 1.28→1.29 where it is deployed: replace platform/cert-manager.yaml with that release\'s manifests (its CRDs, RBAC and webhooks too, not the image tag alone), then apply it the way it is applied today' }]);
  });

  it('says under the strategy how old the knowledge it was built with is, and carries it in JSON', () => {
    const plan = buildPlan({ ...base, strategy: 'in-place', knowledgeDate: '2026-11-01' });
    expect(runbookMarkdown(plan)).toContain('(chosen with --strategy; the advisor recommends **cluster-migration**).\n\n_Knowledge base dated 2026-11-01._\n\n## Strategies');
    expect(JSON.parse(planJson(plan)).knowledgeDate).toBe('2026-11-01');
  });
});
