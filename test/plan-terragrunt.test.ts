// A Terragrunt estate (test/fixtures/terragrunt: live/ENV/eks/terragrunt.hcl units applying
// modules/eks with their own inputs, kube-proxy and the cluster-autoscaler chart pinned by literals
// in the module every unit shares): each terragrunt.hcl is an environment, the plan runs
// `terragrunt apply` in the unit's directory, edits the unit's inputs, and turns the shared
// literals into module variables that each unit sets in its own window. Carried out on a copy,
// every apply installs, for its environment, what the skew rules allow.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { appVersionOfChart } from '../src/addons/detect.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { applyCommands, deleteClusterCommands } from '../src/plan/tooling.js';
import { PLAN_KINDS } from '../src/plan/signals.js';
import { runScan } from '../src/run-check.js';
import { readTerraform } from '../src/sources/terraform/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'plan-terragrunt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const knowledge = loadKnowledge();
const minor = (version: string) => semver.coerce(version)!.minor;

/** What an apply of `env` installs, read from the unit's inputs and the module as they are now. */
async function installed(root: string, env: string): Promise<{ controlPlane: string; kubeProxy: string; autoscaler: string }> {
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => /\.tf$|terragrunt\.hcl$/.test(file)).map((file) => join(root, file));
  const contents = await readTerraform(files, { cwd: root, objectKinds: new Set(), environments: [env] });
  expect(contents.findings).toEqual([]);
  const chart = contents.charts.find((entry) => entry.env === env)!;
  return {
    controlPlane: contents.environments.find((entry) => entry.name === env)!.clusterVersion!,
    kubeProxy: contents.eksAddons.find((entry) => entry.env === env && entry.name === 'kube-proxy')!.version!,
    autoscaler: appVersionOfChart(knowledge.addons.get('cluster-autoscaler')!, chart.version!)!,
  };
}

describe('a Terragrunt estate', () => {
  for (const strategy of ['in-place', 'nodegroup-blue-green'] as const) {
    it(`is planned unit by unit and carried out as written (${strategy})`, async () => {
      const root = join(scratch, strategy);
      cpSync('test/fixtures/terragrunt', root, { recursive: true });
      const scan = await runScan({ paths: ['.'], cwd: root, target: '1.31', keepKinds: PLAN_KINDS, helmBinary: 'none', now: new Date('2026-11-23T00:00:00Z') });
      expect(scan.inventory.environments.map((env) => [env.name, env.clusterVersion, env.terraform])).toEqual([
        ['dev', '1.29', { directory: 'modules/eks', varFile: 'live/dev/eks/terragrunt.hcl' }],
        ['prod', '1.28', { directory: 'modules/eks', varFile: 'live/prod/eks/terragrunt.hcl' }],
      ]);
      const plan = buildPlan({ inventory: scan.inventory, findings: scan.report.findings, platform: scan.context.platform, target: '1.31', strategy, paths: ['.'], startDate: '2026-11-23', knowledge: scan.context.knowledge, cwd: root });
      expect(plan.environments.map((env) => [env.name, env.cluster])).toEqual([['dev', 'acme-dev'], ['prod', 'acme-prod']]);
      const problems: string[] = [];
      for (const env of plan.environments) {
        const commands = new Set(env.steps.flatMap((step) => step.commands).filter((command) => /terra/.test(command)));
        expect([...commands]).toEqual([`(cd live/${env.name}/eks && terragrunt apply)`]);
        for (const step of env.steps) {
          for (const edit of step.edits) {
            const path = join(root, edit.file);
            const lines = readFileSync(path, 'utf8').split('\n');
            expect(lines[edit.line - 1], `${env.name} step ${step.order}: ${edit.file}:${edit.line}`).toBe(edit.from);
            lines.splice(edit.line - 1, 1, ...edit.to.split('\n'));
            writeFileSync(path, lines.join('\n'));
          }
          if (!step.commands.some((command) => command.includes('terragrunt apply'))) continue;
          // The apply installs what the files say for this unit now, whatever another unit's window changed.
          const now = await installed(root, env.name);
          const behind = minor(now.controlPlane) - minor(now.kubeProxy);
          if (behind < 0 || behind > 3) problems.push(`${env.name} step ${step.order}: kube-proxy ${now.kubeProxy} on ${now.controlPlane}`);
          if (minor(now.autoscaler) > minor(now.controlPlane)) problems.push(`${env.name} step ${step.order}: cluster-autoscaler ${now.autoscaler} on ${now.controlPlane}`);
        }
      }
      expect(problems).toEqual([]);
      for (const env of ['dev', 'prod']) expect(await installed(root, env)).toEqual({ controlPlane: '1.31', kubeProxy: 'v1.31.14-eksbuild.20', autoscaler: '1.31.0' });
      // The values went into each unit's inputs; the shared literals became module variables.
      expect(readFileSync(join(root, 'live/prod/eks/terragrunt.hcl'), 'utf8').split('\n').slice(8)).toEqual([
        'inputs = {',
        '  environment     = "prod"',
        '  cluster_version = "1.31" # EKS 1.31',
        '',
        '  kube_proxy_addon_version = "v1.31.14-eksbuild.20"',
        '',
        '  cluster_autoscaler_chart_version = "9.44.0"',
        '}',
        '',
      ]);
      expect(readFileSync(join(root, 'modules/eks/main.tf'), 'utf8')).toContain('  addon_version = var.kube_proxy_addon_version\n');
      expect(readFileSync(join(root, 'modules/eks/variables.tf'), 'utf8')).toContain('variable "kube_proxy_addon_version" {');
    });
  }
});

describe('a module Terragrunt wraps (its own terragrunt.hcl, one tfvars file per environment)', () => {
  it('runs the same Terraform arguments through terragrunt in the module directory', () => {
    const root = join(scratch, 'wrapped');
    mkdirSync(join(root, 'infra/env'), { recursive: true });
    writeFileSync(join(root, 'infra/terragrunt.hcl'), 'remote_state {\n  backend = "s3"\n}\n');
    writeFileSync(join(root, 'infra/main.tf'), '');
    writeFileSync(join(root, 'infra/env/dev.tfvars'), 'cluster_version = "1.29"\n');
    const env = { name: 'dev', current: '1.29', nodeGroups: [], origin: { type: 'terraform' as const, path: 'infra/env/dev.tfvars', line: 1 }, terraform: { directory: 'infra', varFile: 'infra/env/dev.tfvars' } };
    expect(applyCommands(env, root)).toEqual(['(cd infra && terragrunt init)', '(cd infra && terragrunt workspace select dev)', '(cd infra && terragrunt apply -var-file=env/dev.tfvars)']);
    expect(deleteClusterCommands(env, root)).toEqual(['(cd infra && terragrunt init)', '(cd infra && terragrunt workspace select dev)', '(cd infra && terragrunt destroy -var-file=env/dev.tfvars)']);
    // A unit's own terragrunt.hcl: applied (and destroyed) from its directory.
    const unit = { ...env, terraform: { directory: 'modules/eks', varFile: 'live/dev/eks/terragrunt.hcl' } };
    expect(applyCommands(unit, root)).toEqual(['(cd live/dev/eks && terragrunt apply)']);
    expect(deleteClusterCommands(unit, root)).toEqual(['(cd live/dev/eks && terragrunt destroy)']);
  });
});
