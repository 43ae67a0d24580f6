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
    expect(plan.environments.map((env: { name: string; cluster: string; hops: string[] }) => [env.name, env.cluster, env.hops])).toEqual([['default', 'default', ['1.28→1.30']]]);
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
