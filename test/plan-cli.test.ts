// `upshift plan` end to end on the example estate: stdout, stderr and exit codes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runUpshift } from './support/run-upshift.js';

// The estate without its infrastructure code, so that environments come from --env/--current.
const NO_INFRA = ['examples/estate/apps', 'examples/estate/platform', 'examples/estate/rendered', 'examples/estate/kustomize'];

const upshift = (args: string[]) => runUpshift(args);

describe('upshift plan', () => {
  it('shows a two-version jump as two in-place hops and one cluster migration, in CLI.md JSON', async () => {
    const run = await upshift(['plan', ...NO_INFRA, '--current', '1.28', '--target', '1.30', '--start', '2026-11-23', '-o', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const plan = JSON.parse(run.stdout);
    expect(Object.keys(plan)).toEqual(['current', 'target', 'platform', 'chosen', 'strategies', 'signals', 'startDate', 'schedule', 'environments', 'knowledgeDate']);
    expect(plan.schedule).toEqual({ days: ['mon', 'tue', 'wed', 'thu'], hours: '09:00-17:00', soakHours: 24 });
    expect(plan.strategies.map((s: { name: string; hops: number; recommended: boolean; scores: object }) => [s.name, s.hops, s.recommended, s.scores])).toEqual([
      ['in-place', 2, false, { serviceImpact: 3, workCost: 4, rollback: 1, versionsPerUpgrade: 1, duration: 3 }],
      ['nodegroup-blue-green', 2, false, { serviceImpact: 3, workCost: 1, rollback: 3, versionsPerUpgrade: 1, duration: 3 }],
      ['cluster-migration', 1, true, { serviceImpact: 4, workCost: 2, rollback: 4, versionsPerUpgrade: 5, duration: 3 }],
    ]);
    expect(plan.environments.map((env: { name: string; cluster: string; hops: string[] }) => [env.name, env.cluster, env.hops])).toEqual([['default', '<cluster-name>', ['1.28→1.30']]]);
    expect(plan.environments[0].steps[0]).toEqual({
      order: 1, hop: '1.28→1.30', phase: 'before', kind: 'precheck', title: 'Back up default and check the manifests against 1.30', edits: [],
      commands: [`upshift check ${NO_INFRA.join(' ')} --current 1.28 --target 1.30`, 'velero backup create default-before-1-30 --snapshot-volumes'], resolves: [], minutes: 20, rollback: 'Nothing has changed yet.',
    });
    // Every error finding is cleared by a step or left to a person.
    const check = JSON.parse((await upshift(['check', ...NO_INFRA, '--current', '1.28', '--target', '1.30', '-o', 'json', '--fail-on', 'none'])).stdout);
    const covered = new Set([...plan.environments[0].manual, ...plan.environments[0].steps.flatMap((step: { resolves: object[] }) => step.resolves)].map((ref: { id: string; path: string; line?: number }) => `${ref.id} ${ref.path}:${ref.line}`));
    const errors = check.findings.filter((finding: { severity: string }) => finding.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((finding: { id: string; origin?: { path: string; line: number } }) => !covered.has(`${finding.id} ${finding.origin?.path ?? 'unknown origin'}:${finding.origin?.line}`))).toEqual([]);
  });

  it('follows --strategy in-place hop by hop, migrating flowcontrol objects as part of the first hop', async () => {
    const run = await upshift(['plan', ...NO_INFRA, '--current', '1.28', '--target', '1.30', '--strategy', 'in-place', '--env', 'prod,dev', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Strategy: **in-place** (chosen with --strategy; the advisor recommends **cluster-migration**).');
    expect(run.stdout.match(/^## \d\. .*$/gm)).toEqual(['## 1. dev: 1.28 → 1.30', '## 2. prod: 1.28 → 1.30']);
    expect(run.stdout.match(/^### .*$/gm)).toEqual(['### Hop 1.28→1.29', '### Hop 1.29→1.30', '### For a person to decide (19)', '### Hop 1.28→1.29', '### Hop 1.29→1.30', '### For a person to decide (19)']);
    expect(run.stdout).toContain('26. [ ] **Migrate 3 objects with upshift fix right after the 1.28→1.29 control-plane update (their replacement API is not served before it)** (api-migration, during, ~30 min)\n   - Run `upshift fix examples/estate/platform/cluster/api-priority-fairness.yaml --target 1.29 --write`');
    expect(run.stdout).toContain('   - Run `aws eks update-cluster-version --name prod --kubernetes-version 1.29`');
    expect(run.stdout).toContain('```mermaid\ngantt\n');
  });

  it('takes simulate\'s own JSON when the rollout fails, and shows the failure', async () => {
    const work = mkdtempSync(join(tmpdir(), 'upshift-sim-'));
    try {
      const simulated = await upshift(['simulate', 'examples/estate/apps', '-o', 'json']);
      expect(JSON.parse(simulated.stdout).nodeGroups[0].failed).toBe(true);
      writeFileSync(join(work, 'sim.json'), simulated.stdout);
      const markdown = await upshift(['plan', '--current', '1.29', '--target', '1.30', '--strategy', 'in-place', '--env', 'prod', '--simulation', join(work, 'sim.json'), '--fail-on', 'none']);
      expect(markdown.stderr).toBe('');
      expect(markdown.stdout).toContain('(simulated: the rollout fails, see below)');
      expect(markdown.stdout).toContain('   - simulated blocker: payments/payments-0 (PDB payments/payments) PodEvictionFailure: PDB payments/payments needs 3 healthy pods and has 3');
      const html = await upshift(['plan', '--current', '1.29', '--target', '1.30', '--strategy', 'in-place', '--env', 'prod', '--simulation', join(work, 'sim.json'), '-o', 'html', '--fail-on', 'none']);
      expect(html.stdout).toContain('<span class="badge error">fails</span>');
      expect(html.stdout).toContain('never drained');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('exits 3 on error findings under the default --fail-on, printing the plan anyway', async () => {
    const run = await upshift(['plan', 'examples/estate', '--current', '1.28']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^# Upgrade plan: 1\.28 → /);
    expect(run.stderr).toBe('');
  });

  it('uses a simulation for node-group times and draws it in HTML', async () => {
    const run = await upshift(['plan', '--current', '1.29', '--target', '1.30', '--strategy', 'in-place', '--simulation', 'test/fixtures/plan/simulation.json', '-o', 'html', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<!doctype html>/);
    expect(run.stdout).toContain('<section id="rollout"><h2>Simulated rollout</h2>');
    expect(run.stdout).toContain('general: 3 nodes, maxUnavailable 1, 25 min');
    expect(run.stdout).not.toMatch(/<(link|script) [^>]*src=|https?:\/\/(?!www\.w3\.org)/);
  });

  it.each([
    [['plan', '--target', '1.30'], 'upshift: no current version: pass --current X.Y (no cluster version was found in Terraform, eksctl or CloudFormation)'],
    [['plan', '--current', '1.28', '--start', '2026-02-30'], 'upshift: --start "2026-02-30" is not a date; expected YYYY-MM-DD'],
    [['plan', '--current', '1.28', '--strategy', 'yolo'], "error: option '--strategy <name>' argument 'yolo' is invalid. Allowed choices are auto, in-place, nodegroup-blue-green, cluster-migration."],
    [['plan', '--current', '1.28', '--simulation', 'no/such.json'], 'upshift: --simulation no/such.json: cannot read the file; give the output of `upshift simulate -o json`'],
    [['plan', '--current', '1.28', '--simulation', 'test/fixtures/plan/bad-simulation.json'], 'upshift: --simulation test/fixtures/plan/bad-simulation.json: nodeGroups.0.nodes: '],
    [['plan', '--current', '1.28', '--simulation', 'package.json'], 'upshift: --simulation package.json: nodeGroups: '],
    [['plan', '--current', '1.28', '-o', 'table'], "error: option '-o, --output <format>' argument 'table' is invalid. Allowed choices are markdown, json, html."],
  ])('exits 1 with a message for %j', async (args, message) => {
    const run = await upshift(args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('upshift plan on the EKS module as its own examples call it', () => {
  const V21 = 'test/fixtures/terraform/eks-module-addons';
  const V20 = 'test/fixtures/terraform/eks-module-v20';
  type Step = { kind: string; title: string; commands: string[]; items?: string[] };
  const planOf = async (args: string[]) => {
    const run = await upshift(['plan', ...args, '--strategy', 'in-place', '-o', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout).environments[0] as { cluster: string; steps: Step[]; manual: object[] };
  };

  it('moves the add-ons without addon_version in the control plane\'s apply, with no step, check note or manual item of their own', async () => {
    const check = JSON.parse((await upshift(['check', V21, V20, '--target', '1.33', '-o', 'json', '--fail-on', 'none'])).stdout);
    expect(check.findings.filter((finding: { id: string }) => finding.id === 'addon-unknown' || finding.id === 'kube-proxy-skew').map((finding: { message: string }) => finding.message)).toEqual([
      'aws-ebs-csi-driver 1.40.0-eksbuild.1 (EKS add-on aws-ebs-csi-driver v1.40.0-eksbuild.1): no compatibility matrix is in the knowledge base (No compatibility table is published (https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/install.md)); check its release notes for 1.33 and add a compatibility row with --data',
      // A plain aws_eks_addon without addon_version does not move: Terraform sees no diff.
      'aws-ebs-csi-driver (EKS add-on aws-ebs-csi-driver): its version cannot be read; pin an explicit version so that upshift (and you) can tell what runs',
    ]);
    const env = await planOf([V21, '--target', '1.35']);
    expect(env.steps.filter((step) => step.kind === 'addon-upgrade')).toEqual([]);
    expect(env.steps.filter((step) => step.kind === 'control-plane').map((step) => step.items?.at(-1))).toEqual(['1.34', '1.35'].map((to) =>
      `This apply also moves the EKS add-ons coredns, kube-proxy to the most recent version EKS lists for ${to}, and vpc-cni to the version EKS names as the default for ${to}, right after the control plane: the code sets no addon_version, so each apply looks one up for the cluster's version.`));
  });

  it('prints a placeholder and a manual item for a cluster name it cannot compute, and reads one from the root module\'s output after selecting the state', async () => {
    const v21 = await planOf([V21, '--target', '1.34']);
    expect(v21.cluster).toBe('<cluster-name>');
    expect(v21.steps[0].commands.slice(1)).toEqual([
      // In the region of the code's own aws provider, not the profile's.
      'aws eks list-insights --region eu-west-1 --cluster-name <cluster-name> --filter kinds=UPGRADE_READINESS',
      'aws ec2 describe-subnets --region eu-west-1 --subnet-ids $(aws eks describe-cluster --region eu-west-1 --name <cluster-name> --query \'cluster.resourcesVpcConfig.subnetIds\' --output text) --query \'Subnets[].AvailableIpAddressCount\'',
    ]);
    expect(v21.steps.find((step) => step.kind === 'verify')!.commands[0]).toBe('aws eks update-kubeconfig --region eu-west-1 --name <cluster-name>');
    expect(v21.steps[1].title).toBe(`Update the ${V21} control plane from 1.33 to 1.34`);
    expect(v21.manual).toEqual([{
      id: 'cluster-name', path: `${V21}/main.tf`, line: 22,
      why: 'the commands need the cluster\'s name, which the code sets with `name = local.name` from values upshift cannot read, and no output of the root module holds it: replace <cluster-name> in the commands with the cluster\'s name, or add output "cluster_name" { value = module.eks.cluster_name } and plan again',
    }]);
    const v20 = await planOf([V20, '--target', '1.32']);
    const name = `"$(terraform -chdir=${V20} output -raw eks_cluster_name)"`;
    expect(v20.cluster).toBe(name);
    expect(v20.manual).toEqual([]);
    expect(v20.steps[0].commands.slice(1)).toEqual([
      `terraform -chdir=${V20} init`,
      `aws eks list-insights --cluster-name ${name} --filter kinds=UPGRADE_READINESS`,
      `aws ec2 describe-subnets --subnet-ids $(aws eks describe-cluster --name ${name} --query 'cluster.resourcesVpcConfig.subnetIds' --output text) --query 'Subnets[].AvailableIpAddressCount'`,
    ]);
    expect(v20.steps.find((step) => step.kind === 'verify')!.commands[0]).toBe(`aws eks update-kubeconfig --name ${name}`);
  });

  it('upgrades one cluster of a root module that declares several, says which others its apply moves, and leaves the rest to a person', async () => {
    const TWO = 'test/fixtures/terraform/two-clusters';
    const env = await planOf([TWO, '--target', '1.33']);
    expect(env.steps.map((step) => step.title)).toEqual([
      'Pre-checks for 1.32→1.33',
      `Update the ${TWO} control plane (shop-blue) from 1.32 to 1.33`,
      // module.green's node group of the same name is not this cluster's.
      'Roll node group general (2 nodes) from 1.32 to 1.33 with maxUnavailable 33%: ~16 min',
      `Verify ${TWO} at 1.33: nodes, pods, error rates`,
    ]);
    expect(env.steps[1].items).toContain('This apply also updates the control plane of module.auto, whose version is set by the same line, and rolls its node groups: this plan does not check or verify that cluster separately.');
    expect(env.manual).toEqual([{
      id: 'other-cluster', path: `${TWO}/main.tf`, line: 26,
      why: `module.green is another EKS cluster of this root module: this plan upgrades module.blue and not its control plane, node groups or add-ons; upgrade it the same way, one minor per apply, at ${TWO}/main.tf:26`,
    }]);
  });

  it('checks the nodes of a cluster whose code declares no managed node group, changing nothing behind the code', async () => {
    const env = await planOf(['test/fixtures/terraform/auto-mode', '--target', '1.34']);
    const nodes = env.steps.find((step) => step.kind === 'node-group')!;
    expect(nodes.title).toBe('Check that the nodes of test/fixtures/terraform/auto-mode reach 1.34');
    expect(nodes.commands).toEqual(['aws eks update-kubeconfig --name shop-auto', 'kubectl get nodes -L eks.amazonaws.com/nodegroup,karpenter.sh/nodepool,eks.amazonaws.com/compute-type']);
    expect(env.steps.flatMap((step) => step.commands).filter((command) => /update-nodegroup/.test(command))).toEqual([]);
  });

  it('advises a larger maxUnavailable only where it shortens the roll', async () => {
    // 2 nodes under the module's default 33%: one at a time either way; 6 nodes under max_unavailable 1: 30% is one too.
    for (const [path, target] of [[V21, '1.34'], [V20, '1.32']]) {
      const roll = (await planOf([path, '--target', target])).steps.find((step) => step.kind === 'node-group')!;
      expect(roll.items?.filter((item) => /maxUnavailable|max_unavailable|shorten/.test(item))).toEqual([]);
    }
  });
});
