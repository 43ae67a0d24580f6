// `upshift plan` carried out as a person would, on a temporary copy: every edit applied
// exactly as written (its `from` must be the line's text when the step is reached), the
// `upshift fix` commands run, the Terraform commands checked against the estate (module
// directory, the environment's own state, files that exist) and the edited HCL parsed and found
// formatted by the real terraform binary (`terraform fmt -check`: no edit leaves lines to realign)
// — then `upshift check --env E --target T` reports no error that the plan's manual[] does not list.
// On a six-environment Terraform estate the test writes (one root module applied per environment
// by ./launch.sh ENV) and on the bundled example estate.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runUpshift } from './support/run-upshift.js';

const work = mkdtempSync(join(tmpdir(), 'upshift-carry-out-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Edit { file: string; line: number; from: string; to: string }
interface Step { order: number; kind: string; title: string; edits: Edit[]; commands: string[]; resolves: { id: string; path: string; line?: number }[] }
interface EnvironmentPlan { name: string; cluster: string; current: string; steps: Step[]; manual: { id: string; path: string; line?: number; why: string }[] }
interface Plan { environments: EnvironmentPlan[] }
interface Finding { id: string; severity: string; origin?: { path?: string; line?: number } }

const upshift = (cwd: string, args: string[]) => runUpshift(args, { cwd });

const terraformAvailable = (() => {
  try {
    execFileSync('terraform', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const ENVIRONMENTS: Record<string, { cluster: string; nodeGroup?: string; kubeProxy: string; chart: string }> = {
  sandbox: { cluster: '1.30', kubeProxy: 'v1.30.0-eksbuild.3', chart: '9.37.0' },
  dev: { cluster: '1.29', kubeProxy: 'v1.29.0-eksbuild.1', chart: '9.35.0' },
  qa: { cluster: '1.29', kubeProxy: 'v1.29.0-eksbuild.1', chart: '9.35.0' },
  // Node group and kube-proxy three minors behind the control plane.
  staging: { cluster: '1.28', nodeGroup: '1.25', kubeProxy: 'v1.25.16-eksbuild.1', chart: '9.34.0' },
  preprod: { cluster: '1.28', kubeProxy: 'v1.28.1-eksbuild.1', chart: '9.34.0' },
  prod: { cluster: '1.28', kubeProxy: 'v1.28.1-eksbuild.1', chart: '9.34.0' },
};

/** One root module applied per environment by ./launch.sh ENV, its state chosen by backend/ENV.hcl. */
function writeTerraformEstate(root: string): void {
  const files: Record<string, string> = {
    '.upshift.yaml': `environments: [${Object.keys(ENVIRONMENTS).join(', ')}]\n`,
    'eks/launch.sh': '#!/bin/sh\n# Usage: ./launch.sh ENV\nset -eu\ncd "$(dirname "$0")"\nterraform init -reconfigure -backend-config="backend/$1.hcl"\nterraform apply -var-file="env/$1.tfvars"\n',
    'eks/versions.tf': 'terraform {\n  backend "s3" {}\n}\n',
    'eks/main.tf': `locals {
  cluster_name = "acme-\${var.environment}"
}

resource "aws_eks_cluster" "this" {
  name     = local.cluster_name
  version  = var.cluster_version
  role_arn = var.cluster_role_arn

  vpc_config {
    subnet_ids = var.subnet_ids
  }
}

resource "aws_eks_node_group" "general" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "general"
  version         = coalesce(var.node_group_version, var.cluster_version)
  ami_type        = "AL2023_x86_64_STANDARD"
  node_role_arn   = var.node_role_arn
  subnet_ids      = var.subnet_ids

  scaling_config {
    desired_size = 3
    max_size     = 6
    min_size     = 3
  }

  update_config {
    max_unavailable = 1
  }
}

resource "aws_eks_addon" "kube_proxy" {
  cluster_name  = aws_eks_cluster.this.name
  addon_name    = "kube-proxy"
  addon_version = var.kube_proxy_version
}

resource "helm_release" "cluster_autoscaler" {
  name       = "cluster-autoscaler"
  namespace  = "kube-system"
  repository = "https://kubernetes.github.io/autoscaler"
  chart      = "cluster-autoscaler"
  version    = var.cluster_autoscaler_chart_version
}
`,
    'eks/variables.tf': `variable "environment" {
  type = string
}

variable "cluster_version" {
  type = string
}

variable "node_group_version" {
  type    = string
  default = null
}

variable "kube_proxy_version" {
  type = string
}

variable "cluster_autoscaler_chart_version" {
  type = string
}

variable "cluster_role_arn" {
  type    = string
  default = "arn:aws:iam::123456789012:role/eks-cluster"
}

variable "node_role_arn" {
  type    = string
  default = "arn:aws:iam::123456789012:role/eks-node"
}

variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a", "subnet-0b"]
}
`,
    'apps/web/hpa.yaml': 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 6\n',
    'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:1.0.0\n',
    'apps/web/pdb.yaml': 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  maxUnavailable: 0\n  selector:\n    matchLabels:\n      app: web\n',
  };
  for (const [name, env] of Object.entries(ENVIRONMENTS)) {
    files[`eks/backend/${name}.hcl`] = `bucket = "acme-terraform-state"\nkey    = "eks/${name}.tfstate"\nregion = "eu-west-1"\n`;
    files[`eks/env/${name}.tfvars`] = [
      `environment                      = "${name}"`,
      `cluster_version                  = "${env.cluster}"`,
      ...(env.nodeGroup ? [`node_group_version               = "${env.nodeGroup}"`] : []),
      `kube_proxy_version               = "${env.kubeProxy}"`,
      `cluster_autoscaler_chart_version = "${env.chart}"`,
      '',
    ].join('\n');
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text, { mode: path.endsWith('.sh') ? 0o755 : 0o644 });
  }
}

/**
 * Applies each edit exactly as written; fails when a `from` is not the line's text at that moment,
 * or when a version moves back in a step that does not say it moves back.
 */
function applyEdits(root: string, step: Step): void {
  for (const edit of step.edits) {
    const path = join(root, edit.file);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[edit.line - 1], `step ${step.order} "${step.title}": ${edit.file}:${edit.line}`).toBe(edit.from);
    expect(edit.to).not.toMatch(/\d\.x\b|\(see below\)|<[^>]+>/);
    const moved = changedVersion(edit);
    if (moved && !/ back to /.test(step.title)) expect(compareVersions(moved.to, moved.from), `step ${step.order} "${step.title}": ${edit.from} -> ${edit.to}`).toBeGreaterThanOrEqual(0);
    lines.splice(edit.line - 1, 1, ...edit.to.split('\n'));
    writeFileSync(path, lines.join('\n'));
  }
}

const VERSION = /\bv?\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?/g;

/** The one version an edit changes, when it changes exactly one (not a PDB's budget, not a new line). */
function changedVersion(edit: Edit): { from: string; to: string } | undefined {
  const [before, after] = [edit.from.match(VERSION) ?? [], edit.to.match(VERSION) ?? []];
  if (before.length !== after.length || edit.to.includes('\n')) return undefined;
  const changed = before.flatMap((version, index) => (version === after[index] ? [] : [{ from: version, to: after[index] }]));
  return changed.length === 1 ? changed[0] : undefined;
}

function compareVersions(a: string, b: string): number {
  const numbers = (text: string) => (text.match(/\d+/g) ?? []).map(Number);
  const [x, y] = [numbers(a), numbers(b)];
  for (let index = 0; index < Math.max(x.length, y.length); index++) if ((x[index] ?? -1) !== (y[index] ?? -1)) return (x[index] ?? -1) - (y[index] ?? -1);
  return 0;
}

/** Checks a command against the estate, and runs the `upshift fix` ones. */
async function carryOut(root: string, command: string, terraformCharts: readonly string[]): Promise<void> {
  expect(command).not.toMatch(/https?:\/\/\S*\s+--|helm (upgrade|install) \S+ https?:/);
  if (command.startsWith('upshift fix ')) {
    const run = await upshift(root, [...command.slice('upshift '.length).split(' '), '--no-progress']);
    expect(run.stderr.replace(/^upshift: .*(not in charts|helm dependency build).*\n/gm, '')).not.toMatch(/Error|at .*\.js/);
    return;
  }
  const helm = /^helm (upgrade|install) (\S+) (\S+)/.exec(command);
  if (helm) {
    expect(terraformCharts, `helm command for a release Terraform manages: ${command}`).not.toContain(helm[2]);
    expect(command).toMatch(/ --version \d/);
  }
  if (/^terraform /.test(command)) {
    const chdir = /^terraform -chdir=(\S+) (\S+)/.exec(command);
    expect(chdir, `terraform without -chdir: ${command}`).not.toBeNull();
    const directory = join(root, chdir![1]);
    expect(existsSync(directory)).toBe(true);
    for (const match of command.matchAll(/-(?:backend-config|var-file)=(\S+)/g)) expect(existsSync(join(directory, match[1])), command).toBe(true);
    if (/ (apply|destroy)\b/.test(command)) expect(command).toMatch(/-var-file=|workspace/);
  }
  const wrapper = /^\(cd (\S+) && \.\/(\S+) (\S+)\)$|^\.\/(\S+) (\S+)$/.exec(command);
  if (wrapper) {
    const script = wrapper[1] ? join(root, wrapper[1], wrapper[2]) : join(root, wrapper[4]);
    expect(existsSync(script), command).toBe(true);
  }
  expect(command).not.toMatch(/\bdestroy\b|delete-cluster|delete-nodegroup/);
}

async function carryOutPlan(root: string, args: string[], terraformCharts: readonly string[]): Promise<Plan> {
  const run = await upshift(root, ['plan', ...args, '-o', 'json', '--fail-on', 'none', '--no-progress']);
  expect(run.code, run.stderr).toBe(0);
  const plan = JSON.parse(run.stdout) as Plan;
  for (const env of plan.environments) {
    for (const step of env.steps) {
      applyEdits(root, step);
      for (const command of step.commands) await carryOut(root, command, terraformCharts);
    }
  }
  return plan;
}

/** After the plan: every error of `check --env E --target T` is one manual[] lists. */
async function expectOnlyManualLeft(root: string, plan: Plan, target: string, paths: string[]): Promise<void> {
  for (const env of plan.environments) {
    const run = await upshift(root, ['check', ...paths, '--env', env.name, '--target', target, '-o', 'json', '--fail-on', 'none', '--no-progress']);
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    const manual = new Set(env.manual.map((item) => `${item.id} ${item.path}`));
    const left = findings.filter((finding) => finding.severity === 'error' && !manual.has(`${finding.id} ${finding.origin?.path ?? ''}`));
    expect(left.map((finding) => `${env.name}: ${finding.id} ${finding.origin?.path}:${finding.origin?.line}`)).toEqual([]);
  }
}

describe('a six-environment Terraform estate applied by ./launch.sh ENV', () => {
  for (const strategy of ['in-place', 'nodegroup-blue-green']) {
    it(`carries out the ${strategy} plan to 1.31 as written`, async () => {
      const root = join(work, `six-${strategy}`);
      writeTerraformEstate(root);
      const variables = readFileSync(join(root, 'eks/variables.tf'), 'utf8');
      const plan = await carryOutPlan(root, ['.', '--target', '1.31', '--strategy', strategy], ['cluster-autoscaler']);
      expect(plan.environments.map((env) => [env.name, env.cluster, env.current])).toEqual(Object.entries(ENVIRONMENTS).map(([name, env]) => [name, `acme-${name}`, env.cluster]));
      const commands = plan.environments.flatMap((env) => env.steps.flatMap((step) => step.commands));
      expect(commands.filter((command) => command.includes('launch.sh'))).toContain('(cd eks && ./launch.sh prod)');
      expect(commands.some((command) => /aws eks update-addon --cluster-name (?!acme-)/.test(command))).toBe(false);
      // Each environment's versions end at the target in its own tfvars; nothing shared moved.
      for (const name of Object.keys(ENVIRONMENTS)) {
        const tfvars = readFileSync(join(root, `eks/env/${name}.tfvars`), 'utf8');
        expect(tfvars).toContain('cluster_version                  = "1.31"');
      }
      expect(readFileSync(join(root, 'eks/variables.tf'), 'utf8')).toBe(variables);
      if (terraformAvailable) execFileSync('terraform', ['fmt', '-check', '-write=false', '-list=false', '-recursive', join(root, 'eks')]);
      await expectOnlyManualLeft(root, plan, '1.31', ['.']);
    }, 240_000);
  }
});

describe('the bundled example estate', () => {
  for (const strategy of ['in-place', 'nodegroup-blue-green']) {
    it(`carries out the ${strategy} plan to 1.31 as written`, async () => {
      const root = join(work, `example-${strategy}`);
      cpSync(join(ROOT, 'examples/estate'), root, { recursive: true });
      const plan = await carryOutPlan(root, ['.', '--target', '1.31', '--strategy', strategy], ['cluster-autoscaler', 'aws-load-balancer-controller', 'ingress-nginx', 'metrics-server', 'istio-base', 'istiod']);
      expect(plan.environments.find((env) => env.name === 'lab')?.cluster).toBe('acme-lab');
      if (terraformAvailable) execFileSync('terraform', ['fmt', '-check', '-write=false', '-list=false', '-recursive', join(root, 'infra/terraform')]);
      await expectOnlyManualLeft(root, plan, '1.31', ['.']);
    }, 400_000);
  }
});

describe('GitOps estates and lines every environment reaches', () => {
  // Each line that pins an add-on moves from its own version, one release after another, and
  // never back: ApplicationSet overrides, Flux releases, a root module of add-ons beside two clusters.
  it.each(['test/fixtures/addons/argo-appsets.yaml', 'test/fixtures/flux', 'test/fixtures/plan-shared'])('carries out the edits of the plan for %s as written', async (fixture) => {
    const root = join(work, fixture.replaceAll('/', '-'));
    mkdirSync(root, { recursive: true });
    cpSync(join(ROOT, fixture), join(root, fixture), { recursive: true });
    const run = await upshift(root, ['plan', fixture, '--current', '1.30', '--target', '1.33', '--strategy', 'in-place', '-o', 'json', '--fail-on', 'none', '--no-progress']);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as Plan;
    const edits = plan.environments.flatMap((env) => env.steps.flatMap((step) => (applyEdits(root, step), step.edits)));
    expect(edits.length).toBeGreaterThan(4);
  }, 120_000);
});
