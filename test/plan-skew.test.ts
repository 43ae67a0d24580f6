// Carries out every in-place and node-group blue/green plan step by step over a model of each
// environment (control plane, node groups with their AMI type, kube-proxy, the add-ons) and checks
// after every step what the version skew rules and the add-on projects require: kubelet and
// kube-proxy never newer than the control plane nor more minors behind than allowed, no Amazon
// Linux 2 node past 1.32, cluster-autoscaler at the control plane's minor when each hop is done,
// cert-manager one minor per step. On the bundled estate and on a six-environment Terraform estate
// the test writes, with environments at different versions and a node group and kube-proxy pinned
// three minors back. Files shared by the environments are modelled too: the plan's edits are
// carried out, environment after environment, on one copy of the Terraform module, and every
// apply of an environment installs the add-ons its files then say (a shared line an earlier
// window moved included) — kube-proxy within the skew rules, every add-on supported by the
// control plane it runs on.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { judgeAddon } from '../src/addons/compatibility.js';
import { appVersionOfChart } from '../src/addons/detect.js';
import { versionFromTag } from '../src/addons/image-reference.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { PLAN_KINDS } from '../src/plan/signals.js';
import type { EnvironmentPlan, Plan, StrategyName } from '../src/plan/types.js';
import { runScan, type ScanResult } from '../src/run-check.js';
import { readTerraform } from '../src/sources/terraform/index.js';

