import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import type { Inventory } from '../core/inventory.js';
import { loadKnowledge } from '../knowledge/load.js';
import { placeAddonUpgrades, type AddonUpgrade } from './addon-steps.js';
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

describe('add-on upgrades chained through their upgrade paths (bundled knowledge)', () => {
  const knowledge = loadKnowledge();
  const prod: PlannedEnvironment = { name: 'production', current: '1.29', nodeGroups: [] };
  const tf = (line: number) => ({ type: 'terraform' as const, path: 'infra/helm.tf', line, env: 'production' });
  const estate: Inventory = {
    resources: [],
    charts: [
      { chart: 'cert-manager', version: 'v1.11.0', repository: 'jetstack', release: 'cert-manager', env: 'production', origin: tf(20) },
      { chart: 'cluster-autoscaler', version: '9.29.0', repository: 'autoscaler', release: 'cluster-autoscaler', env: 'production', origin: tf(4) },
    ],
    eksAddons: [{ name: 'kube-proxy', version: 'v1.26.15-eksbuild.35', env: 'production', origin: { type: 'terraform', path: 'infra/addons.tf', line: 30, env: 'production' } }],
    environments: [],
  };
  const upgradeFirst = (addon: string, version: string, upgrades: Array<{ hop: string; recommended: string }>): Finding => ({
    id: 'addon-upgrade-first', severity: 'error', message: `Upgrade ${addon}`, details: { addon, version, upgrades },
  });
  const hops = ['1.29→1.30', '1.30→1.31'];
  const summary = (entry: AddonUpgrade) => `${entry.hop} ${entry.phase} ${entry.addon} ${entry.from} → ${entry.to}${entry.chart ? ` chart ${entry.chart}` : ''}`;

  it('moves cert-manager one minor per step, each step from where the last left it, with the chart version to set', () => {
    const upgrades = placeAddonUpgrades([upgradeFirst('cert-manager', '1.11.0', [{ hop: '1.29→1.30', recommended: '1.14.x' }])], estate, prod, hops, knowledge);
    expect(upgrades.filter((entry) => entry.addon === 'cert-manager').map(summary)).toEqual([
      '1.29→1.30 before cert-manager 1.11.0 → v1.12.17 chart v1.12.17',
      '1.29→1.30 before cert-manager v1.12.17 → v1.13.6 chart v1.13.6',
      '1.29→1.30 before cert-manager v1.13.6 → v1.14.7 chart v1.14.7',
    ]);
    expect(upgrades[1].change).toEqual({ file: 'infra/helm.tf', line: 20, from: 'v1.12.17', to: 'v1.13.6', command: 'helm upgrade cert-manager jetstack/cert-manager --version v1.13.6 --reuse-values' });
  });

  // argoproj/argo-helm's argo-cd chart (argo-cd 3.4.4, tested with 1.32-1.35) planned from 1.30 (2026-12).
  it('moves an add-on that is ahead of the cluster back to the newest release of the older line, then on again', () => {
    const ahead = upgradeFirst('argo-cd', '3.4.4', [
      { hop: '1.30→1.31', recommended: '3.0.x' },
      { hop: '1.32→1.33', recommended: '3.4.x' },
    ]);
    const from130: PlannedEnvironment = { name: 'production', current: '1.30', nodeGroups: [] };
    const upgrades = placeAddonUpgrades([ahead], estate, from130, ['1.30→1.31', '1.31→1.32', '1.32→1.33'], knowledge);
    expect(upgrades.filter((entry) => entry.addon === 'argo-cd').map(summary)).toEqual([
      '1.30→1.31 before argo-cd 3.4.4 → v3.0.12 chart 8.2.7',
      '1.32→1.33 before argo-cd v3.0.12 → v3.4.4 chart 10.1.1',
    ]);
  });

  it('takes Karpenter through its required releases, each step saying which migration to make there', () => {
    const upgrades = placeAddonUpgrades([upgradeFirst('karpenter', '0.31.3', [{ hop: '1.29→1.30', recommended: '1.2.x' }])], estate, prod, hops, knowledge);
    expect(upgrades.filter((entry) => entry.addon === 'karpenter').map((entry) => [entry.to, entry.notes?.[0]?.slice(0, 40)])).toEqual([
      ['v0.32.10', 'v1beta1 migration: 0.32 serves v1alpha5 '],
      ['v0.37.8', 'v1 migration, first part: from 0.32 go t'],
      ['v1.0.14', 'v1 migration: 1.0 serves v1beta1 and v1 '],
      ['v1.2.8', 'Upgrade the karpenter-crd chart (or appl'],
    ]);
  });

  it('moves cluster-autoscaler to the control plane minor now and right after every hop, and the EKS add-ons after each hop, kube-proxy first where a hop would leave it too far behind', () => {
    const findings = [
      upgradeFirst('cluster-autoscaler', '1.27.2', [{ hop: '1.29→1.30', recommended: '1.30.x' }]),
      { id: 'addon-outdated', severity: 'warning' as const, message: 'kube-proxy is old', details: { addon: 'kube-proxy', version: 'v1.26.15-eksbuild.35', recommended: 'v1.31.14-eksbuild.20' } },
    ];
    expect(placeAddonUpgrades(findings, estate, prod, hops, knowledge).map(summary)).toEqual([
      '1.29→1.30 before cluster-autoscaler 1.27.2 → 1.29.0 chart 9.36.0',
      '1.29→1.30 before kube-proxy v1.26.15-eksbuild.35 → v1.29.15-eksbuild.16',
      '1.29→1.30 during kube-proxy v1.29.15-eksbuild.16 → v1.30.14-eksbuild.28',
      '1.29→1.30 after cluster-autoscaler 1.29.0 → 1.30.0 chart 9.37.0',
      '1.30→1.31 during kube-proxy v1.30.14-eksbuild.28 → v1.31.14-eksbuild.20',
      '1.30→1.31 after cluster-autoscaler 1.30.0 → 1.31.0 chart 9.44.0',
    ]);
  });

  it('installs each add-on once at the release it needs in a new cluster, listing the migrations its objects still need', () => {
    const upgrades = placeAddonUpgrades([upgradeFirst('karpenter', '0.31.3', [{ hop: '1.29→1.31', recommended: '1.2.x' }])], estate, prod, ['1.29→1.31'], knowledge, true);
    const karpenter = upgrades.filter((entry) => entry.addon === 'karpenter');
    expect(karpenter.map(summary)).toEqual(['1.29→1.31 before karpenter 0.31.3 → v1.2.8 chart 1.2.8']);
    expect(karpenter[0].notes?.length).toBe(4);
  });
});

