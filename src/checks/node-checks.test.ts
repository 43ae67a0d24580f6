import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load.js';
import { resolveContext, runCheck } from '../run-check.js';
import { al2NodesCheck } from './al2-nodes.js';
import type { Inventory } from '../core/inventory.js';
import { versionSkewCheck } from './version-skew.js';
import { readEksctl } from '../sources/eksctl.js';

const knowledge = loadKnowledge();
const now = new Date('2026-11-21T12:00:00Z');
const tfvars = (line: number) => ({ type: 'terraform' as const, path: 'infra/env-vars/prod.tfvars', line });

const inventory: Inventory = {
  resources: [],
  charts: [],
  eksAddons: [{ name: 'kube-proxy', version: 'v1.28.1-eksbuild.1', env: 'prod', origin: tfvars(20) }],
  environments: [
    {
      name: 'prod',
      clusterVersion: '1.28',
      origin: tfvars(3),
      nodeGroups: [
        { name: 'general', version: '1.28', amiType: 'AL2_x86_64', origin: tfvars(7) },
        { name: 'legacy', version: '1.24', amiType: 'BOTTLEROCKET_x86_64', origin: tfvars(12) },
        { name: 'batch', amiType: 'AL2023_x86_64_STANDARD', origin: tfvars(15) },
      ],
    },
  ],
};

