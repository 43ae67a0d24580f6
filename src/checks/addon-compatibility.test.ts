import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load.js';
import { resolveContext, runCheck } from '../run-check.js';
import { addonCompatibilityCheck } from './addon-compatibility.js';
import type { Inventory } from '../core/inventory.js';

const knowledge = loadKnowledge();
const now = new Date('2026-11-21T12:00:00Z');
const ADDON_IDS = ['addon-incompatible', 'addon-upgrade-first', 'addon-outdated', 'addon-advice', 'addon-unknown'];
const tf = (line: number, address: string) => ({ type: 'terraform' as const, path: 'infra/addons.tf', line, address });

function inventoryOf(facts: Partial<Inventory>): Inventory {
  return { resources: [], charts: [], eksAddons: [], environments: [], ...facts };
}

describe('add-ons detected from workload images', () => {
  it('judges each image at its file and line, hop by hop', async () => {
    const report = await runCheck({ paths: ['test/fixtures/addons/platform.yaml'], current: '1.28', target: '1.30', only: ADDON_IDS, knowledge, now });
    expect(report.findings.map((f) => [f.id, f.severity, f.origin?.type === 'file' ? f.origin.line : null, f.message])).toEqual([
      ['addon-upgrade-first', 'error', 1, 'cluster-autoscaler 1.26.4 supports Kubernetes only 1.26 (it does not support the current 1.28 either) and must run the same minor as the control plane: upgrade it to 1.28.x before the 1.28→1.29 control-plane hop; then to 1.29.x right after 1.28→1.29; then to 1.30.x right after 1.29→1.30'],
      ['addon-upgrade-first', 'error', 32, 'ingress-nginx 1.8.1 supports Kubernetes 1.24 to 1.27 (it does not support the current 1.28 either): upgrade it to 1.9.6 or later (recommended 1.12.x) before the 1.28→1.29 control-plane hop'],
      ['addon-unknown', 'info', 44, 'velero (velero/velero:latest): its version cannot be read; pin an explicit version so that upshift (and you) can tell what runs'],
    ]);
    expect(report.findings[0].resource).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'kube-system', name: 'cluster-autoscaler' });
    expect(report.findings[0].details).toMatchObject({ addon: 'cluster-autoscaler', version: '1.26.4', via: 'image', current: '1.28', target: '1.30', supportedKubernetes: { min: '1.26', max: '1.26' } });
    // As the plan moves it: to the control plane's minor before the first hop, then right after each hop.
    expect(report.findings[0].details?.upgrades).toEqual([{ hop: '1.28→1.29', minimum: '1.28.0', recommended: '1.28.x' }]);
    expect(report.findings[0].details?.moves).toEqual([
      { hop: '1.28→1.29', phase: 'before', kubernetes: ['1.28'], minimum: '1.28.0', recommended: '1.28.x' },
      { hop: '1.28→1.29', phase: 'after', kubernetes: ['1.29'], minimum: '1.29.0', recommended: '1.29.x' },
      { hop: '1.29→1.30', phase: 'after', kubernetes: ['1.30'], minimum: '1.30.0', recommended: '1.30.x' },
    ]);
    expect(report.findings[1].details?.upgrades).toEqual([{ hop: '1.28→1.29', minimum: '1.9.6', recommended: '1.12.x' }]);
  });
});

describe('an add-on ahead of the cluster', () => {
  it('is told to move back, or to run untested until the control plane catches up; not to upgrade', async () => {
    const report = await runCheck({ paths: ['test/fixtures/addons/argo-cd-install.yaml'], current: '1.27', target: '1.29', only: ADDON_IDS, knowledge, now });
    expect(report.findings.map((f) => [f.id, f.resource?.namespace, f.message])).toEqual([
      [
        'addon-upgrade-first',
        'argocd',
        'argo-cd 3.0.6 supports Kubernetes 1.29 to 1.32 (it does not support the current 1.27 either): move it to an older release supporting 1.28 (none is known to the knowledge base) before the 1.27→1.28 control-plane hop, or keep it and run it on a Kubernetes older than it supports until the control plane reaches 1.29 (the same install also runs it in Deployment argocd-repo-server, StatefulSet argocd-application-controller)',
      ],
      [
        'addon-upgrade-first',
        'argocd-tenants',
        'argo-cd 3.0.6 supports Kubernetes 1.29 to 1.32 (it does not support the current 1.27 either): move it to an older release supporting 1.28 (none is known to the knowledge base) before the 1.27→1.28 control-plane hop, or keep it and run it on a Kubernetes older than it supports until the control plane reaches 1.29',
      ],
    ]);
    expect(report.findings[0].details?.upgrades).toEqual([{ hop: '1.27→1.28', minimum: null, recommended: null }]);
  });
});

