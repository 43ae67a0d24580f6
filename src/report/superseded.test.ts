import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { withoutSuperseded } from './superseded.js';

const psp = { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', name: 'restricted' };
const finding = (id: string, line: number, resource: Finding['resource'] = psp): Finding => ({
  id,
  severity: 'error',
  message: `${id} at line ${line}`,
  resource,
  origin: { type: 'file', path: 'cluster/psp.yaml', line, column: 1 },
});

describe('withoutSuperseded', () => {
  it('drops the generic finding where the specific one names the same object and place, and only there', () => {
    const findings = [
      finding('api-removed', 4),
      finding('psp-in-use', 4),
      finding('api-removed', 31),
      finding('pdb-missing', 4),
      finding('api-removed', 4, { apiVersion: 'extensions/v1beta1', kind: 'Ingress', name: 'web' }),
    ];
    expect(withoutSuperseded(findings).map((kept) => `${kept.id}:${kept.origin!.type === 'file' ? kept.origin!.line : ''}:${kept.resource!.kind}`)).toEqual([
      'psp-in-use:4:PodSecurityPolicy',
      'api-removed:31:PodSecurityPolicy',
      'pdb-missing:4:PodSecurityPolicy',
      'api-removed:4:Ingress',
    ]);
  });

  it('keeps every finding, in a new array, when no specific finding is there', () => {
    const findings = [finding('api-removed', 4), finding('pdb-missing', 4)];
    const kept = withoutSuperseded(findings);
    expect(kept).toEqual(findings);
    expect(kept).not.toBe(findings);
  });
});