describe('kubelet-skew and kube-proxy-skew', () => {
  it('finds the hop at which each component falls outside the skew policy', () => {
    const context = resolveContext({ target: '1.33', now }, knowledge);
    expect(versionSkewCheck.checkInventory!(inventory, context).map((f) => [f.id, f.severity, f.message, f.details?.upgradeBeforeHop])).toEqual([
      ['kubelet-skew', 'error', 'node group prod/general runs 1.28: after the 1.31→1.32 hop it would be 4 minors behind the control plane (at most 3 allowed for kubelet 1.28); upgrade it to 1.29 or later before that hop', '1.31→1.32'],
      ['kubelet-skew', 'error', 'node group prod/legacy runs 1.24, 4 minors behind the 1.28 control plane already (at most 2 allowed); upgrade it before any control-plane hop', null],
      ['kubelet-skew', 'error', 'node group prod/batch runs 1.28: after the 1.31→1.32 hop it would be 4 minors behind the control plane (at most 3 allowed for kubelet 1.28); upgrade it to 1.29 or later before that hop', '1.31→1.32'],
      ['kube-proxy-skew', 'error', 'kube-proxy (EKS add-on kube-proxy v1.28.1-eksbuild.1) runs 1.28: after the 1.31→1.32 hop it would be 4 minors behind the control plane (at most 3 allowed for kube-proxy 1.28); upgrade it to 1.29 or later before that hop', '1.31→1.32'],
    ]);
  });

  it('reports a skew already broken today, a component newer than the control plane, and a missing version', () => {
    const context = resolveContext({ target: '1.29', now }, knowledge);
    const broken: Inventory = {
      resources: [],
      charts: [],
      eksAddons: [{ name: 'kube-proxy', version: 'v1.29.0-eksbuild.1', origin: tfvars(20) }],
      environments: [{ name: 'dev', clusterVersion: '1.28', nodeGroups: [{ name: 'old', version: '1.23' }, { name: 'odd', version: 'latest' }] }],
    };
    expect(versionSkewCheck.checkInventory!(broken, context).map((f) => [f.id, f.severity, f.message])).toEqual([
      ['kubelet-skew', 'error', 'node group dev/old runs 1.23, 5 minors behind the 1.28 control plane already (at most 2 allowed); upgrade it before any control-plane hop'],
      ['kubelet-skew', 'info', 'node group dev/odd: version skew cannot be judged: its version is unknown ("latest" is not a Kubernetes version)'],
      ['kube-proxy-skew', 'info', 'kube-proxy (EKS add-on kube-proxy v1.29.0-eksbuild.1): version skew cannot be judged: the control-plane version is unknown; pass --current'],
    ]);
    const withCurrent = resolveContext({ current: '1.28', target: '1.29', now }, knowledge);
    expect(versionSkewCheck.checkInventory!({ ...broken, environments: [] }, withCurrent).map((f) => f.message)).toEqual([
      'kube-proxy (EKS add-on kube-proxy v1.29.0-eksbuild.1) runs 1.29, newer than the 1.28 control plane; kube-proxy must never be newer than kube-apiserver',
    ]);
  });

  it('leaves out a node group whose version is the control plane\'s own line: the same apply moves both', () => {
    const context = resolveContext({ target: '1.33', now }, knowledge);
    const site = (line: number) => ({ path: 'infra/eks.tf', line, value: '1.28' });
    const together: Inventory = {
      ...inventory,
      eksAddons: [],
      environments: [
        {
          name: 'prod',
          clusterVersion: '1.28',
          origin: tfvars(3),
          versionSite: site(10),
          nodeGroups: [
            { name: 'follows', version: '1.28', versionSite: site(10), origin: tfvars(7) },
            { name: 'pinned', version: '1.28', versionSite: site(30), origin: tfvars(12) },
          ],
        },
      ],
    };
    expect(versionSkewCheck.checkInventory!(together, context).map((f) => f.message)).toEqual([
      'node group prod/pinned runs 1.28: after the 1.31→1.32 hop it would be 4 minors behind the control plane (at most 3 allowed for kubelet 1.28); upgrade it to 1.29 or later before that hop',
    ]);
  });

  it('says once for all node groups of a cluster without a version that their skew cannot be judged', () => {
    const context = resolveContext({ current: '1.30', target: '1.33', now }, knowledge);
    const group = (name: string, line: number, version?: string) => ({ name, ...(version ? { version } : {}), origin: { type: 'file' as const, path: 'cluster.yaml', line, column: 1 } });
    const unpinned: Inventory = {
      resources: [],
      charts: [],
      eksAddons: [],
      environments: [
        { name: 'ssh', nodeGroups: [group('ng-1', 11), group('ng-2', 16), group('ng-3', 21), group('pinned', 26, '1.29'), group('ng-5', 31)] },
        { name: 'single', nodeGroups: [group('ng-1', 40)] },
      ],
    };
    expect(versionSkewCheck.checkInventory!(unpinned, context).map((f) => [f.severity, f.message, f.origin?.type === 'file' && f.origin.line, f.details?.nodeGroups])).toEqual([
      ['info', "4 node groups of ssh (ng-1, ng-2, ng-3 and 1 more): version skew cannot be judged: neither they nor the cluster declare a version; declare one in the code (eksctl's metadata.version, a node group's own version)", 11, ['ng-1', 'ng-2', 'ng-3', 'ng-5']],
      ['error', 'node group ssh/pinned runs 1.29: after the 1.32→1.33 hop it would be 4 minors behind the control plane (at most 3 allowed for kubelet 1.29); upgrade it to 1.30 or later before that hop', 26, undefined],
      ['info', "node group single/ng-1: version skew cannot be judged: neither it nor the cluster declares a version; declare one in the code (eksctl's metadata.version, a node group's own version)", 40, ['ng-1']],
    ]);
  });

  // eksctl-io/eksctl's examples/: 30-vpc-with-ip-family.yaml names its 1.21 cluster cluster-2, as
  // 02-custom-vpc-cidr-no-nodes.yaml names one without a version; its node group was judged
  // against the 1.14 of a third file ("runs 1.21, newer than the 1.14 control plane").
  it("judges a node group and an add-on against their own cluster's version when another environment has the same name", () => {
    const context = resolveContext({ current: '1.14', target: '1.26', now }, knowledge);
    const file = (path: string, line: number) => ({ type: 'file' as const, path, line, column: 1 });
    const sameName: Inventory = {
      resources: [],
      charts: [],
      eksAddons: [{ name: 'kube-proxy', version: 'v1.21.2-eksbuild.2', env: 'cluster-2', origin: file('30.yaml', 20) }],
      environments: [
        { name: 'cluster-23', clusterVersion: '1.14', origin: file('23.yaml', 25), nodeGroups: [] },
        { name: 'cluster-2', nodeGroups: [] },
        { name: 'cluster-2', clusterVersion: '1.21', origin: file('30.yaml', 9), nodeGroups: [{ name: 'mng-1', origin: file('30.yaml', 43) }] },
      ],
    };
    expect(versionSkewCheck.checkInventory!(sameName, context).map((f) => [f.id, f.message, f.origin])).toEqual([
      ['kubelet-skew', 'node group cluster-2/mng-1 runs 1.21: after the 1.23→1.24 hop it would be 3 minors behind the control plane (at most 2 allowed for kubelet 1.21); upgrade it to 1.22 or later before that hop', file('30.yaml', 43)],
      ['kube-proxy-skew', 'kube-proxy (EKS add-on kube-proxy v1.21.2-eksbuild.2) runs 1.21: after the 1.23→1.24 hop it would be 3 minors behind the control plane (at most 2 allowed for kube-proxy 1.21); upgrade it to 1.22 or later before that hop', file('30.yaml', 20)],
    ]);
  });
});

