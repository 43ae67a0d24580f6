import { describe, expect, it } from 'vitest';
import { compatibilityLine, matrixReaders } from './index.js';

const FIXTURES = 'test/fixtures/upstream/matrices';
const read = (addon: string) => matrixReaders.get(addon)!.read(`${FIXTURES}/${addon}`);

describe('add-on matrix readers', () => {
  it('karpenter: the generated compatibility.yaml, minors kept as text and repeated entries once', () => {
    expect(read('karpenter')).toEqual([
      { versions: '0.37.x', kubernetesMin: '1.23', kubernetesMax: '1.30' },
      { versions: '1.0.5', kubernetesMin: '1.25', kubernetesMax: '1.31' },
      { versions: '1.9.x', kubernetesMin: '1.26', kubernetesMax: '1.30' },
    ]);
  });

  it('ingress-nginx: one row per controller release of the README table', () => {
    expect(read('ingress-nginx')).toEqual([
      { versions: '1.12.1', kubernetesMin: '1.28', kubernetesMax: '1.32', note: 'chart 4.12.1' },
      { versions: '1.3.1', kubernetesMin: '1.20', kubernetesMax: '1.24', note: 'chart 4.2.5' },
    ]);
  });

  it('cert-manager: supported releases, not the upcoming TBD ones', () => {
    expect(read('cert-manager')).toEqual([{ versions: '1.19.x', kubernetesMin: '1.31', kubernetesMax: '1.35', note: 'released Oct 07, 2025' }]);
  });

  it('istio: released minors of supportStatus.yml, lists or comma-separated strings', () => {
    expect(read('istio')).toEqual([
      { versions: '1.30.x', kubernetesMin: '1.32', kubernetesMax: '1.36', note: 'released May 14, 2026' },
      { versions: '1.16.x', kubernetesMin: '1.22', kubernetesMax: '1.25', note: 'released November 15, 2022' },
    ]);
  });

  it('argo-cd: the tested versions of a release branch', () => {
    expect(read('argo-cd')).toEqual([
      { versions: '3.2.x', kubernetesMin: '1.31', kubernetesMax: '1.34', note: 'tested versions' },
      { versions: '3.1.x', kubernetesMin: '1.31', kubernetesMax: '1.34', note: 'tested versions' },
    ]);
  });

  it('metrics-server: open-ended, flagged and closed ranges', () => {
    expect(read('metrics-server')).toEqual([
      { versions: '0.8.x', kubernetesMin: '1.31', kubernetesMax: null },
      { versions: '0.5.x', kubernetesMin: '1.8', kubernetesMax: null, note: 'below 1.16 needs --authorization-always-allow-paths=/livez,/readyz' },
      { versions: '0.3.x', kubernetesMin: '1.8', kubernetesMax: '1.21' },
    ]);
  });

  it('keda: the newest release folder\'s table, without the TBD release', () => {
    expect(read('keda')).toEqual([
      { versions: '2.10.x', kubernetesMin: '1.24', kubernetesMax: '1.26' },
      { versions: '2.9.x', kubernetesMin: '1.23', kubernetesMax: '1.25' },
    ]);
  });

  it('cluster-autoscaler: one Kubernetes minor per autoscaler release of the README table', () => {
    expect(read('cluster-autoscaler')).toEqual([
      { versions: '1.33.x', kubernetesMin: '1.33', kubernetesMax: '1.33', note: 'chart 9.47.0+' },
      { versions: '1.29.x', kubernetesMin: '1.29', kubernetesMax: '1.29', note: 'chart 9.35.0+' },
      { versions: '1.3.x', kubernetesMin: '1.11', kubernetesMax: '1.11' },
      { versions: '0.5.x || 0.6.x', kubernetesMin: '1.8', kubernetesMax: '1.8' },
    ]);
  });

  it('aws-load-balancer-controller: closed and open ranges of the installation page bullets', () => {
    expect(read('aws-load-balancer-controller')).toEqual([
      { versions: '>=2.2.0 <=2.3.1', kubernetesMin: '1.16', kubernetesMax: '1.21' },
      { versions: '>=2.5.0', kubernetesMin: '1.22', kubernetesMax: null },
    ]);
  });

  it('prints rows as data/addons files write them', () => {
    expect(compatibilityLine({ versions: '0.8.x', kubernetesMin: '1.31', kubernetesMax: null }, 'https://example.io')).toBe(
      '      - { versions: "0.8.x", kubernetesMin: "1.31", kubernetesMax: null, source: "https://example.io" }',
    );
  });

  it('names the file when a checkout is not the repository it should be', () => {
    expect(() => matrixReaders.get('metrics-server')!.read(`${FIXTURES}/keda`)).toThrow(`${FIXTURES}/keda/README.md: not found; is ${FIXTURES}/keda a checkout of the right repository?`);
    expect(() => matrixReaders.get('ingress-nginx')!.read(`${FIXTURES}/metrics-server`)).toThrow('README.md: no "Supported Versions table" found; the page layout changed, update the reader');
  });
});