const TARGET = '1.33';
const scratch = mkdtempSync(join(tmpdir(), 'plan-skew-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Model {
  controlPlane: string;
  nodeGroups: Map<string, { version: string; amiType?: string }>;
  addons: Map<string, string>;
}

const minor = (version: string) => semver.coerce(version)!.minor;

/** The environment as the scan found it: what the plan starts from. */
function initialModel(scan: ScanResult, env: EnvironmentPlan): Model {
  const fact = scan.inventory.environments.find((entry) => entry.name === env.name)!;
  const addons = new Map<string, string>();
  for (const finding of scan.report.findings) {
    const details = finding.details ?? {};
    const owner = finding.origin?.type === 'terraform' ? finding.origin.env : typeof details.env === 'string' ? details.env : undefined;
    if (typeof details.addon === 'string' && typeof details.version === 'string' && (owner === undefined || owner === env.name)) addons.set(details.addon, details.version);
  }
  for (const addon of scan.inventory.eksAddons) {
    if ((addon.env === undefined || addon.env === env.name) && addon.version) addons.set(addon.name, addon.version);
  }
  return {
    controlPlane: env.current,
    nodeGroups: new Map(fact.nodeGroups.map((group) => [group.name, { version: group.version ?? env.current, amiType: group.amiType }])),
    addons,
  };
}

/** What breaks a rule in this state, one line each. */
function violations(model: Model, where: string): string[] {
  const problems: string[] = [];
  const cp = minor(model.controlPlane);
  for (const [name, group] of model.nodeGroups) {
    const behind = cp - minor(group.version);
    if (behind < 0 || behind > 3) problems.push(`${where}: node group ${name} at ${group.version} with the control plane at ${model.controlPlane}`);
    if (group.amiType?.startsWith('AL2_') && cp > 32) problems.push(`${where}: node group ${name} still on ${group.amiType} at ${model.controlPlane}`);
  }
  const kubeProxy = model.addons.get('kube-proxy');
  if (kubeProxy !== undefined) {
    const behind = cp - minor(kubeProxy);
    if (behind < 0 || behind > 3) problems.push(`${where}: kube-proxy ${kubeProxy} with the control plane at ${model.controlPlane}`);
  }
  return problems;
}

const knowledge = loadKnowledge();

/**
 * One copy of an estate's Terraform module shared by all its environments: the plan's edits are
 * carried out on it in plan order, and an apply installs what the copy says for that environment.
 */
class SharedModule {
  private readonly copy: string;

  constructor(private readonly module: string, name: string) {
    this.copy = join(scratch, `module-${name}`);
    rmSync(this.copy, { recursive: true, force: true });
    cpSync(module, this.copy, { recursive: true });
  }

  /** Carries out the step's edits to the module's files exactly as written. */
  edit(step: EnvironmentPlan['steps'][number]): void {
    for (const edit of step.edits) {
      const within = relative(resolve(this.module), isAbsolute(edit.file) ? edit.file : resolve(edit.file));
      if (within.startsWith('..')) continue;
      const path = join(this.copy, within);
      const lines = readFileSync(path, 'utf8').split('\n');
      expect(lines[edit.line - 1], `${edit.file}:${edit.line}`).toBe(edit.from);
      lines.splice(edit.line - 1, 1, ...edit.to.split('\n'));
      writeFileSync(path, lines.join('\n'));
    }
  }

  /** The add-ons an apply of `env` installs, by add-on name: EKS add-on versions and the apps the Helm charts ship. */
  async installed(env: string): Promise<Map<string, string>> {
    const files = (readdirSync(this.copy, { recursive: true }) as string[]).filter((file) => /\.tf$|\.tfvars$/.test(file)).map((file) => join(this.copy, file));
    const contents = await readTerraform(files, { cwd: this.copy, objectKinds: new Set(), environments: [env] });
    const installed = new Map<string, string>();
    for (const addon of contents.eksAddons.filter((entry) => entry.env === env)) {
      const definition = knowledge.addons.byEksAddon(addon.name);
      const version = versionFromTag(addon.version);
      if (definition && version) installed.set(definition.name, version);
    }
    for (const chart of contents.charts.filter((entry) => entry.env === env)) {
      const definition = knowledge.addons.byChart(chart.chart);
      const version = definition && chart.version ? appVersionOfChart(definition, chart.version) : undefined;
      if (definition && version) installed.set(definition.name, version);
    }
    return installed;
  }
}

const APPLIES = /\bapply\b|launch\.sh/;

/** Add-ons installed that the control plane they run on does not support. */
function unsupported(installed: ReadonlyMap<string, string>, controlPlane: string, where: string): string[] {
  const problems: string[] = [];
  for (const [name, version] of installed) {
    const definition = knowledge.addons.get(name);
    if (definition && judgeAddon(definition, version, controlPlane).kind === 'incompatible') problems.push(`${where}: ${name} ${version} installed on a ${controlPlane} control plane`);
  }
  return problems;
}

/** Carries out the plan of one environment; returns every rule broken on the way. */
async function walk(scan: ScanResult, env: EnvironmentPlan, module?: SharedModule): Promise<string[]> {
  const model = initialModel(scan, env);
  const problems = violations(model, `${env.name} before step 1`);
  for (const [index, step] of env.steps.entries()) {
    module?.edit(step);
    const result = step.result;
    if (result?.component === 'control-plane') model.controlPlane = result.version!;
    if (result?.component === 'node-group') {
      if (result.version === null) model.nodeGroups.delete(result.name!);
      else model.nodeGroups.set(result.name!, { version: result.version, amiType: result.amiType ?? model.nodeGroups.get(result.name!)?.amiType });
    }
    if (result?.component === 'addon') {
      const before = model.addons.get(result.name!);
      if (result.name === 'cert-manager' && before !== undefined && minor(result.version!) - minor(before) > 1) {
        problems.push(`${env.name} step ${step.order}: cert-manager ${before} → ${result.version} crosses more than one minor`);
      }
      model.addons.set(result.name!, result.version!);
    }
    const where = `${env.name} after step ${step.order} (${step.title})`;
    if (module && step.commands.some((command) => APPLIES.test(command))) {
      // The apply installs what the files say for this environment now, whoever edited them.
      const installed = await module.installed(env.name);
      for (const [name, version] of installed) model.addons.set(name, version);
      problems.push(...unsupported(installed, model.controlPlane, where));
    }
    problems.push(...violations(model, where));
    const hopDone = env.steps[index + 1]?.hop !== step.hop;
    const autoscaler = model.addons.get('cluster-autoscaler');
    if (hopDone && autoscaler !== undefined && minor(autoscaler) !== minor(model.controlPlane)) {
      problems.push(`${where}: cluster-autoscaler ${autoscaler} with the control plane at ${model.controlPlane} when ${step.hop} is done`);
    }
  }
  if (model.controlPlane !== env.target) problems.push(`${env.name}: ends at ${model.controlPlane}, not ${env.target}`);
  for (const [name, group] of model.nodeGroups) if (minor(group.version) !== minor(env.target)) problems.push(`${env.name}: node group ${name} ends at ${group.version}`);
  return problems;
}

/** Walks every environment in plan order over one copy of the shared module. */
async function walkAll(scan: ScanResult, plan: Plan, module: string, name: string): Promise<string[]> {
  const shared = new SharedModule(module, name);
  const problems: string[] = [];
  for (const env of plan.environments) problems.push(...(await walk(scan, env, shared)));
  return problems;
}

async function planned(paths: string[], strategy: StrategyName): Promise<{ scan: ScanResult; plan: Plan }> {
  const scan = await runScan({ paths, target: TARGET, keepKinds: PLAN_KINDS, helmBinary: 'none', now: new Date('2026-11-23T00:00:00Z') });
  const plan = buildPlan({
    inventory: scan.inventory,
    findings: scan.report.findings,
    platform: scan.context.platform,
    target: TARGET,
    current: scan.context.current,
    strategy,
    paths,
    startDate: '2026-11-23',
    knowledge: scan.context.knowledge,
  });
  return { scan, plan };
}

/**
 * Six environments applied from one Terraform root module with per-environment tfvars, at
 * different versions; staging-2's node groups and kube-proxy pinned three minors behind its
 * control plane.
 */
function sixEnvironmentEstate(): string {
  const root = join(scratch, 'six');
  cpSync('examples/estate/infra/terraform', root, { recursive: true });
  const vars = join(root, 'env-vars');
  const set = (env: string, lines: Record<string, string>) => {
    let text = readFileSync(join(vars, `${env}.tfvars`), 'utf8');
    for (const [name, value] of Object.entries(lines)) {
      const line = `${name} = "${value}"`;
      text = new RegExp(`^${name}\\s*=`, 'm').test(text) ? text.replace(new RegExp(`^${name}\\s*=.*$`, 'm'), line) : `${text}\n${line}\n`;
    }
    writeFileSync(join(vars, `${env}.tfvars`), text);
  };
  set('work', { cluster_version: '1.30' });
  set('lab', { cluster_version: '1.31' });
  set('dev', { cluster_version: '1.29' });
  set('staging', { cluster_version: '1.29' });
  set('staging-2', { cluster_version: '1.29', node_group_version: '1.26', kube_proxy_version: 'v1.26.15-eksbuild.35' });
  set('production', { cluster_version: '1.28' });
  // kube-proxy's version from each environment's tfvars instead of one literal for all.
  const addons = join(root, 'addons.tf');
  writeFileSync(addons, readFileSync(addons, 'utf8').replace('addon_version     = "v1.28.1-eksbuild.1"', 'addon_version     = var.kube_proxy_version'));
  const variables = join(root, 'variables.tf');
  writeFileSync(variables, `${readFileSync(variables, 'utf8')}\nvariable "kube_proxy_version" {\n  type    = string\n  default = "v1.28.1-eksbuild.1"\n}\n`);
  return root;
}

describe('plans keep the version skew rules after every step', () => {
  for (const strategy of ['in-place', 'nodegroup-blue-green'] as const) {
    it(`on the bundled estate (${strategy})`, async () => {
      const { scan, plan } = await planned(['examples/estate'], strategy);
      expect(plan.environments.length).toBeGreaterThanOrEqual(6);
      expect(await walkAll(scan, plan, 'examples/estate/infra/terraform', `bundled-${strategy}`)).toEqual([]);
    });

    it(`on a six-environment Terraform estate with a node group and kube-proxy three minors back (${strategy})`, async () => {
      const root = sixEnvironmentEstate();
      const { scan, plan } = await planned([root], strategy);
      expect(plan.environments.map((env) => `${env.name} ${env.current}`)).toEqual(['lab 1.31', 'work 1.30', 'dev 1.29', 'staging-2 1.29', 'staging 1.29', 'production 1.28']);
      const staging2 = initialModel(scan, plan.environments.find((env) => env.name === 'staging-2')!);
      // The estate is as intended: three minors back before anything moves.
      expect([...staging2.nodeGroups.values()].map((group) => group.version)).toEqual(['1.26', '1.26']);
      expect(staging2.addons.get('kube-proxy')).toBe('v1.26.15-eksbuild.35');
      expect(await walkAll(scan, plan, root, `six-${strategy}`)).toEqual([]);
    });
  }
});
