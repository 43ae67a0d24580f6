// The summaries the scan keeps in place of whole objects: what each holds, when whole objects stay,
// and that the checks judge the same from either.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck, runScan } from '../../run-check.js';
import type { Inventory } from '../inventory.js';
import { summaryOf, type ObjectSummary } from './object-summary.js';

const FIXTURE = 'test/fixtures/object-summary';
const VERSIONS = { target: '1.34', current: '1.28' };

const NO_POD_FACTS = { spreadTopologyKeys: [], podAntiAffinity: false, nodeSelector: {}, nodeAffinityIn: [], emptyDirs: [], recreateStrategy: false, concurrencyForbidden: false };

describe('object summaries', () => {
  it('are what the scan keeps of each object an inventory check reads, in input order', async () => {
    const { inventory } = await runScan({ paths: [FIXTURE], ...VERSIONS });
    expect(inventory.resources.map((resource) => [resource.kind, resource.name, resource.object])).toEqual([
      ['Deployment', 'checkout', undefined],
      ['CronJob', 'report', undefined],
      ['StatefulSet', 'db', undefined],
      ['Pod', 'checkout-test', undefined],
      ['Deployment', 'checkout-patch', undefined],
      ['PodDisruptionBudget', 'coredns', undefined],
      ['PodDisruptionBudget', 'checkout', undefined],
      ['HorizontalPodAutoscaler', 'checkout', undefined],
      ['Alertmanager', 'main', undefined],
    ]);
    const [checkout, report, db, helmTest, patch, coredns, legacy, hpa, alertmanager] = inventory.resources.map((resource) => resource.summary);
    // No image of the fixture names an add-on: the scan keeps none of them (see the test below).
    expect(checkout).toEqual({
      ignore: 'single-replica, pdb-missing',
      images: [],
      workload: {
        podLabels: { app: 'checkout', tier: 'front', release: '2' },
        selector: { matchLabels: { app: 'checkout' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }] },
        replicas: 3,
        controlled: true,
        unreadyContainers: ['sidecar'],
        unwatchedContainers: ['sidecar'],
        readinessDelaySeconds: 15,
        terminationGracePeriodSeconds: 120,
        spreadTopologyKeys: ['topology.kubernetes.io/zone'],
        podAntiAffinity: true,
        nodeSelector: { 'eks.amazonaws.com/nodegroup': 'general', 'kubernetes.io/os': 'linux' },
        // NotIn pins nothing: only the In expressions, required terms before preferred.
        nodeAffinityIn: [
          { key: 'topology.kubernetes.io/zone', values: ['eu-west-1a', 'eu-west-1b'] },
          { key: 'eks.amazonaws.com/nodegroup', values: ['general-2'] },
        ],
        // The memory-backed one is left out; an unsized one and one that is no quantity stay, without bytes.
        emptyDirs: [{ name: 'cache', sizeLimit: '2Gi', bytes: 2 * 2 ** 30 }, { name: 'tmp' }, { name: 'odd', sizeLimit: 'lots' }],
        recreateStrategy: true,
        concurrencyForbidden: false,
      },
    });
    expect(report).toEqual({
      images: [],
      workload: { ...NO_POD_FACTS, podLabels: {}, controlled: true, unreadyContainers: [], unwatchedContainers: ['report'], readinessDelaySeconds: 0, concurrencyForbidden: true },
    });
    // A templated replica count is not known; an empty selector is left out (the message then names the pod labels).
    expect(db?.workload).toEqual({ ...NO_POD_FACTS, podLabels: { app: 'db' }, controlled: true, unreadyContainers: [], unwatchedContainers: ['postgres'], readinessDelaySeconds: 0, volumeClaimTemplates: ['data', 'wal'] });
    expect(db?.workload && 'replicas' in db.workload && db.workload.replicas).toBeUndefined();
    // A Helm test hook and a patch are no workloads.
    expect(helmTest).toEqual({ images: [] });
    expect(patch).toEqual({ images: [] });
    expect(coredns).toEqual({ images: [], budget: { selector: { matchLabels: { 'k8s-app': 'kube-dns' }, matchExpressions: [] }, minAvailable: '50%', managedByEks: true } });
    expect(legacy).toEqual({ images: [], budget: { maxUnavailable: 0, managedByEks: false } });
    expect(hpa).toEqual({ images: [], autoscaler: { targetKind: 'Deployment', targetName: 'checkout', minReplicas: 2 } });
    expect(alertmanager).toEqual({ images: [], podMetadataLabels: { team: 'sre', tier: '1' } });
  });

  it('are read from whole objects alike, which stay for the kinds the caller keeps (plan) and for onInventory (simulate)', async () => {
    const summarized = await runScan({ paths: [FIXTURE], ...VERSIONS });
    const planned = await runScan({ paths: [FIXTURE], ...VERSIONS, keepKinds: ['Deployment'] });
    expect(planned.inventory.resources.map((resource) => [resource.kind, resource.object !== undefined, resource.summary !== undefined])).toEqual([
      ['Deployment', true, false],
      ['CronJob', false, true],
      ['StatefulSet', false, true],
      ['Pod', false, true],
      ['Deployment', true, false],
      ['PodDisruptionBudget', false, true],
      ['PodDisruptionBudget', false, true],
      ['HorizontalPodAutoscaler', false, true],
      ['Alertmanager', false, true],
    ]);
    let simulated: Inventory | undefined;
    await runCheck({ paths: [FIXTURE], ...VERSIONS, onInventory: (inventory) => (simulated = inventory) });
    expect(simulated!.resources.every((resource) => resource.object !== undefined && resource.summary === undefined)).toBe(true);
    // The same facts, but that a summary of a whole object keeps every image (the scan's, those naming an add-on).
    const withoutImages = (summary: ObjectSummary | undefined) => ({ ...summary, images: undefined });
    expect(simulated!.resources.map(summaryOf).map(withoutImages)).toEqual(summarized.inventory.resources.map((resource) => withoutImages(resource.summary)));
    expect(planned.inventory.resources.map(summaryOf).map(withoutImages)).toEqual(summarized.inventory.resources.map((resource) => withoutImages(resource.summary)));
    expect(summaryOf(simulated!.resources[0])?.images).toEqual(['registry.example.com/shop/migrate:2.1.0', 'registry.example.com/shop/checkout:2.1.0', 'registry.example.com/shop/proxy:1.0.0']);
    expect(summaryOf(simulated!.resources[3])?.images).toEqual(['busybox:1.36']);
  });

  it('keep the images that name an add-on, which the add-on checks find as from whole objects', async () => {
    const root = mkdtempSync(join(tmpdir(), 'upshift-summary-images-'));
    try {
      writeFileSync(
        join(root, 'dns.yaml'),
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: dns\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels: {app: dns}\n  template:\n    metadata:\n      labels: {app: dns}\n    spec:\n      initContainers:\n        - name: setup\n          image: registry.example.com/platform/setup:1.0\n      containers:\n        - name: coredns\n          image: registry.k8s.io/coredns/coredns:v1.11.3\n        - name: metrics\n          image: registry.example.com/platform/metrics:2.0\n',
      );
      const { inventory } = await runScan({ paths: [root], ...VERSIONS });
      expect(inventory.resources.map((resource) => resource.summary?.images)).toEqual([['registry.k8s.io/coredns/coredns:v1.11.3']]);
      const whole = await runCheck({ paths: [root], ...VERSIONS, onInventory: () => {} });
      const summarized = await runCheck({ paths: [root], ...VERSIONS });
      expect(summarized.findings.filter((finding) => finding.id === 'addon-outdated').map((finding) => finding.details?.addon)).toEqual(['coredns']);
      expect(JSON.stringify(summarized)).toBe(JSON.stringify(whole));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('are kept as well when the resources waited whole for the current version (no --current)', async () => {
    const withCurrent = await runScan({ paths: [FIXTURE], ...VERSIONS });
    const waited = await runScan({ paths: [FIXTURE], target: '1.34' });
    expect(waited.inventory.resources.every((resource) => resource.object === undefined)).toBe(true);
    expect(waited.inventory.resources.map((resource) => resource.summary)).toEqual(withCurrent.inventory.resources.map((resource) => resource.summary));
  });

  it('give the findings whole objects give', async () => {
    for (const paths of [[FIXTURE], ['test/fixtures/readiness'], ['test/fixtures/readiness/operator']]) {
      const whole = await runCheck({ paths, ...VERSIONS, onInventory: () => {} });
      const summarized = await runCheck({ paths, ...VERSIONS });
      expect(summarized.findings.length).toBeGreaterThan(0);
      expect(JSON.stringify(summarized)).toBe(JSON.stringify(whole));
    }
  });

  it('make the findings the fixture calls for, the opt-out annotation included', async () => {
    const report = await runCheck({ paths: [FIXTURE], ...VERSIONS, skip: ['api-removed', 'support-ended'] });
    // Not there: pdb-missing on Deployment checkout (its HPA keeps 2 replicas, no PDB selects them), which
    // its annotation opts out of; long-termination-grace (120 s is within EKS's 15 minutes); probes of the CronJob.
    expect(report.findings.map((finding) => `${finding.id} ${finding.resource?.kind}/${finding.resource?.name}`)).toEqual([
      'local-storage Deployment/checkout',
      'nodegroup-pinned Deployment/checkout',
      'nodegroup-pinned Deployment/checkout',
      'readiness-probe-missing Deployment/checkout',
      'singleton-job CronJob/report',
      'pdb-no-match PodDisruptionBudget/coredns',
      'pdb-no-match PodDisruptionBudget/checkout',
      'liveness-probe-missing Deployment/checkout',
      'recreate-strategy Deployment/checkout',
      'liveness-probe-missing StatefulSet/db',
      'zonal-volume StatefulSet/db',
    ]);
  });
});
