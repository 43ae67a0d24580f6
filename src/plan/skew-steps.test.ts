import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { loadKnowledge } from '../knowledge/load.js';
import { Coverage } from './coverage.js';
import { EditSession } from './edits.js';
import { amiFamilyReplacements, drainFixes, nodeGroupCatchUp } from './skew-steps.js';
import type { StepContext } from './steps.js';

const dir = mkdtempSync(join(tmpdir(), 'skew-steps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const knowledge = loadKnowledge();
const tfvars = join(dir, 'staging.tfvars');
const main = join(dir, 'main.tf');
writeFileSync(tfvars, 'cluster_version = "1.29"\nnode_group_version = "1.26"\n');
writeFileSync(main, 'module "eks" {\n  eks_managed_node_groups = {\n    general = {\n      ami_type = "AL2_x86_64"\n    }\n  }\n}\n');
// The environment's state is selected by its backend file.
const init = `terraform -chdir=${dir} init`;
const apply = [init, `terraform -chdir=${dir} workspace select staging`, `terraform -chdir=${dir} apply -var-file=staging.tfvars`];

function context(findings: Finding[], session = new EditSession(dir)): StepContext {
  return {
    env: {
      name: 'staging', current: '1.29', origin: { type: 'terraform', path: tfvars, line: 1 }, terraform: { directory: dir, varFile: tfvars },
      nodeGroups: [
        { name: 'general', version: '1.26', amiType: 'AL2_x86_64', desiredSize: 3, origin: { type: 'terraform', path: main, line: 3 },
          versionSite: { path: tfvars, line: 2, value: '1.26' }, amiTypeSite: { path: main, line: 4, value: 'AL2_x86_64' } },
        { name: 'gpu', version: '1.29', amiType: 'AL2_x86_64_GPU', desiredSize: 1 },
      ],
    },
    target: '1.33', findings, inventory: { resources: [], charts: [], eksAddons: [], environments: [] }, applications: [], paths: ['.'],
    signals: {} as StepContext['signals'], knowledge, session, cwd: dir,
  };
}

const blocker = (path: string, line: number, name: string): Finding => ({
  id: 'pdb-blocks-eviction', severity: 'error', message: `PDB ${name} allows no voluntary disruption; set maxUnavailable: 1`,
  resource: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', namespace: 'shop', name }, origin: { type: 'file', path, line, column: 1 },
});

describe('steps that keep the skew rules before a hop', () => {
  it('rolls a node group the hop would leave four minors behind to the current version first, where its version is set', () => {
    const versions = new Map([['general', '1.26'], ['gpu', '1.29']]);
    const skew: Finding = { id: 'kubelet-skew', severity: 'error', message: 'general is 4 minors behind', origin: { type: 'terraform', path: main, line: 3 }, details: { nodeGroup: 'general' } };
    const coverage = new Coverage([skew]);
    const steps = nodeGroupCatchUp(context([skew]), '1.29→1.30', versions, new Map(), coverage);
    expect(steps.map((step) => [step.title, step.edits, step.commands, step.resolves, step.result])).toEqual([
      [
        'Roll node group general from 1.26 to 1.29 before 1.29→1.30: at 1.30 the control plane would be 4 minors ahead of its kubelets (at most 3 allowed)',
        [{ file: tfvars, line: 2, from: 'node_group_version = "1.26"', to: 'node_group_version = "1.29"' }],
        apply,
        [{ id: 'kubelet-skew', path: main, line: 3 }],
        { component: 'node-group', name: 'general', version: '1.29' },
      ],
    ]);
    expect(coverage.manualItems()).toEqual([]);
    expect(versions.get('general')).toBe('1.29');
    expect(nodeGroupCatchUp(context([]), '1.30→1.31', versions, new Map(), new Coverage([]))).toEqual([]);
  });

  it('replaces Amazon Linux 2 node groups before the hop past 1.32 only: an edit where the AMI type is set, else the manual', () => {
    const amiTypes = new Map<string, string | undefined>([['general', 'AL2_x86_64'], ['gpu', 'AL2_x86_64_GPU']]);
    const versions = new Map([['general', '1.32'], ['gpu', '1.32']]);
    expect(amiFamilyReplacements(context([]), '1.31→1.32', versions, new Map(), amiTypes, new Coverage([]))).toEqual([]);
    const al2 = (group: string): Finding => ({ id: 'al2-nodes', severity: 'error', message: `${group} runs AL2`, origin: { type: 'terraform', path: main, line: 3 }, details: { nodeGroup: group } });
    const coverage = new Coverage([al2('general'), al2('gpu')]);
    const steps = amiFamilyReplacements(context([al2('general'), al2('gpu')]), '1.32→1.33', versions, new Map(), amiTypes, coverage);
    expect(steps.map((step) => [step.edits, step.commands, step.resolves.map((ref) => ref.id), step.result?.amiType])).toEqual([
      [[{ file: main, line: 4, from: '      ami_type = "AL2_x86_64"', to: '      ami_type = "AL2023_x86_64_STANDARD"' }], apply, ['al2-nodes'], 'AL2023_x86_64_STANDARD'],
      [[], [], [], 'AL2023_x86_64_NVIDIA'],
    ]);
    expect(steps[1].items?.at(-1)).toBe('the AMI type of node group gpu was not traced to a line upshift can edit: set it to AL2023_x86_64_NVIDIA where the group is declared, then apply');
    expect(coverage.manualItems().map((item) => item.why)).toEqual([
      'the AMI type of node group gpu was not traced to a line upshift can edit: set it to AL2023_x86_64_NVIDIA where the group is declared before 1.32→1.33',
    ]);
    expect(amiTypes.get('general')).toBe('AL2023_x86_64_STANDARD');
  });

  it('replaces a node group no code declares with a copy on the new AMI type, then drains and deletes the old one', () => {
    const base = context([]);
    const unmanaged = { ...base, env: { ...base.env, origin: undefined, terraform: undefined, nodeGroups: [{ name: 'gpu', version: '1.32', amiType: 'AL2_x86_64_GPU' }] } };
    const names = new Map<string, string>();
    const steps = amiFamilyReplacements(unmanaged, '1.32→1.33', new Map([['gpu', '1.32']]), names, new Map([['gpu', 'AL2_x86_64_GPU']]), new Coverage([]));
    expect(steps.map((step) => [step.commands, step.result])).toEqual([
      [
        [`aws eks create-nodegroup --cli-input-json "$(aws eks describe-nodegroup --cluster-name staging --nodegroup-name gpu --query 'nodegroup.{clusterName:clusterName,nodeRole:nodeRole,subnets:subnets,scalingConfig:scalingConfig,instanceTypes:instanceTypes,labels:labels,capacityType:capacityType}' --output json)" --nodegroup-name gpu-al2023 --kubernetes-version 1.32 --ami-type AL2023_x86_64_NVIDIA`],
        { component: 'node-group', name: 'gpu-al2023', version: '1.32', amiType: 'AL2023_x86_64_NVIDIA' },
      ],
      [
        ['kubectl drain -l eks.amazonaws.com/nodegroup=gpu --ignore-daemonsets --delete-emptydir-data', 'aws eks delete-nodegroup --cluster-name staging --nodegroup-name gpu'],
        { component: 'node-group', name: 'gpu', version: null },
      ],
    ]);
    expect(names.get('gpu')).toBe('gpu-al2023');
  });

  it('gives each drain blocker with a literal budget a step rewriting it to maxUnavailable 1, in YAML and in Terraform; the rest go to the manual', () => {
    const yaml = join(dir, 'pdb.yaml');
    writeFileSync(yaml, 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n  maxUnavailable: "0%"\n');
    const hcl = join(dir, 'pdb.tf');
    writeFileSync(hcl, 'resource "kubernetes_pod_disruption_budget_v1" "db" {\n  metadata {\n    name = "db"\n  }\n  spec {\n    min_available = 1\n  }\n}\n');
    const templated = join(dir, 'templated.yaml');
    writeFileSync(templated, 'kind: PodDisruptionBudget\nspec:\n  minAvailable: {{ .Values.minAvailable }}\n');
    const findings = [
      blocker(yaml, 1, 'web'), blocker(yaml, 8, 'api'), { ...blocker(hcl, 1, 'db'), origin: { type: 'terraform' as const, path: hcl, line: 1 } },
      blocker(join(dir, 'gone.yaml'), 3, 'gone'), blocker(templated, 1, 'templated'),
    ];
    const coverage = new Coverage(findings);
    const steps = drainFixes(context(findings), '1.29→1.30', coverage);
    expect(steps.map((step) => [step.edits, step.commands, step.resolves])).toEqual([
      [[{ file: yaml, line: 6, from: '  minAvailable: 2', to: '  maxUnavailable: 1' }], [], [{ id: 'pdb-blocks-eviction', path: yaml, line: 1 }]],
      [[{ file: yaml, line: 13, from: '  maxUnavailable: "0%"', to: '  maxUnavailable: 1' }], [], [{ id: 'pdb-blocks-eviction', path: yaml, line: 8 }]],
      [[{ file: hcl, line: 6, from: '    min_available = 1', to: '    max_unavailable = 1' }], apply, [{ id: 'pdb-blocks-eviction', path: hcl, line: 1 }]],
    ]);
    expect(coverage.manualItems().map((item) => item.why)).toEqual([
      `${join(dir, "gone.yaml")} cannot be read: allow one disruption (maxUnavailable 1) or add a replica, as the application owner decides`,
      `${templated}:1: no literal minAvailable/maxUnavailable line upshift can rewrite (a template or a variable sets it): allow one disruption (maxUnavailable 1) or add a replica, as the application owner decides`,
    ]);
  });

  it('edits a file every environment shares once, in the first environment that reaches it, and deploys it in the others', () => {
    const yaml = join(dir, 'shared.yaml');
    writeFileSync(yaml, 'kind: PodDisruptionBudget\nspec:\n  maxUnavailable: 0\n');
    const session = new EditSession(dir);
    const finding = blocker(yaml, 1, 'web');
    const [first] = drainFixes(context([finding], session), '1.29→1.30', new Coverage([finding]));
    const [second] = drainFixes(context([finding], session), '1.30→1.31', new Coverage([finding]));
    expect(first.edits).toEqual([{ file: yaml, line: 3, from: '  maxUnavailable: 0', to: '  maxUnavailable: 1' }]);
    expect([second.edits, second.title, second.resolves]).toEqual([[], 'Deploy the drain fix for PodDisruptionBudget shop/web (pdb-blocks-eviction) made in an earlier environment', [{ id: 'pdb-blocks-eviction', path: yaml, line: 1 }]]);
  });
});
