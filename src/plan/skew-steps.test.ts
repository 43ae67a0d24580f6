import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { loadKnowledge } from '../knowledge/load.js';
import { amiFamilyReplacements, drainFixes, nodeGroupCatchUp } from './skew-steps.js';
import type { StepContext } from './steps.js';

const dir = mkdtempSync(join(tmpdir(), 'skew-steps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const knowledge = loadKnowledge();

function context(findings: Finding[], editedBefore = new Set<string>()): StepContext {
  return {
    env: { name: 'staging', current: '1.29', origin: { type: 'terraform', path: 'infra/staging.tfvars', line: 2 }, nodeGroups: [
      { name: 'general', version: '1.26', amiType: 'AL2_x86_64', desiredSize: 3, origin: { type: 'terraform', path: 'infra/main.tf', line: 40 } },
      { name: 'gpu', version: '1.29', amiType: 'AL2_x86_64_GPU', desiredSize: 1 },
    ] },
    target: '1.33', findings, inventory: { resources: [], charts: [], eksAddons: [], environments: [] }, applications: [], paths: ['.'],
    signals: {} as StepContext['signals'], knowledge, editedBefore,
  };
}

const blocker = (path: string, line: number, name: string): Finding => ({
  id: 'pdb-blocks-eviction', severity: 'error', message: `PDB ${name} allows no voluntary disruption; set maxUnavailable: 1`,
  resource: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', namespace: 'shop', name }, origin: { type: 'file', path, line, column: 1 },
});

describe('steps that keep the skew rules before a hop', () => {
  it('rolls a node group the hop would leave four minors behind to the current version first', () => {
    const versions = new Map([['general', '1.26'], ['gpu', '1.29']]);
    const steps = nodeGroupCatchUp(context([]), '1.29→1.30', versions, new Map());
    expect(steps.map((step) => [step.title, step.result])).toEqual([
      ['Roll node group general from 1.26 to 1.29 before 1.29→1.30: at 1.30 the control plane would be 4 minors ahead of its kubelets (at most 3 allowed)', { component: 'node-group', name: 'general', version: '1.29' }],
    ]);
    expect(versions.get('general')).toBe('1.29');
    expect(nodeGroupCatchUp(context([]), '1.30→1.31', versions, new Map())).toEqual([]);
  });

  it('replaces Amazon Linux 2 node groups before the hop past 1.32 only, with the AMI type that follows each', () => {
    const amiTypes = new Map<string, string | undefined>([['general', 'AL2_x86_64'], ['gpu', 'AL2_x86_64_GPU']]);
    const versions = new Map([['general', '1.32'], ['gpu', '1.32']]);
    expect(amiFamilyReplacements(context([]), '1.31→1.32', versions, new Map(), amiTypes)).toEqual([]);
    const steps = amiFamilyReplacements(context([]), '1.32→1.33', versions, new Map(), amiTypes);
    expect(steps.map((step) => [step.change?.from, step.change?.to, step.result?.amiType])).toEqual([
      ['AL2_x86_64', 'AL2023_x86_64_STANDARD', 'AL2023_x86_64_STANDARD'],
      ['AL2_x86_64_GPU', 'AL2023_x86_64_NVIDIA', 'AL2023_x86_64_NVIDIA'],
    ]);
    expect(steps[1].change?.command).toBe('terraform apply -var-file=infra/staging.tfvars');
    const unmanaged = { ...context([]), env: { ...context([]).env, origin: undefined, nodeGroups: [{ name: 'gpu', version: '1.32', amiType: 'AL2_x86_64_GPU' }] } };
    expect(amiFamilyReplacements(unmanaged, '1.32→1.33', new Map([['gpu', '1.32']]), new Map(), new Map([['gpu', 'AL2_x86_64_GPU']]))[0].change?.command).toBe(
      'aws eks create-nodegroup --cluster-name staging --nodegroup-name gpu-al2023 --kubernetes-version 1.32 --ami-type AL2023_x86_64_NVIDIA --node-role <node-role-arn> --subnets <subnet-ids>',
    );
    expect(amiTypes.get('general')).toBe('AL2023_x86_64_STANDARD');
  });

  it('gives each drain blocker a step, with the budget line to change in YAML and in Terraform', () => {
    const yaml = join(dir, 'pdb.yaml');
    writeFileSync(yaml, 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n  maxUnavailable: "0%"\n');
    const hcl = join(dir, 'pdb.tf');
    writeFileSync(hcl, 'resource "kubernetes_pod_disruption_budget_v1" "db" {\n  metadata {\n    name = "db"\n  }\n  spec {\n    min_available = 1\n  }\n}\n');
    const findings = [blocker(yaml, 1, 'web'), blocker(yaml, 8, 'api'), { ...blocker(hcl, 1, 'db'), origin: { type: 'terraform' as const, path: hcl, line: 1 } }, blocker(join(dir, 'gone.yaml'), 3, 'gone')];
    expect(drainFixes(context(findings), '1.29→1.30').map((step) => step.change)).toEqual([
      { file: yaml, line: 6, from: 'minAvailable: 2', to: 'maxUnavailable: 1' },
      { file: yaml, line: 13, from: 'maxUnavailable: "0%"', to: 'maxUnavailable: 1' },
      { file: hcl, line: 6, from: 'min_available = 1', to: 'max_unavailable = 1' },
      { file: join(dir, 'gone.yaml'), line: 3 },
    ]);
  });

  it('edits a file every environment shares once, in the first environment that reaches it', () => {
    const yaml = join(dir, 'shared.yaml');
    writeFileSync(yaml, 'kind: PodDisruptionBudget\nspec:\n  maxUnavailable: 0\n');
    const edited = new Set<string>();
    const [first] = drainFixes(context([blocker(yaml, 1, 'web')], edited), '1.29→1.30');
    const [second] = drainFixes(context([blocker(yaml, 1, 'web')], edited), '1.30→1.31');
    expect(first.change).toEqual({ file: yaml, line: 3, from: 'maxUnavailable: 0', to: 'maxUnavailable: 1' });
    expect([second.change, second.title]).toEqual([undefined, 'Deploy the drain fix for PodDisruptionBudget shop/web (pdb-blocks-eviction) made in an earlier environment']);
  });
});
