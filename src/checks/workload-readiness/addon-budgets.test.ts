import { describe, expect, it } from 'vitest';
import type { Resource } from '../../core/types.js';
import { loadKnowledge } from '../../knowledge/load.js';
import { resolveContext } from '../../run-check.js';
import type { Inventory } from '../../core/inventory.js';
import { pdbSelectionCheck } from './pdb-selection.js';

const knowledge = loadKnowledge();
const context = resolveContext({ target: '1.33', current: '1.32', now: new Date('2026-12-04T00:00:00Z') }, knowledge);

function pdb(name: string, namespace: string, matchLabels: Record<string, string>, labels?: Record<string, string>): Resource {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    name,
    namespace,
    origin: { type: 'file', path: `${name}.yaml`, line: 1, column: 1 },
    object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace, ...(labels ? { labels } : {}) }, spec: { maxUnavailable: 1, selector: { matchLabels } } },
  };
}

function findings(resources: Resource[], eksAddons: Inventory['eksAddons']) {
  const inventory: Inventory = { resources, charts: [], eksAddons, environments: [] };
  return pdbSelectionCheck.checkInventory!(inventory, context).map((finding) => [finding.id, finding.resource?.name, finding.details?.addon]);
}

const coredns = [{ name: 'coredns', version: 'v1.11.4-eksbuild.2', origin: { type: 'file' as const, path: 'cluster.yaml', line: 9, column: 1 } }];

describe('PDBs on the pods of EKS managed add-ons', () => {
  it('reports a team PDB on CoreDNS as a second budget when the coredns EKS add-on runs', () => {
    expect(findings([pdb('coredns-pdb', 'kube-system', { 'k8s-app': 'kube-dns' })], coredns)).toEqual([['pdb-overlap', 'coredns-pdb', 'coredns']]);
  });

  it('says only that it selects nothing scanned when CoreDNS is not an EKS managed add-on here', () => {
    expect(findings([pdb('coredns-pdb', 'kube-system', { 'k8s-app': 'kube-dns' })], [])).toEqual([['pdb-no-match', 'coredns-pdb', undefined]]);
  });

  it('leaves the add-on\'s own budget, other namespaces and other pods alone', () => {
    const own = pdb('coredns', 'kube-system', { 'k8s-app': 'kube-dns' }, { 'eks.amazonaws.com/component': 'coredns' });
    const elsewhere = pdb('dns', 'shop', { 'k8s-app': 'kube-dns' });
    const other = pdb('metrics', 'kube-system', { 'k8s-app': 'metrics-server' });
    expect(findings([own, elsewhere, other], coredns)).toEqual([
      ['pdb-no-match', 'coredns', undefined],
      ['pdb-no-match', 'dns', undefined],
      ['pdb-no-match', 'metrics', undefined],
    ]);
  });
});
