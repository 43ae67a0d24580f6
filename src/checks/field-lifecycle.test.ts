import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load.js';
import { valuesAtPath } from '../knowledge/fields.js';
import { runCheck, runScan } from '../run-check.js';

const knowledge = loadKnowledge();
const FIXTURE = 'test/fixtures/fields/legacy-fields.yaml';
const FIELD_IDS = ['field-removed', 'field-deprecated'];
// A target before the calendar's first version needs a calendar row for it, as `--data` adds one.
const withOldVersion = { ...knowledge, eks: { ...knowledge.eks, versions: [{ ...knowledge.eks.versions[0]!, version: '1.10' }, ...knowledge.eks.versions] } };

/** Writes `text` as `name` in a fresh temporary directory and returns its path. */
function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'upshift-fields-')), name);
  writeFileSync(file, text);
  return file;
}

async function fieldFindings(target: string, current?: string) {
  const report = await runCheck({ paths: [FIXTURE], target, current, knowledge: withOldVersion, only: FIELD_IDS });
  return report.findings.map((f) => [f.id, `${f.resource?.kind} ${f.resource?.name}`, f.origin?.type === 'file' ? f.origin.line : undefined, f.message]);
}

describe('field-removed and field-deprecated', () => {
  it('reports nothing before the fields are deprecated', async () => {
    expect(await fieldFindings('1.10')).toEqual([]);
  });

  it('warns about the gitRepo volume while it still works, and about nothing else at 1.32', async () => {
    expect(await fieldFindings('1.32')).toEqual([
      ['field-deprecated', 'Deployment docs', 2, 'Deployment web/docs sets the in-tree gitRepo volume, deprecated since 1.11 (stops working in 1.33); use an emptyDir volume that an init container fills with git clone (or a git-sync sidecar)'],
      ['field-deprecated', 'CronJob docs-rebuild', 29, 'CronJob web/docs-rebuild sets the in-tree gitRepo volume, deprecated since 1.11 (stops working in 1.33); use an emptyDir volume that an init container fills with git clone (or a git-sync sidecar)'],
    ]);
  });

  it('names the hop before which the gitRepo volume must go, and every deprecated Service field at 1.36', async () => {
    expect(await fieldFindings('1.36', '1.31')).toEqual([
      ['field-removed', 'Deployment docs', 2, 'Deployment web/docs sets the in-tree gitRepo volume, which stops working in 1.33; use an emptyDir volume that an init container fills with git clone (or a git-sync sidecar); change it before the 1.32→1.33 hop'],
      ['field-removed', 'CronJob docs-rebuild', 29, 'CronJob web/docs-rebuild sets the in-tree gitRepo volume, which stops working in 1.33; use an emptyDir volume that an init container fills with git clone (or a git-sync sidecar); change it before the 1.32→1.33 hop'],
      ['field-deprecated', 'Service docs', 48, 'Service web/docs sets spec.externalIPs, deprecated since 1.36 (no removal scheduled yet); use a Service of type LoadBalancer (on EKS, the AWS Load Balancer Controller) or the Gateway API'],
      ['field-deprecated', 'Service docs', 48, 'Service web/docs sets spec.trafficDistribution: PreferClose, deprecated since 1.34 (no removal scheduled yet); use spec.trafficDistribution: PreferSameZone (same behaviour, new name); the replacement is accepted only from 1.34, so change it after the 1.33→1.34 hop'],
      ['field-deprecated', 'Service docs', 48, 'Service web/docs sets the service.kubernetes.io/topology-mode annotation, deprecated since 1.33 (no removal scheduled yet); use spec.trafficDistribution: PreferSameZone (GA in 1.33 as PreferClose; PreferSameZone from 1.34)'],
    ]);
  });

  it('says when a field already does not work at the current version', async () => {
    const [first] = await fieldFindings('1.34', '1.33');
    expect(first).toEqual([
      'field-removed',
      'Deployment docs',
      2,
      'Deployment web/docs sets the in-tree gitRepo volume, which stops working in 1.33; use an emptyDir volume that an init container fills with git clone (or a git-sync sidecar); it does not work at the current 1.33 either',
    ]);
  });

  it('carries machine-readable details', async () => {
    const report = await runCheck({ paths: [FIXTURE], target: '1.33', current: '1.30', knowledge, only: ['field-removed'] });
    expect(report.findings[0]!.details).toEqual({
      field: 'gitrepo-volume',
      label: 'the in-tree gitRepo volume',
      path: 'volumes.*.gitRepo',
      deprecatedIn: '1.11',
      removedIn: '1.33',
      replacement: 'an emptyDir volume that an init container fills with git clone (or a git-sync sidecar)',
      hop: '1.32→1.33',
      migration: knowledge.fields.find((row) => row.id === 'gitrepo-volume')!.note,
      source: 'https://github.com/kubernetes/enhancements/issues/5040',
    });
  });

  it('takes a --data row that replaces a bundled one by id', async () => {
    const data = tempFile('fields.yaml', `fields:
  - id: service-external-ips
    kinds: [Service]
    path: [spec, externalIPs]
    label: spec.externalIPs
    deprecatedIn: "1.30"
    removedIn: "1.34"
    replacement: a LoadBalancer Service
    forecast: true
    note: our platform team turns externalIPs off with 1.34
    source: https://wiki.example.com/platform/external-ips
`);
    const report = await runCheck({ paths: [FIXTURE], target: '1.34', dataFiles: [data], only: FIELD_IDS });
    const externalIps = report.findings.filter((f) => f.details?.field === 'service-external-ips');
    expect(externalIps.map((f) => [f.id, f.message])).toEqual([
      ['field-removed', 'Service web/docs sets spec.externalIPs, which stops working in 1.34 (forecast, not yet announced); use a LoadBalancer Service'],
    ]);
  });

  it('reads whole the kinds a --data row names, not only the bundled rows\' kinds', async () => {
    const data = tempFile('fields.yaml', 'fields:\n  - id: ingress-class-annotation\n    kinds: [Ingress]\n    path: [metadata, annotations, kubernetes.io/ingress.class]\n    label: the kubernetes.io/ingress.class annotation\n    deprecatedIn: "1.18"\n    removedIn: null\n    replacement: spec.ingressClassName\n    note: superseded by spec.ingressClassName\n    source: https://kubernetes.io/docs/concepts/services-networking/ingress/\n');
    const ingress = tempFile('ingress.yaml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    kubernetes.io/ingress.class: nginx\nspec:\n  defaultBackend: { service: { name: web, port: { number: 80 } } }\n');
    const report = await runCheck({ paths: [ingress], target: '1.30', dataFiles: [data], only: FIELD_IDS });
    expect(report.findings.map((f) => [f.id, f.resource?.name, f.details?.field])).toEqual([['field-deprecated', 'web', 'ingress-class-annotation']]);
  });

  it('rejects an invalid --data row naming the file and the row', async () => {
    const data = tempFile('fields.yaml', 'fields:\n  - id: broken\n    kinds: [Service]\n    path: []\n    label: x\n    deprecatedIn: 1.3\n    removedIn: null\n    replacement: y\n    note: z\n    source: https://example.com\n');
    expect(() => loadKnowledge([data])).toThrow(new RegExp(`knowledge file ${data}: fields\\[0\\] \\(broken\\): path: .*; deprecatedIn: expected a quoted "MAJOR.MINOR" version`));
  });

  it('matches a row value against scalars as text', async () => {
    const data = tempFile('fields.yaml', 'fields:\n  - id: host-network-pods\n    kinds: [pod]\n    path: [hostNetwork]\n    value: "true"\n    label: hostNetwork\n    deprecatedIn: "1.34"\n    removedIn: null\n    replacement: a Service\n    note: policy\n    source: https://wiki.example.com/host-network\n');
    const pods = tempFile('pods.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: { name: on-host }\nspec:\n  hostNetwork: true\n  containers: [{ name: a, image: a }]\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: off-host }\nspec:\n  hostNetwork: false\n  containers: [{ name: a, image: a }]\n');
    const report = await runCheck({ paths: [pods], target: '1.34', dataFiles: [data], only: FIELD_IDS });
    expect(report.findings.map((f) => [f.id, f.resource?.name])).toEqual([['field-deprecated', 'on-host']]);
  });
});

