import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from './load.js';
import { AddonIndex } from './addons.js';
import type { AddonDefinition } from './addon-schema.js';

describe('add-on knowledge', () => {
  const knowledge = loadKnowledge();

  it('has every add-on of the issue, each row with a source', () => {
    expect(knowledge.addons.addons.map((addon) => addon.name).sort()).toEqual([
      'argo-cd', 'aws-ebs-csi-driver', 'aws-load-balancer-controller', 'cert-manager', 'cluster-autoscaler', 'coredns', 'external-dns',
      'ingress-nginx', 'istio', 'karpenter', 'keda', 'kube-proxy', 'metrics-server', 'prometheus-operator', 'velero', 'vpc-cni',
    ]);
    expect(knowledge.addons.get('istio')!.compatibility!.find((row) => row.versions === '1.16.x')).toMatchObject({ kubernetesMin: '1.22', kubernetesMax: '1.25' });
    expect(knowledge.addons.get('coredns')!.recommended!.find((row) => row.kubernetes === '1.29')).toMatchObject({ version: 'v1.11.4-eksbuild.24' });
  });

  it('recognises images, charts and EKS add-on names', () => {
    expect(knowledge.addons.byImage('602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/kube-proxy')?.name).toBe('kube-proxy');
    expect(knowledge.addons.byImage('registry.k8s.io/ingress-nginx/kube-webhook-certgen')).toBeUndefined();
    expect(knowledge.addons.byChart('istiod')?.name).toBe('istio');
    expect(knowledge.addons.byEksAddon('aws-ebs-csi-driver')?.name).toBe('aws-ebs-csi-driver');
  });

  it('matches images exactly as picomatch matches the add-ons\' patterns', () => {
    const repositories = ['602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/kube-proxy', 'quay.io/argoproj/argocd', 'argoproj/argocd', 'ghcr.io/a/argoproj/argocd/x', 'registry.k8s.io/autoscaling/cluster-autoscaler', 'cluster-autoscaler', 'docker.io/kedacore/keda', 'kedacore/keda-metrics', '', 'registry.k8s.io/ingress-nginx/controller', '.hidden/istio/pilot', 'eks/kube-proxy', 'x/eks/kube-proxyy', 'EKS/KUBE-PROXY'];
    for (const repository of repositories) {
      const expected = knowledge.addons.addons.find((addon) => (addon.detect?.images ?? []).length > 0 && picomatch(addon.detect!.images!)(repository));
      expect(knowledge.addons.byImage(repository)?.name, repository).toBe(expected?.name);
    }
  });

  it('matches as picomatch does whatever the pattern\'s end: a path segment, part of one, a wildcard; the first add-on listed wins', () => {
    const patterns: Record<string, string[]> = {
      first: ['**/team/*-controller', '**/app'],
      second: ['**/app', 'ghcr.io/acme/*', '**/*gateway'],
      third: ['quay.io/**', '**/sub/app'],
    };
    const index = new AddonIndex(Object.entries(patterns).map(([name, images]) => ({ name, detect: { images } }) as AddonDefinition));
    const repositories = ['x/team/ingress-controller', 'team/-controller', 'x/team/ingress-controllers', 'app', 'a/b/app', 'a/sub/app', 'ghcr.io/acme/tool', 'ghcr.io/acme/a/b', 'x/api-gateway', 'gateway', 'quay.io/x/y', 'quay.io', 'x/apps', ''];
    for (const repository of repositories) {
      const expected = Object.entries(patterns).find(([, images]) => picomatch(images)(repository))?.[0];
      expect(index.byImage(repository)?.name, repository).toBe(expected);
    }
  });

  it('takes add-on rows from --data files: new add-ons and rows for bundled ones', () => {
    const extended = loadKnowledge(['test/fixtures/addons/extra-addon.yaml']);
    expect(extended.addons.byImage('ghcr.io/acme/gateway')?.name).toBe('acme-gateway');
    expect(extended.addons.get('argo-cd')!.compatibility!.map((row) => row.versions)).toEqual(['3.0.x', '3.1.x', '3.2.x', '3.3.x', '3.4.x', '3.5.x', '2.8.x']);
    expect(extended.addons.get('argo-cd')!.detect!.images).toEqual(['**/argoproj/argocd']);
  });

  it('names the file, the add-on and the field of an invalid row', () => {
    expect(() => loadKnowledge(['test/fixtures/addons/bad-addon.yaml'])).toThrow(
      'knowledge file test/fixtures/addons/bad-addon.yaml: addons[0] (acme-gateway): compatibility.0.versions: expected a semver range such as "1.26.x" or ">=2.4.7 <2.5.0"',
    );
  });
});
