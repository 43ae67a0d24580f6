import { describe, expect, it } from 'vitest';
import { compareKubeVersions } from '../core/kube-version.js';
import { loadKnowledge } from '../knowledge/load.js';
import { resolveContext } from '../run-check.js';
import { supportWindowCheck } from './support-window.js';
import type { Inventory } from '../core/inventory.js';

const knowledge = loadKnowledge();
const empty: Inventory = { resources: [], charts: [], eksAddons: [], environments: [] };
const on = (day: string) => new Date(`${day}T12:00:00Z`);

describe('support-ending and support-ended', () => {
  it('warns within 90 days of the end of standard support, with the extended-support cost', () => {
    const context = resolveContext({ current: '1.34', target: '1.35', now: on('2026-11-21') }, knowledge);
    expect(supportWindowCheck.checkInventory!(empty, context)).toEqual([
      {
        id: 'support-ending',
        severity: 'warning',
        message: 'EKS 1.34: standard support ends on 2026-12-02, in 11 days; a cluster costs $438/month in extended support instead of $73',
        details: {
          version: '1.34',
          status: 'standard',
          today: '2026-11-21',
          endOfStandardSupport: '2026-12-02',
          endOfExtendedSupport: '2027-12-02',
          daysLeft: 11,
          monthlyCostStandard: 73,
          monthlyCostExtended: 438,
          monthlyCostDifference: 365,
          currency: 'USD',
        },
      },
    ]);
  });

  it('flags extended support as ended standard support, and its own end within 90 days', () => {
    const context = resolveContext({ current: '1.31', target: '1.34', now: on('2026-11-21') }, knowledge);
    expect(supportWindowCheck.checkInventory!(empty, context).map((f) => [f.id, f.severity, f.message])).toEqual([
      ['support-ended', 'warning', 'EKS 1.31 has been past the end of standard support since 2025-11-26 and runs on extended support until 2026-11-26; a cluster costs $438/month in extended support instead of $73'],
      ['support-ending', 'warning', `EKS 1.31: extended support ends on 2026-11-26, in 5 days. ${knowledge.eks.endOfSupportAction}`],
    ]);
  });

  it('is an error past extended support, judged per environment when the infrastructure code names versions', () => {
    const context = resolveContext({ target: '1.34', now: on('2026-11-21') }, knowledge);
    const inventory: Inventory = { ...empty, environments: [{ name: 'prod', clusterVersion: '1.28', origin: { type: 'terraform', path: 'prod.tfvars', line: 2 }, nodeGroups: [] }, { name: 'lab', clusterVersion: '1.19', nodeGroups: [] }] };
    expect(supportWindowCheck.checkInventory!(inventory, context).map((f) => [f.id, f.severity, f.message])).toEqual([
      ['support-ended', 'error', `EKS 1.28 (prod) has been out of support since 2025-11-26. ${knowledge.eks.endOfSupportAction}`],
      ['support-ended', 'error', `EKS 1.19 (lab) is out of support: it is older than every version of the eks support calendar, whose oldest, 1.21, has been out of support since 2024-07-15. ${knowledge.eks.endOfSupportAction}`],
    ]);
  });

  it('asks for a calendar row only for a version newer than the oldest it knows, and treats an older one as ended on every platform', () => {
    const context = resolveContext({ target: '1.34', now: on('2026-11-21') }, knowledge);
    const inventory: Inventory = { ...empty, environments: [{ name: 'next', clusterVersion: '1.40', nodeGroups: [] }] };
    expect(supportWindowCheck.checkInventory!(inventory, context).map((f) => [f.id, f.severity, f.message])).toEqual([
      ['support-ending', 'info', 'EKS 1.40 (next) is not in the eks support calendar of the knowledge base (dated 2026-11-01); check its support dates and add a row with --data'],
    ]);
    const upstream = resolveContext({ target: '1.34', platform: 'kubernetes', now: on('2026-11-21') }, knowledge);
    const oldest = [...knowledge.kubernetes.versions].sort((a, b) => compareKubeVersions(a.version, b.version))[0];
    const older = `1.${Number(oldest.version.split('.')[1]) - 1}`;
    const old: Inventory = { ...empty, environments: [{ name: 'lab', clusterVersion: older, nodeGroups: [] }] };
    expect(supportWindowCheck.checkInventory!(old, upstream).map((f) => [f.id, f.severity, f.message, f.details])).toEqual([
      [
        'support-ended',
        'warning',
        `Kubernetes ${older} (lab) is out of support: it is older than every version of the kubernetes support calendar, whose oldest, ${oldest.version}, has been out of support since ${oldest.endOfLife}`,
        { version: older, status: 'ended', today: '2026-11-21', olderThan: oldest.version, olderThanEndedOn: oldest.endOfLife },
      ],
    ]);
  });

  it('says nothing for a version comfortably in standard support', () => {
    const context = resolveContext({ current: '1.35', target: '1.36', now: on('2026-11-21') }, knowledge);
    expect(supportWindowCheck.checkInventory!(empty, context)).toEqual([]);
  });
});
