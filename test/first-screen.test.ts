// One finding per problem per place, and a first screen that says what to do first (CLI.md):
// the built binary on the example estate and on a six-environment Terraform estate.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runUpshift } from './support/run-upshift.js';



const upshift = (args: string[]) => runUpshift(args);

interface Finding {
  id: string;
  severity: string;
  message: string;
  resource?: Record<string, string>;
  origin?: { type: string; path?: string; line?: number; column?: number; context?: string; release?: string; namespace?: string; env?: string };
  environments?: string[];
  details?: Record<string, unknown>;
}

// The id families of src/report/one-per-place.ts.
const FAMILY: Record<string, string> = { 'addon-upgrade-first': 'addon', 'addon-incompatible': 'addon', 'support-ended': 'support', 'support-ending': 'support', 'api-removed': 'api', 'api-deprecated': 'api', 'field-removed': 'field', 'field-deprecated': 'field' };

/** Keys shared by more than one finding: id family, resource, origin place (and the field or add-on judged there). */
function sharedPlaces(findings: Finding[]): string[] {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const origin = finding.origin ?? { type: '' };
    const key = JSON.stringify([FAMILY[finding.id] ?? finding.id, finding.resource ?? null, origin.type, origin.path ?? origin.context ?? origin.release ?? null, origin.line ?? null, origin.column ?? null, finding.details?.field ?? null, finding.details?.addon ?? null]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([key]) => key);
}

/** A Terraform root module applied to six environments (env-vars/NAME.tfvars), with one cluster-autoscaler release. */
function sixEnvironmentEstate(): string {
  const directory = mkdtempSync(join(tmpdir(), 'upshift-six-'));
  writeFileSync(
    join(directory, 'main.tf'),
    `variable "environment" {
  type = string
}

variable "cluster_version" {
  type = string
}

module "eks" {
  source          = "terraform-aws-modules/eks/aws"
  version         = "~> 19.21"
  cluster_name    = "shop-\${var.environment}"
  cluster_version = var.cluster_version

  eks_managed_node_groups = {
    general = {
      ami_type     = "AL2023_x86_64_STANDARD"
      desired_size = 3
    }
  }
}

resource "helm_release" "cluster_autoscaler" {
  name       = "cluster-autoscaler"
  namespace  = "kube-system"
  repository = "https://kubernetes.github.io/autoscaler"
  chart      = "cluster-autoscaler"
  version    = "9.29.0"
}
`,
  );
  mkdirSync(join(directory, 'env-vars'));
  for (const env of ['dev', 'lab', 'staging', 'staging-2', 'work', 'production']) {
    writeFileSync(join(directory, 'env-vars', `${env}.tfvars`), `environment     = "${env}"\ncluster_version = "${env === 'dev' ? '1.29' : '1.28'}"\n`);
  }
  return directory;
}

describe('one finding per problem per place', () => {
  it('gives cluster-autoscaler at one helm_release of six environments one finding listing them, with each one\'s hops in details', async () => {
    const run = await upshift(['check', sixEnvironmentEstate(), '--target', '1.31', '-o', 'json']);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as { findings: Finding[]; summary: Record<string, number> };
    const autoscaler = report.findings.filter((finding) => finding.details?.addon === 'cluster-autoscaler');
    expect(autoscaler.map((finding) => [finding.id, finding.origin?.line, finding.origin?.env, finding.environments])).toEqual([
      ['addon-upgrade-first', 23, undefined, ['dev', 'lab', 'production', 'staging', 'staging-2', 'work']],
    ]);
    const perEnvironment = autoscaler[0].details!.byEnvironment as Record<string, { current: string; upgrades: { hop: string }[] }>;
    // Before its first hop to the control plane's own minor; after that it follows each hop.
    expect(perEnvironment.dev.upgrades.map((upgrade) => upgrade.hop)).toEqual(['1.29→1.30']);
    expect(perEnvironment.production.upgrades.map((upgrade) => upgrade.hop)).toEqual(['1.28→1.29']);
    expect(autoscaler[0].message).toBe('cluster-autoscaler 1.27 supports Kubernetes only 1.27 (it does not support the current 1.28 either) and must run the same minor as the control plane: upgrade it to 1.28.x before the 1.28→1.29 control-plane hop; then to 1.29.x right after 1.28→1.29; then to 1.30.x right after 1.29→1.30; then to 1.31.x right after 1.30→1.31 (in lab, production, staging, staging-2, work; dev differs: see details.byEnvironment)');
    // One support-ended per environment: each is at its own tfvars line.
    expect(report.findings.map((finding) => finding.id).sort()).toEqual(['addon-upgrade-first', ...Array(6).fill('support-ended')]);
    expect(report.summary).toEqual({ error: 7, warning: 0, info: 0 });
    expect(sharedPlaces(report.findings)).toEqual([]);
  });

  it('leaves no two findings of the example estate with the same id family, resource and place', async () => {
    const run = await upshift(['check', 'examples/estate', '--fail-on', 'none', '-o', 'json']);
    const report = JSON.parse(run.stdout) as { findings: Finding[]; summary: Record<string, number> };
    expect(sharedPlaces(report.findings)).toEqual([]);
    expect(report.findings.filter((finding) => finding.environments).length).toBe(12);
    expect(report.summary.error + report.summary.warning + report.summary.info).toBe(report.findings.length);
  });
});

describe('the first screen', () => {
  it('opens with what is due before each hop, support deadlines first, in no line wider than 100 columns', async () => {
    const run = await upshift(['check', 'examples/estate', '--fail-on', 'none']);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual(['upshift: eks 1.28 → 1.36', '', expect.stringMatching(/^What to do, most urgent first \(\d+ problems\):$/), '  Support deadlines: 8 clusters past their end of support']);
    expect(lines.findIndex((line) => line.startsWith('  Before 1.28→1.29: '))).toBe(5);
    expect(lines.filter((line) => [...line].length > 100)).toEqual([]);
    // The sections follow the summary in its order: the support deadlines' findings come first.
    expect(lines.find((line) => /^(error|warning|info) /.test(line))).toMatch(/^error +support-ended /);
  });

  it('prints only errors with --only-errors, and the summary and exit code follow', async () => {
    const all = JSON.parse((await upshift(['check', 'examples/estate', '--fail-on', 'none', '-o', 'json'])).stdout) as { findings: Finding[] };
    const run = await upshift(['check', 'examples/estate', '--only-errors', '--fail-on', 'warning', '-o', 'json']);
    const errors = JSON.parse(run.stdout) as { findings: Finding[]; summary: Record<string, number> };
    expect(errors.findings).toEqual(all.findings.filter((finding) => finding.severity === 'error'));
    expect(errors.summary).toEqual({ error: errors.findings.length, warning: 0, info: 0 });
    expect(run.code).toBe(3);
    const warnings = await upshift(['check', 'test/fixtures/cli/deprecated.yaml', '--target', '1.34', '--min-severity', 'error', '--fail-on', 'warning']);
    expect(warnings).toEqual({ code: 0, stdout: 'upshift: eks → 1.34\n\nNo findings: no check reported anything for eks 1.34.\nknowledge dated 2026-11-01\n', stderr: '' });
    const both = await upshift(['check', 'examples/estate', '--only-errors', '--min-severity', 'warning']);
    expect(both).toEqual({ code: 1, stdout: '', stderr: "error: option '--only-errors' cannot be used with option '--min-severity <level>'\n(run with --help for usage)\n" });
  });
});
