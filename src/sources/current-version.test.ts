// The current version inferred from infrastructure code, and the notes on versions that disagree.
import { describe, expect, it } from 'vitest';
import type { EnvironmentFact } from '../core/inventory.js';
import { lowestClusterVersion, versionDisagreements } from './current-version.js';

const tfvars = { type: 'terraform' as const, path: 'infra/terraform/env-vars/production.tfvars', line: 2, env: 'production' };
const eksctl = { type: 'file' as const, path: 'infra/eksctl/production.yaml', line: 10, column: 1 };

const environments: EnvironmentFact[] = [
  { name: 'production', clusterVersion: '1.28', origin: tfvars, nodeGroups: [{ name: 'general', version: '1.27', origin: { type: 'terraform', path: 'infra/terraform/main.tf', line: 85 } }] },
  { name: 'production', clusterVersion: 'v1.29.3-eks-1a2b3c', origin: eksctl, nodeGroups: [{ name: 'spark', version: '1.29' }] },
  { name: 'staging', clusterVersion: '1.29', nodeGroups: [] },
  { name: 'sandbox', nodeGroups: [] },
];

describe('current version', () => {
  it('is the lowest control-plane minor, with where it was read', () => {
    expect(lowestClusterVersion(environments)).toEqual({ version: '1.28', environment: 'production', origin: tfvars });
    expect(lowestClusterVersion([{ name: 'sandbox', nodeGroups: [] }])).toBeUndefined();
  });

  it('notes sources that give one environment different versions, and node groups off their control plane', () => {
    expect(versionDisagreements(environments)).toEqual([
      'production: the control plane runs 1.28 per infra/terraform/env-vars/production.tfvars:2 but 1.29 per infra/eksctl/production.yaml:10',
      'production: node group general runs 1.27 while the control plane runs 1.28 (infra/terraform/main.tf:85)',
    ]);
  });
});
