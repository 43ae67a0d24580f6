// eksctl-io/eksctl's examples/05-advanced-nodegroups.yaml keeps self-managed node groups (nodeGroups),
// one on a pinned AMI, in eu-west-2, without a cluster version: the plan printed
// `eksctl upgrade nodegroup` for them, which eksctl runs only for managed node groups, and a
// blue/green move selected their nodes by a label only managed nodes carry. Its
// 16-fargate-profile.yaml runs namespaces on Fargate, whose pods must be restarted after each hop.
import { describe, expect, it } from 'vitest';
import { readEksctl } from '../sources/eksctl.js';
import { buildPlan, type PlanInput } from './build-plan.js';

const CONFIG = [
  'apiVersion: eksctl.io/v1alpha5',
  'kind: ClusterConfig',
  'metadata:',
  '  name: shop',
  '  region: eu-west-2',
  'nodeGroups:',
  '  - name: edge',
  '    ami: ami-05ecac759c81e0b0c',
  '    desiredCapacity: 2',
  'managedNodeGroups:',
  '  - name: general',
  '    desiredCapacity: 3',
  '  - name: gpu',
  '    ami: ami-0123456789abcdef0',
  '    desiredCapacity: 1',
  'fargateProfiles:',
  '  - name: fp-default',
  '    selectors:',
  '      - namespace: default',
  '      - namespace: kube-system',
  '  - name: fp-dev',
  '    selectors:',
  '      - namespace: dev-*',
  '        labels: {env: dev}',
  '',
].join('\n');

const { environments } = readEksctl(CONFIG, 'cluster.yaml');
const input: PlanInput = { inventory: { resources: [], charts: [], eksAddons: [], environments }, findings: [], platform: 'eks', target: '1.33', current: '1.32', startDate: '2026-12-07' };
const steps = (strategy: 'in-place' | 'nodegroup-blue-green') =>
  buildPlan({ ...input, strategy }).environments[0].steps.filter((step) => (step.kind === 'node-group' && !step.title.startsWith('Restart')) || step.kind === 'cleanup' || step.kind === 'control-plane');

