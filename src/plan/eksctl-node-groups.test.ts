// eksctl-io/eksctl's examples/05-advanced-nodegroups.yaml keeps self-managed node groups (nodeGroups),
// one on a pinned AMI, in eu-west-2, without a cluster version: the plan printed
// `eksctl upgrade nodegroup` for them, which eksctl runs only for managed node groups, and a
// blue/green move selected their nodes by a label only managed nodes carry.
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
  '',
].join('\n');

const { environments } = readEksctl(CONFIG, 'cluster.yaml');
const input: PlanInput = { inventory: { resources: [], charts: [], eksAddons: [], environments }, findings: [], platform: 'eks', target: '1.33', current: '1.32', startDate: '2026-12-07' };
const steps = (strategy: 'in-place' | 'nodegroup-blue-green') => buildPlan({ ...input, strategy }).environments[0].steps.filter((step) => step.kind === 'node-group' || step.kind === 'cleanup' || step.kind === 'control-plane');

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
      ['Create node group edge-1-33 at 1.33 next to edge', ['eksctl create nodegroup --config-file cluster.yaml --include edge-1-33']],
      ['Drain node group general and delete it', ['kubectl drain -l eks.amazonaws.com/nodegroup=general --ignore-daemonsets --delete-emptydir-data', 'eksctl delete nodegroup --cluster shop --region eu-west-2 --name general']],
      ['Drain node group edge and delete it', ['kubectl drain -l alpha.eksctl.io/nodegroup-name=edge --ignore-daemonsets --delete-emptydir-data', 'eksctl delete nodegroup --cluster shop --region eu-west-2 --name edge']],
    ]);
  });
});
