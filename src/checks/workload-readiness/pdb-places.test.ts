// Which PDBs select which pods when the inputs describe several clusters (Kustomize overlays,
// a chart's values per environment) or write one object twice: only budgets that can meet the
// pods in one cluster count, and one object written twice is one budget.
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../core/types.js';
import type { Inventory } from '../../core/inventory.js';
import { loadKnowledge } from '../../knowledge/load.js';
import { resolveContext } from '../../run-check.js';
import { pdbSelectionCheck } from './pdb-selection.js';

const context = resolveContext({ target: '1.33', current: '1.32', now: new Date('2026-12-04T00:00:00Z') }, loadKnowledge());

function origin(path: string, env?: string): Resource['origin'] {
  return { type: 'file', path, line: 1, column: 1, ...(env ? { env } : {}) };
}

function deployment(at: Resource['origin']): Resource {
  const object = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } };
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop', origin: at, object };
}

function pdb(name: string, at: Resource['origin']): Resource {
  const object = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'shop' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } } };
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', name, namespace: 'shop', origin: at, object };
}

function overlaps(resources: Resource[]): unknown[] {
  const inventory: Inventory = { resources, charts: [], eksAddons: [], environments: [] };
  return pdbSelectionCheck.checkInventory!(inventory, context).filter((finding) => finding.id === 'pdb-overlap').map((finding) => [finding.origin, finding.details?.pdbs]);
}

describe('PDB selection across environments', () => {
  it('does not count the PDB of another environment (two overlays of one base, one namespace)', () => {
    expect(overlaps([deployment(origin('base/web.yaml', 'dev')), pdb('web', origin('base/pdb.yaml', 'dev')), deployment(origin('base/web.yaml', 'prod')), pdb('web', origin('base/pdb.yaml', 'prod'))])).toEqual([]);
  });

  it('counts one PDB written twice under one name once (two charts rendered with the same release name)', () => {
    expect(overlaps([deployment(origin('a/web.yaml')), pdb('web', origin('a/pdb.yaml')), pdb('web', origin('b/pdb.yaml'))])).toEqual([]);
  });

  it('still reports two budgets of different names over the same pods in one environment', () => {
    expect(overlaps([deployment(origin('base/web.yaml', 'prod')), pdb('web', origin('base/pdb.yaml', 'prod')), pdb('web-extra', origin('prod/pdb.yaml', 'prod'))])).toEqual([
      [origin('base/web.yaml', 'prod'), ['web', 'web-extra']],
    ]);
  });
});