describe('one install running an add-on in several workloads', () => {
  it('is one finding at its first workload, naming the others; another namespace is another install', async () => {
    const report = await runCheck({ paths: ['test/fixtures/addons/argo-cd-install.yaml'], current: '1.32', target: '1.33', only: ADDON_IDS, knowledge, now });
    expect(report.findings.map((f) => [f.id, f.resource?.namespace, f.resource?.name, f.origin?.type === 'file' ? f.origin.line : null, f.message])).toEqual([
      ['addon-upgrade-first', 'argocd', 'argocd-server', 2, 'argo-cd 3.0.6 supports Kubernetes 1.29 to 1.32: upgrade it to 3.1.0 or later (recommended 3.4.x) before the 1.32→1.33 control-plane hop (the same install also runs it in Deployment argocd-repo-server, StatefulSet argocd-application-controller)'],
      ['addon-upgrade-first', 'argocd-tenants', 'argocd-server', 66, 'argo-cd 3.0.6 supports Kubernetes 1.29 to 1.32: upgrade it to 3.1.0 or later (recommended 3.4.x) before the 1.32→1.33 control-plane hop'],
    ]);
    expect(report.findings[0].details?.alsoIn).toEqual([
      { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'argocd', name: 'argocd-repo-server' }, origin: { type: 'file', path: 'test/fixtures/addons/argo-cd-install.yaml', line: 18, column: 1 } },
      { resource: { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'argocd', name: 'argocd-application-controller' }, origin: { type: 'file', path: 'test/fixtures/addons/argo-cd-install.yaml', line: 34, column: 1 } },
    ]);
  });
});

