import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import type { Inventory } from '../core/inventory.js';
import { placeAddonUpgrades } from './addon-steps.js';
import type { PlannedEnvironment } from './environments.js';

const inventory: Inventory = { resources: [], charts: [], eksAddons: [], environments: [] };
const env: PlannedEnvironment = { name: 'production', current: '1.28', nodeGroups: [] };
const origin = { type: 'file' as const, path: 'addons/cluster-autoscaler.yaml', line: 84, column: 1 };
const findings: Finding[] = [
  { id: 'addon-incompatible', severity: 'error', message: 'cluster-autoscaler 1.26.4 supports Kubernetes only 1.26', origin, details: { addon: 'cluster-autoscaler', version: '1.26.4' } },
  {
    id: 'addon-upgrade-first',
    severity: 'error',
    message: 'Upgrade cluster-autoscaler (now 1.26.4) ahead of 2 control-plane hops',
    origin,
    details: {
      addon: 'cluster-autoscaler',
      version: '1.26.4',
      upgrades: [
        { hop: '1.28→1.29', minimum: '1.29.0', recommended: '1.29.x' },
        { hop: '1.29→1.30', minimum: '1.30.0', recommended: null },
      ],
    },
  },
];

describe('add-on upgrades around the hops', () => {
  it('places each upgrade addon-upgrade-first lists before its own hop, with its version', () => {
    expect(placeAddonUpgrades(findings, inventory, env, ['1.28→1.29', '1.29→1.30']).map((entry) => [entry.hop, entry.phase, entry.from, entry.to, entry.reason.split(':')[0]])).toEqual([
      ['1.28→1.29', 'before', '1.26.4', '1.29.x', 'addon-upgrade-first'],
      ['1.29→1.30', 'before', '1.26.4', '1.30.0', 'addon-upgrade-first'],
    ]);
  });

  it('takes the last upgrade due when the plan jumps over several minors at once', () => {
    expect(placeAddonUpgrades(findings, inventory, env, ['1.28→1.30']).map((entry) => [entry.hop, entry.to])).toEqual([['1.28→1.30', '1.30.0']]);
  });
});