describe('al2-nodes', () => {
  it('is an error when the target is past the last AL2 version, a warning before', () => {
    const past = al2NodesCheck.checkInventory!(inventory, resolveContext({ target: '1.33', now }, knowledge));
    expect(past).toEqual([
      {
        id: 'al2-nodes',
        severity: 'error',
        message: 'node group prod/general runs AL2_x86_64 (Amazon Linux 2); Amazon EKS publishes no Amazon Linux 2 AMIs after 1.32, so move it to AL2023 (AL2023_x86_64_STANDARD, AL2023_ARM_64_STANDARD, AL2023_x86_64_NVIDIA) or Bottlerocket (BOTTLEROCKET_*) before the 1.32→1.33 hop',
        origin: tfvars(7),
        details: {
          env: 'prod',
          nodeGroup: 'general',
          amiType: 'AL2_x86_64',
          lastVersion: '1.32',
          replacement: 'AL2023 (AL2023_x86_64_STANDARD, AL2023_ARM_64_STANDARD, AL2023_x86_64_NVIDIA) or Bottlerocket (BOTTLEROCKET_*)',
          moveBeforeHop: '1.32→1.33',
          source: 'https://docs.aws.amazon.com/eks/latest/userguide/eks-ami-deprecation-faqs.html',
        },
      },
    ]);
    const before = al2NodesCheck.checkInventory!(inventory, resolveContext({ target: '1.32', now }, knowledge));
    expect(before.map((f) => f.severity)).toEqual(['warning']);
  });

  it("knows eksctl's name for Amazon Linux 2 (amiFamily AmazonLinux2), and not AmazonLinux2023 or its default", () => {
    const config = [
      'apiVersion: eksctl.io/v1alpha5',
      'kind: ClusterConfig',
      'metadata:',
      '  name: shop',
      '  version: "1.31"',
      'managedNodeGroups:',
      '  - name: old',
      '    amiFamily: AmazonLinux2',
      '  - name: new',
      '    amiFamily: AmazonLinux2023',
      '  - name: default',
      '',
    ].join('\n');
    const { environments } = readEksctl(config, 'cluster.yaml');
    const findings = al2NodesCheck.checkInventory!({ resources: [], charts: [], eksAddons: [], environments }, resolveContext({ target: '1.33', now }, knowledge));
    expect(findings.map((f) => [f.severity, f.message, f.origin])).toEqual([
      [
        'error',
        'node group shop/old runs AmazonLinux2 (Amazon Linux 2); Amazon EKS publishes no Amazon Linux 2 AMIs after 1.32, so move it to amiFamily AmazonLinux2023 or Bottlerocket before the 1.32→1.33 hop',
        { type: 'file', path: 'cluster.yaml', line: 7, column: 1 },
      ],
    ]);
  });
});

describe('workload checks on a real file', () => {
  it('finds the Docker socket, the PodSecurityPolicy and the retired ingress-nginx', async () => {
    const report = await runCheck({ paths: ['test/fixtures/addons/platform.yaml'], target: '1.25', only: ['docker-socket', 'psp-in-use', 'ingress-nginx-retired'], knowledge, now });
    expect(report.findings.map((f) => [f.id, f.origin?.type === 'file' ? f.origin.line : null, f.message])).toEqual([
      ['docker-socket', 13, 'DaemonSet monitoring/log-agent mounts /var/run/docker.sock from the node; dockershim was removed in Kubernetes 1.24; EKS 1.24+ AMIs run containerd only, so a Docker socket mount finds no Docker daemon. Use the containerd socket (/run/containerd/containerd.sock) or the tool\'s containerd/CRI integration'],
      ['psp-in-use', 59, 'PodSecurityPolicy restricted: PodSecurityPolicy is not served from 1.25 and has no replacement API; label namespaces for Pod Security Admission (pod-security.kubernetes.io/enforce: baseline or restricted; start with audit and warn) or use a policy engine, then delete the policy and the RBAC rules granting "use" on it'],
      ['ingress-nginx-retired', 32, 'ingress-nginx 1.8.1 (registry.k8s.io/ingress-nginx/controller:v1.8.1@sha256:e5c4824e7375fcf2a393e1c03c293b69759af37a9ca6abdb91b13d78a93da8bd): ingress-nginx is retired upstream: best-effort maintenance ended in March 2026, with no further releases or security fixes. Plan a move to a Gateway API implementation or another ingress controller.'],
    ]);
    const older = await runCheck({ paths: ['test/fixtures/addons/platform.yaml'], target: '1.23', only: ['docker-socket', 'psp-in-use'], knowledge, now });
    expect(older.findings).toEqual([]);
  });
});