describe('add-ons detected from inventory facts', () => {
  const context = resolveContext({ current: '1.28', target: '1.30', now }, knowledge);

  it('reads EKS add-on versions and compares them with what EKS lists for the target', () => {
    const findings = addonCompatibilityCheck.checkInventory!(
      inventoryOf({
        eksAddons: [
          { name: 'vpc-cni', version: 'v1.15.0-eksbuild.2', origin: tf(5, 'aws_eks_addon.vpc_cni') },
          { name: 'kube-proxy', version: 'v1.30.14-eksbuild.28', origin: tf(30, 'aws_eks_addon.kube_proxy') },
          { name: 'aws-ebs-csi-driver', version: 'v1.22.0-eksbuild.2', origin: tf(37, 'aws_eks_addon.ebs_csi') },
        ],
      }),
      context,
    );
    expect(findings).toEqual([
      {
        id: 'addon-outdated',
        severity: 'warning',
        message: 'vpc-cni 1.15.0-eksbuild.2 is older than v1.20.1-eksbuild.3, the version Amazon EKS lists for 1.30; update it after each control-plane hop (1.28→1.29: v1.20.1-eksbuild.3, 1.29→1.30: v1.20.1-eksbuild.3)',
        origin: tf(5, 'aws_eks_addon.vpc_cni'),
        details: {
          addon: 'vpc-cni',
          version: '1.15.0-eksbuild.2',
          via: 'eks-addon',
          evidence: 'EKS add-on vpc-cni v1.15.0-eksbuild.2',
          current: '1.28',
          target: '1.30',
          recommended: 'v1.20.1-eksbuild.3',
          steps: [
            { hop: '1.28→1.29', phase: 'after', recommended: 'v1.20.1-eksbuild.3' },
            { hop: '1.29→1.30', phase: 'after', recommended: 'v1.20.1-eksbuild.3' },
          ],
          source: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html',
        },
      },
      {
        id: 'addon-unknown',
        severity: 'info',
        message: 'aws-ebs-csi-driver 1.22.0-eksbuild.2 (EKS add-on aws-ebs-csi-driver v1.22.0-eksbuild.2): no compatibility matrix is in the knowledge base (No compatibility table is published (https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/install.md)); check its release notes for 1.30 and add a compatibility row with --data',
        origin: tf(37, 'aws_eks_addon.ebs_csi'),
        details: { addon: 'aws-ebs-csi-driver', version: '1.22.0-eksbuild.2', via: 'eks-addon', evidence: 'EKS add-on aws-ebs-csi-driver v1.22.0-eksbuild.2', current: '1.28', target: '1.30' },
      },
    ]);
  });

  it('maps chart versions to app versions, and judges from the environment\'s own cluster version', () => {
    const findings = addonCompatibilityCheck.checkInventory!(
      inventoryOf({
        charts: [
          { chart: 'cluster-autoscaler', version: '9.29.0', release: 'cluster-autoscaler', env: 'staging', origin: tf(9, 'helm_release.cluster_autoscaler') },
          { chart: 'aws-load-balancer-controller', version: '1.4.2', origin: { type: 'file', path: 'charts/platform/Chart.yaml', line: 8, column: 5 } },
          { chart: 'istiod', version: '1.22.3', origin: { type: 'helm-release', release: 'istiod', namespace: 'istio-system' } },
          { chart: 'ingress-nginx', version: '4.2.0', origin: tf(80, 'helm_release.ingress_nginx') },
        ],
        environments: [{ name: 'staging', clusterVersion: '1.29', nodeGroups: [] }],
      }),
      context,
    );
    expect(findings.map((f) => [f.id, f.origin?.type, f.message])).toEqual([
      ['addon-upgrade-first', 'terraform', 'cluster-autoscaler 1.27 supports Kubernetes only 1.27 (it does not support the current 1.29 either) and must run the same minor as the control plane: upgrade it to 1.29.x before the 1.29→1.30 control-plane hop; then to 1.30.x right after 1.29→1.30'],
      ['addon-unknown', 'terraform', 'ingress-nginx (chart ingress-nginx 4.2.0): the knowledge base does not map this chart version to an app release of ingress-nginx; add a chartVersions row with --data'],
    ]);
    expect(findings[0].details).toMatchObject({ via: 'helm-release', env: 'staging', current: '1.29' });
  });

  it('advises cluster-autoscaler at the control plane\'s minor as the plan moves it: right after each hop', () => {
    const findings = addonCompatibilityCheck.checkInventory!(
      inventoryOf({
        charts: [{ chart: 'cluster-autoscaler', version: '9.34.1', release: 'cluster-autoscaler', env: 'staging', origin: tf(9, 'helm_release.cluster_autoscaler') }],
        environments: [{ name: 'staging', clusterVersion: '1.28', nodeGroups: [] }],
      }),
      context,
    );
    expect(findings.map((f) => [f.id, f.message])).toEqual([
      ['addon-incompatible', 'cluster-autoscaler 1.28.2 supports Kubernetes only 1.28 and must run the same minor as the control plane: upgrade it to 1.29.x right after 1.28→1.29; then to 1.30.x right after 1.29→1.30'],
    ]);
    expect(findings[0].details?.moves).toEqual([
      { hop: '1.28→1.29', phase: 'after', kubernetes: ['1.29'], minimum: '1.29.0', recommended: '1.29.x' },
      { hop: '1.29→1.30', phase: 'after', kubernetes: ['1.30'], minimum: '1.30.0', recommended: '1.30.x' },
    ]);
  });

  it('warns with its condition, not as an incompatibility, where a release needs a change only when an option is on', () => {
    const chart = { chart: 'aws-load-balancer-controller', version: '1.4.2', origin: { type: 'file' as const, path: 'charts/platform/Chart.yaml', line: 8, column: 5 } };
    const across = addonCompatibilityCheck.checkInventory!(inventoryOf({ charts: [chart] }), { ...context, current: '1.24', target: '1.26' });
    expect(across.map((f) => [f.id, f.severity, f.message])).toEqual([
      [
        'addon-advice',
        'warning',
        'aws-load-balancer-controller 2.4 at Kubernetes 1.25, if the controller runs with --enable-endpoint-slices (Helm value enableEndpointSlices: true): releases before 2.4.7 read EndpointSlices through discovery.k8s.io/v1beta1, which Kubernetes 1.25 no longer serves: upgrade to 2.4.7 or later before the 1.25 hop, or keep EndpointSlices off',
      ],
    ]);
    expect(across[0].details).toMatchObject({ fromKubernetes: '1.25', source: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-extended.html' });
    // Already past 1.25, or not reaching it: nothing to say.
    expect(addonCompatibilityCheck.checkInventory!(inventoryOf({ charts: [chart] }), { ...context, current: '1.28', target: '1.30' })).toEqual([]);
    expect(addonCompatibilityCheck.checkInventory!(inventoryOf({ charts: [chart] }), { ...context, current: '1.23', target: '1.24' })).toEqual([]);
  });

  it('says once per add-on and environment every hop the add-on must be upgraded before, without an addon-incompatible twin', () => {
    const chart = (env: string) => ({ chart: 'cluster-autoscaler', version: '9.29.0', release: 'cluster-autoscaler', env, origin: tf(9, 'helm_release.cluster_autoscaler') });
    const findings = addonCompatibilityCheck.checkInventory!(
      inventoryOf({
        charts: [chart('dev'), chart('production')],
        environments: [
          { name: 'dev', clusterVersion: '1.29', nodeGroups: [] },
          { name: 'production', clusterVersion: '1.28', nodeGroups: [] },
        ],
      }),
      context,
    );
    expect(findings.map((finding) => finding.id)).toEqual(['addon-upgrade-first', 'addon-upgrade-first']);
    const first = findings.filter((finding) => finding.id === 'addon-upgrade-first');
    expect(first.map((finding) => [finding.details?.env, finding.message, finding.details?.upgrades])).toEqual([
      ['dev', 'cluster-autoscaler 1.27 supports Kubernetes only 1.27 (it does not support the current 1.29 either) and must run the same minor as the control plane: upgrade it to 1.29.x before the 1.29→1.30 control-plane hop; then to 1.30.x right after 1.29→1.30', [{ hop: '1.29→1.30', minimum: '1.29.0', recommended: '1.29.x' }]],
      [
        'production',
        'cluster-autoscaler 1.27 supports Kubernetes only 1.27 (it does not support the current 1.28 either) and must run the same minor as the control plane: upgrade it to 1.28.x before the 1.28→1.29 control-plane hop; then to 1.29.x right after 1.28→1.29; then to 1.30.x right after 1.29→1.30',
        [{ hop: '1.28→1.29', minimum: '1.28.0', recommended: '1.28.x' }],
      ],
    ]);
  });
});