describe('charts the chart map does not describe', () => {
  const knowledge = loadKnowledge();
  const env: PlannedEnvironment = { name: 'dev', current: '1.29', nodeGroups: [] };
  const bitnami: Inventory = {
    resources: [],
    charts: [{ chart: 'external-dns', version: '6.20.4', repository: 'https://charts.bitnami.com/bitnami', release: 'external-dns', origin: { type: 'terraform', path: 'infra/helm.tf', line: 60 } }],
    eksAddons: [],
    environments: [],
  };
  const finding: Finding = { id: 'addon-upgrade-first', severity: 'error', message: 'Upgrade external-dns', details: { addon: 'external-dns', version: '0.13.4', upgrades: [{ hop: '1.29→1.30', recommended: '0.14.x' }] } };

  it('names no chart version of another repository, and says which to look for', () => {
    const [upgrade] = placeAddonUpgrades([finding], bitnami, env, ['1.29→1.30'], knowledge);
    expect([upgrade.to, upgrade.chart, upgrade.change]).toEqual(['0.14.2', undefined, { file: 'infra/helm.tf', line: 60 }]);
    expect(upgrade.notes).toEqual([
      'The external-dns chart comes from https://charts.bitnami.com/bitnami, whose versions the knowledge base does not map; set the chart version of that repository that ships external-dns 0.14.2 (the map covers https://kubernetes-sigs.github.io/external-dns).',
    ]);
  });

  it('names the upstream chart version for the upstream repository, with or without a trailing slash', () => {
    const upstream = { ...bitnami, charts: [{ ...bitnami.charts[0], version: '1.13.1', repository: 'https://kubernetes-sigs.github.io/external-dns/' }] };
    const [upgrade] = placeAddonUpgrades([finding], upstream, env, ['1.29→1.30'], knowledge);
    expect([upgrade.to, upgrade.chart, upgrade.change?.from, upgrade.change?.to]).toEqual(['0.14.2', '1.14.5', '1.13.1', '1.14.5']);
  });
});

describe('add-ons pinned in a manifest', () => {
  it('writes each edit as the installed version is written, from where the previous edit left the line', () => {
    const env: PlannedEnvironment = { name: 'dev', current: '1.29', nodeGroups: [] };
    const manifest = { type: 'file' as const, path: 'platform/karpenter.yaml', line: 28, column: 1 };
    const finding: Finding = { id: 'addon-upgrade-first', severity: 'error', message: 'Upgrade karpenter', origin: manifest, details: { addon: 'karpenter', version: '0.31.3', upgrades: [{ hop: '1.29→1.30', recommended: '1.2.x' }] } };
    const upgrades = placeAddonUpgrades([finding], inventory, env, ['1.29→1.30'], loadKnowledge());
    expect(upgrades.map((entry) => entry.change)).toEqual([
      { file: 'platform/karpenter.yaml', line: 28, from: '0.31.3', to: '0.32.10' },
      { file: 'platform/karpenter.yaml', line: 28, from: '0.32.10', to: '0.37.8' },
      { file: 'platform/karpenter.yaml', line: 28, from: '0.37.8', to: '1.0.14' },
      { file: 'platform/karpenter.yaml', line: 28, from: '1.0.14', to: '1.2.8' },
    ]);
  });
});