describe('plans for eksctl node groups', () => {
  it('replaces a self-managed group (copy, create, delete) and upgrades a managed one, in the config file\'s region', () => {
    expect(steps('in-place').map((step) => [step.title, step.commands, step.items])).toEqual([
      ['Update the shop control plane (shop) from 1.32 to 1.33', ['aws eks update-cluster-version --region eu-west-2 --name shop --kubernetes-version 1.33'], undefined],
      [
        'Roll node group general (3 nodes) from 1.32 to 1.33 with maxUnavailable 1: ~24 min',
        ['eksctl upgrade nodegroup --cluster shop --region eu-west-2 --name general --kubernetes-version 1.33'],
        undefined,
      ],
      [
        'Replace node group gpu (1 nodes) with gpu-1-33 at 1.33: eksctl upgrade nodegroup keeps its pinned ami ami-0123456789abcdef0',
        ['eksctl create nodegroup --config-file cluster.yaml --include gpu-1-33', 'eksctl delete nodegroup --cluster shop --region eu-west-2 --name gpu'],
        ['In cluster.yaml, copy node group gpu under managedNodeGroups as gpu-1-33, with an AMI built for 1.33 in place of its ami ami-0123456789abcdef0, after the control plane is at 1.33', 'Once gpu is deleted, remove it from cluster.yaml'],
      ],
      [
        'Replace self-managed node group edge (2 nodes) with edge-1-33 at 1.33: eksctl upgrades only managed node groups',
        ['eksctl create nodegroup --config-file cluster.yaml --include edge-1-33', 'eksctl delete nodegroup --cluster shop --region eu-west-2 --name edge'],
        ['In cluster.yaml, copy node group edge under nodeGroups as edge-1-33, with an AMI built for 1.33 in place of its ami ami-05ecac759c81e0b0c, after the control plane is at 1.33', 'Once edge is deleted, remove it from cluster.yaml'],
      ],
    ]);
  });

  it('moves pods by the label each kind of group puts on its nodes, and deletes the old group with eksctl', () => {
    const planned = steps('nodegroup-blue-green').map((step) => [step.title, step.commands]);
    expect(planned.filter(([title]) => String(title).startsWith('Create') || String(title).startsWith('Drain'))).toEqual([
      ['Create node group general-1-33 at 1.33 next to general', ['eksctl create nodegroup --config-file cluster.yaml --include general-1-33']],
      ['Create node group gpu-1-33 at 1.33 next to gpu', ['eksctl create nodegroup --config-file cluster.yaml --include gpu-1-33']],
      ['Create node group edge-1-33 at 1.33 next to edge', ['eksctl create nodegroup --config-file cluster.yaml --include edge-1-33']],
      ['Drain node group general and delete it', ['kubectl drain -l eks.amazonaws.com/nodegroup=general --ignore-daemonsets --delete-emptydir-data', 'eksctl delete nodegroup --cluster shop --region eu-west-2 --name general']],
      ['Drain node group gpu and delete it', ['kubectl drain -l eks.amazonaws.com/nodegroup=gpu --ignore-daemonsets --delete-emptydir-data', 'eksctl delete nodegroup --cluster shop --region eu-west-2 --name gpu']],
      ['Drain node group edge and delete it', ['kubectl drain -l alpha.eksctl.io/nodegroup-name=edge --ignore-daemonsets --delete-emptydir-data', 'eksctl delete nodegroup --cluster shop --region eu-west-2 --name edge']],
    ]);
  });

  it('restarts the pods of the Fargate profiles\' namespaces after each control-plane hop, before the next', () => {
    const plan = buildPlan({ ...input, current: '1.31', strategy: 'in-place' }).environments[0];
    expect(readEksctl(CONFIG, 'cluster.yaml').environments[0].fargateProfiles).toEqual([
      { name: 'fp-default', namespaces: ['default', 'kube-system'], origin: { type: 'file', path: 'cluster.yaml', line: 17, column: 1 } },
      { name: 'fp-dev', namespaces: ['dev-*'], origin: { type: 'file', path: 'cluster.yaml', line: 21, column: 1 } },
    ]);
    const restarts = plan.steps.filter((step) => step.title.startsWith('Restart'));
    expect(restarts.map((step) => [step.hop, step.title, step.commands])).toEqual(
      ['1.32', '1.33'].map((to) => [
        `${to === '1.32' ? '1.31' : '1.32'}→${to}`,
        `Restart the pods Fargate runs in default, kube-system, dev-* so that their nodes come up at ${to}: EKS updates the control plane again only when every Fargate node is at its version`,
        [
          'aws eks update-kubeconfig --region eu-west-2 --name shop',
          'kubectl -n default get deployment,statefulset -o name | xargs -r -n1 kubectl -n default rollout restart',
          'kubectl -n kube-system get deployment,statefulset -o name | xargs -r -n1 kubectl -n kube-system rollout restart',
          // A wildcard selector: each namespace it matches.
          `for namespace in $(kubectl get namespaces -o name | sed 's|^namespace/||' | grep -x 'dev-.*'); do kubectl -n "$namespace" get deployment,statefulset -o name | xargs -r -n1 kubectl -n "$namespace" rollout restart; done`,
          'kubectl get nodes -l eks.amazonaws.com/compute-type=fargate',
        ],
      ]),
    );
    // Between the control plane of the first hop and that of the second.
    const order = plan.steps.map((step) => step.kind === 'control-plane' ? `control-plane ${step.hop}` : step.title.startsWith('Restart') ? `restart ${step.hop}` : undefined).filter(Boolean);
    expect(order).toEqual(['control-plane 1.31→1.32', 'restart 1.31→1.32', 'control-plane 1.32→1.33', 'restart 1.32→1.33']);
    expect(buildPlan({ ...input, inventory: { ...input.inventory, environments: environments.map((env) => ({ ...env, fargateProfiles: undefined })) }, strategy: 'in-place' }).environments[0].steps.some((step) => step.title.startsWith('Restart'))).toBe(false);
  });
});