describe('fields the scan would otherwise leave out of kept objects', () => {
  it('are kept when a --data row walks them (container securityContext)', async () => {
    const data = tempFile('fields.yaml', 'fields:\n  - id: privileged-containers\n    kinds: [pod]\n    path: [containers, "*", securityContext, privileged]\n    value: "true"\n    label: a privileged container\n    deprecatedIn: "1.33"\n    removedIn: null\n    replacement: capabilities\n    note: policy\n    source: https://wiki.example.com/privileged\n');
    const deployment = tempFile('deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: agent }\nspec:\n  template:\n    spec:\n      containers:\n      - name: agent\n        image: agent:1\n        securityContext:\n          privileged: true\n');
    const report = await runCheck({ paths: [deployment], target: '1.34', dataFiles: [data], only: FIELD_IDS });
    expect(report.findings.map((f) => [f.id, f.resource?.name, f.details?.field])).toEqual([['field-deprecated', 'agent', 'privileged-containers']]);
  });
});

describe('the inventory after a scan', () => {
  it('keeps the workloads the readiness checks read after the scan, not the Services only the field checks read', async () => {
    const { inventory, report } = await runScan({ paths: [FIXTURE], target: '1.36', knowledge });
    expect(report.findings.filter((f) => f.resource?.kind === 'Service').length).toBe(3);
    expect(inventory.resources.map((resource) => `${resource.kind} ${resource.name}`)).toEqual(['Deployment docs', 'CronJob docs-rebuild']);
  });
});

describe('valuesAtPath', () => {
  it('walks keys and fans out over list items', () => {
    const spec = { volumes: [{ name: 'a', gitRepo: { repository: 'x' } }, { name: 'b', emptyDir: {} }, 'odd'] };
    expect(valuesAtPath(spec, ['volumes', '*', 'gitRepo'])).toEqual([{ repository: 'x' }]);
    expect(valuesAtPath(spec, ['volumes', '*', 'name'])).toEqual(['a', 'b']);
    expect(valuesAtPath(spec, ['volumes', 'name'])).toEqual([]);
    expect(valuesAtPath({ a: null }, ['a'])).toEqual([]);
  });
});
