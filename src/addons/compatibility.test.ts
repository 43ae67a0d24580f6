import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load.js';
import { compatibilityRowOf, judgeAddon } from './compatibility.js';

const addons = loadKnowledge().addons;
const addon = (name: string) => addons.get(name)!;

describe('judgeAddon', () => {
  it('moves cluster-autoscaler right after every hop, one minor at a time, as its minor follows the control plane', () => {
    expect(judgeAddon(addon('cluster-autoscaler'), '1.28.2', '1.30', '1.28')).toEqual({
      kind: 'moves',
      row: expect.objectContaining({ versions: '1.28.x' }),
      supportsCurrent: true,
      moves: [
        { hop: '1.28→1.29', phase: 'after', kubernetes: ['1.29'], minimum: '1.29.0', recommended: '1.29.x' },
        { hop: '1.29→1.30', phase: 'after', kubernetes: ['1.30'], minimum: '1.30.0', recommended: '1.30.x' },
      ],
    });
    // Another minor than the control plane's now: to the control plane's first, before the first hop.
    expect(judgeAddon(addon('cluster-autoscaler'), '1.26.4', '1.29', '1.28')).toMatchObject({
      moves: [
        { hop: '1.28→1.29', phase: 'before', kubernetes: ['1.28'], minimum: '1.28.0' },
        { hop: '1.28→1.29', phase: 'after', kubernetes: ['1.29'], minimum: '1.29.0' },
      ],
    });
  });

  // argoproj/argo-helm's argo-cd chart (argo-cd 3.4.4) scanned for a 1.30 cluster (2026-12): no later
  // release runs on 1.30 or 1.31, so "a release supporting 1.31 (none is known)" pointed nowhere.
  it('moves a release that is ahead of the cluster back to an older one, as no later one helps', () => {
    expect(judgeAddon(addon('argo-cd'), '3.4.4', '1.34', '1.30')).toMatchObject({
      kind: 'moves',
      supportsCurrent: false,
      moves: [
        { hop: '1.30→1.31', phase: 'before', kubernetes: ['1.30', '1.31'], minimum: null, recommended: '3.0.x', older: true },
        { hop: '1.32→1.33', phase: 'before', kubernetes: ['1.32', '1.33'], minimum: '3.1.0', recommended: '3.4.x' },
      ],
    });
    // Following the control plane, it goes back to the current minor, then one minor after every hop.
    expect(judgeAddon(addon('cluster-autoscaler'), '1.32.1', '1.33', '1.30')).toEqual(
      expect.objectContaining({
        moves: [
          { hop: '1.30→1.31', phase: 'before', kubernetes: ['1.30'], minimum: null, recommended: '1.30.x', older: true },
          { hop: '1.30→1.31', phase: 'after', kubernetes: ['1.31'], minimum: '1.31.0', recommended: '1.31.x' },
          { hop: '1.31→1.32', phase: 'after', kubernetes: ['1.32'], minimum: '1.32.0', recommended: '1.32.x' },
          { hop: '1.32→1.33', phase: 'after', kubernetes: ['1.33'], minimum: '1.33.0', recommended: '1.33.x' },
        ],
      }),
    );
  });

  it('does not call AWS Load Balancer Controller 2.4.0–2.4.6 incompatible with 1.25: the project publishes no upper bound', () => {
    expect(judgeAddon(addon('aws-load-balancer-controller'), '2.4.2', '1.27', '1.24')).toMatchObject({ kind: 'ok', row: { kubernetesMax: null, advice: [{ fromKubernetes: '1.25' }] } });
    expect(judgeAddon(addon('aws-load-balancer-controller'), '2.1.0', '1.22', '1.21')).toMatchObject({ kind: 'moves', moves: [{ hop: '1.21→1.22', minimum: '2.4.0' }] });
  });

  it('is hop-aware: a release fine at the target may be wrong for a hop on the way', () => {
    // Istio 1.16 supports 1.22–1.25; the target's newest line (1.30.x) would not run on 1.25–1.31, so it steps.
    const verdict = judgeAddon(addon('istio'), '1.16.1', '1.30', '1.25');
    expect(verdict).toMatchObject({
      kind: 'moves',
      moves: [
        { hop: '1.25→1.26', minimum: '1.17.0', recommended: '1.20.x' },
        { hop: '1.29→1.30', minimum: '1.22.0', recommended: '1.27.x' },
      ],
    });
  });

  it('judges the target alone without a current version', () => {
    expect(judgeAddon(addon('karpenter'), '0.31.3', '1.34')).toEqual({
      kind: 'moves',
      row: expect.objectContaining({ versions: '0.31.x' }),
      supportsCurrent: null,
      moves: [{ phase: 'before', kubernetes: ['1.34'], minimum: '1.6.0', recommended: '1.14.x' }],
    });
  });

  it('says when no known release supports a hop', () => {
    const verdict = judgeAddon(addon('ingress-nginx'), '1.15.1', '1.36', '1.35');
    expect(verdict).toMatchObject({ kind: 'moves', moves: [{ hop: '1.35→1.36', minimum: null, recommended: null }] });
  });

  it('reports what the knowledge base does not know', () => {
    expect(judgeAddon(addon('argo-cd'), '2.8.4', '1.34')).toEqual({ kind: 'unknown', reason: 'release 2.8.4 is not covered by the compatibility matrix' });
    expect(judgeAddon(addon('prometheus-operator'), '0.70.0', '1.34')).toEqual({ kind: 'unknown', reason: 'no compatibility matrix is in the knowledge base' });
  });

  it('picks the most specific row for patch-level splits', () => {
    expect(compatibilityRowOf(addon('karpenter'), '1.0.4')).toMatchObject({ kubernetesMax: '1.30' });
    expect(compatibilityRowOf(addon('karpenter'), '1.0.5')).toMatchObject({ kubernetesMax: '1.31' });
  });
});
