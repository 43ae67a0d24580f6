// The readiness checks on real manifest files: every id, the opt-out annotation, the
// project configuration and its errors.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../run-check.js';

const FIXTURES = 'test/fixtures/readiness';

function summary(findings: { id: string; resource?: { kind: string; name?: string }; origin?: { type: string; line?: number } }[]) {
  return findings.map((f) => `${f.id} ${f.resource?.kind}/${f.resource?.name}:${f.origin && 'line' in f.origin ? f.origin.line : ''}`);
}

describe('workload readiness checks', () => {
  it('reports every problem of the fixtures, once, where it is', async () => {
    const report = await runCheck({ paths: [FIXTURES], target: '1.30', skip: ['api-removed'] });
    expect(summary(report.findings)).toEqual([
      'pdb-overlap Deployment/web:2',
      'pdb-blocks-eviction PodDisruptionBudget/web:24',
      'pdb-blocks-eviction PodDisruptionBudget/worker:34',
      'bare-pod Pod/debug:64',
      'docker-socket Pod/debug:64',
      'pdb-no-match PodDisruptionBudget/old-alertmanager:59',
      'pdb-no-match PodDisruptionBudget/web:47',
      'long-termination-grace Deployment/worker:3',
      'nodegroup-pinned Deployment/worker:3',
      'zone-spread-missing Deployment/worker:3',
      'hpa-min-below-pdb HorizontalPodAutoscaler/worker:24',
      'singleton-job Deployment/relay:44',
      'local-storage Pod/debug:64',
      'singleton-job CronJob/nightly:81',
      'pdb-empty-selector PodDisruptionBudget/everything:97',
      'pdb-missing StatefulSet/db:106',
      'zone-spread-missing StatefulSet/db:106',
      'recreate-strategy Deployment/relay:44',
      'zonal-volume StatefulSet/db:106',
    ]);
  });

  it('words the per-workload findings from their details, which carry what a PDB would select', async () => {
    const report = await runCheck({ paths: [`${FIXTURES}/workers.yaml`], target: '1.30', only: ['pdb-missing', 'zone-spread-missing'] });
    expect(report.findings.map(({ id, message, details }) => ({ id, message, details }))).toEqual([
      {
        id: 'zone-spread-missing',
        message:
          'Deployment jobs/worker runs 2 replicas with neither a zone topologySpreadConstraint nor a podAntiAffinity, so they may share one zone or node; add a topologySpreadConstraint with topologyKey: topology.kubernetes.io/zone and maxSkew: 1',
        details: { replicas: 2 },
      },
      {
        id: 'pdb-missing',
        message: 'StatefulSet jobs/db runs 2 replicas with no PodDisruptionBudget: a drain may evict all of them at once; add a policy/v1 PDB with maxUnavailable: 1 selecting app=db',
        details: { replicas: 2, selector: { matchLabels: { app: 'db' }, matchExpressions: [] } },
      },
      {
        id: 'zone-spread-missing',
        message:
          'StatefulSet jobs/db runs 2 replicas with neither a zone topologySpreadConstraint nor a podAntiAffinity, so they may share one zone or node; add a topologySpreadConstraint with topologyKey: topology.kubernetes.io/zone and maxSkew: 1',
        details: { replicas: 2 },
      },
    ]);
  });

  it('says what to change', async () => {
    const report = await runCheck({ paths: [`${FIXTURES}/shop.yaml`, `${FIXTURES}/workers.yaml`], target: '1.30', only: ['pdb-blocks-eviction', 'pdb-overlap'] });
    expect(report.findings.map((f) => f.message)).toEqual([
      'Deployment shop/web is selected by 2 PDBs (web, front): the eviction API refuses to evict pods covered by more than one budget, so every drain of their nodes hangs; delete all but one PDB or make their selectors disjoint',
      'PDB shop/web allows no voluntary disruption (maxUnavailable 0 with 3 replicas of Deployment web): node drains hang, and an EKS managed node-group update fails with PodEvictionFailure after 15 minutes; set maxUnavailable: 1 on PDB shop/web',
      // Replicas come from the HPA: it may scale the Deployment down to 2.
      'PDB jobs/worker allows no voluntary disruption (minAvailable 2 with 2 replicas of Deployment worker): node drains hang, and an EKS managed node-group update fails with PodEvictionFailure after 15 minutes; set maxUnavailable: 1 on PDB jobs/worker, or run at least 3 replicas',
    ]);
    expect(report.findings[1].details).toEqual({ minAvailable: null, maxUnavailable: 0, replicas: 3, selects: ['Deployment/web'] });
  });

  it('honours upshift.io/ignore: the Recreate singleton reports neither single-replica nor liveness-probe-missing', async () => {
    const report = await runCheck({ paths: [`${FIXTURES}/workers.yaml`], target: '1.30', only: ['single-replica', 'liveness-probe-missing', 'recreate-strategy'] });
    expect(summary(report.findings)).toEqual(['recreate-strategy Deployment/relay:44']);
  });

  it('reports the docker socket only from the release without dockershim', async () => {
    const report = await runCheck({ paths: [`${FIXTURES}/workers.yaml`], target: '1.23', only: ['docker-socket'] });
    expect(report.findings).toEqual([]);
  });

  it('takes thresholds and ignores from the project configuration', async () => {
    const report = await runCheck({ paths: [`${FIXTURES}/workers.yaml`], target: '1.30', configFile: `${FIXTURES}/upshift-config.yaml`, only: ['single-replica', 'docker-socket', 'pdb-missing'] });
    expect(report.findings.map((f) => f.message)).toEqual([
      'Deployment jobs/worker runs HPA worker minReplicas 2: it is down whenever its node is drained; set minReplicas: 3 on HPA worker (and add a PDB with maxUnavailable: 1)',
      'StatefulSet jobs/db runs replicas 2: it is down whenever its node is drained; set replicas: 3 (and add a PDB with maxUnavailable: 1)',
    ]);
  });

  it('reports an emptyDir by its size: above 1Gi by default, unsized and above the threshold .upshift.yaml sets; never in memory', async () => {
    const byDefault = await runCheck({ paths: [`${FIXTURES}/workers.yaml`], target: '1.30', only: ['local-storage'] });
    expect(byDefault.findings.map((f) => f.message)).toEqual([
      'Pod jobs/debug has emptyDir volume index (sizeLimit 4Gi), above the 1Gi local-storage threshold: a drain deletes it (kubectl drain needs --delete-emptydir-data) and the pod starts empty elsewhere; keep only caches it can rebuild there, or use a PersistentVolumeClaim',
    ]);
    const configured = await runCheck({ paths: [`${FIXTURES}/workers.yaml`], target: '1.30', configFile: `${FIXTURES}/upshift-config.yaml`, only: ['local-storage'] });
    expect(configured.findings.map((f) => f.details)).toEqual([{ volumes: ['scratch', 'index', 'thumbnails'], threshold: '256Mi' }]);
  });

  it('takes a PDB over the pods an operator runs for a custom resource in the inputs as selecting them (prometheus-operator)', async () => {
    const report = await runCheck({ paths: [`${FIXTURES}/operator`], target: '1.30', only: ['pdb-no-match'] });
    expect(summary(report.findings)).toEqual(['pdb-no-match PodDisruptionBudget/old-alertmanager:59']);
  });

  it('stops with the file and field when the configuration is wrong', async () => {
    await expect(runCheck({ paths: [FIXTURES], target: '1.30', configFile: `${FIXTURES}/bad-config.yaml` })).rejects.toThrow(
      'config file test/fixtures/readiness/bad-config.yaml: readiness.minReplicas: expected a whole number of replicas such as 2; see "Configuration" in the README',
    );
    await expect(runCheck({ paths: [FIXTURES], target: '1.30', configFile: 'no/such/.upshift.yaml' })).rejects.toThrow(
      'config file no/such/.upshift.yaml cannot be read (ENOENT); check the --config path',
    );
  });
});
