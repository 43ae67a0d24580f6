// Cases learned from the peers' own test suites (kube-no-trouble's rule cases, pluto's static e2e cases), as our
// own fixtures: where upshift must agree with them, and the one place the kubernetes/api tags overrule pluto.
import { describe, expect, it } from 'vitest';
import { loadKnowledge, runCheck } from '../src/index.js';

const knowledge = loadKnowledge();
const only = ['api-removed', 'api-deprecated'];

describe('peer cases', () => {
  it('flags the external-snapshotter v1beta1 kinds as kube-no-trouble does, as releases of that component', async () => {
    const report = await runCheck({ paths: ['test/fixtures/peers/volume-snapshots.yaml'], target: '1.36', knowledge, only });
    expect(report.findings.map((f) => [f.id, f.resource?.kind, f.details?.component, f.details?.removedIn])).toEqual([
      ['api-removed', 'VolumeSnapshotClass', 'external-snapshotter', '6.0'],
      ['api-removed', 'VolumeSnapshot', 'external-snapshotter', '6.0'],
      ['api-removed', 'VolumeSnapshotContent', 'external-snapshotter', '6.0'],
    ]);
    expect(report.findings[1].message).toBe(
      'VolumeSnapshot orders/orders-db-nightly uses snapshot.storage.k8s.io/v1beta1, no longer served from external-snapshotter 6.0; use snapshot.storage.k8s.io/v1 (served since external-snapshotter 4.0)',
    );
  });

  it('dates extensions/v1beta1 Deployment by the kubernetes/api tag (deprecated 1.8), not by pluto (1.9)', async () => {
    const at = async (target: string) => (await runCheck({ paths: ['test/fixtures/peers/deployment-extensions.yaml'], target, knowledge, only })).findings.map((f) => f.id);
    expect(await at('1.7')).toEqual([]);
    expect(await at('1.8')).toEqual(['api-deprecated']);
    expect(await at('1.16')).toEqual(['api-removed']);
  });
});
