// Every check on the typed kubernetes_* resources of the Terraform kubernetes provider: the
// readiness and field checks read their specs, at the resource's .tf line and address, and a
// value Terraform only knows at apply time makes no finding.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/index.js';

const PATH = 'test/fixtures/terraform/typed/main.tf';

describe('typed kubernetes_* resources', () => {
  it('get the readiness and field-lifecycle findings of the objects they write', async () => {
    const report = await runCheck({ paths: ['test/fixtures/terraform/typed'], current: '1.28', target: '1.36', skip: ['support-ended'] });
    expect(report.findings.map((finding) => [finding.id, `${finding.resource?.kind}/${finding.resource?.name}`, finding.origin])).toEqual([
      ['field-removed', 'Deployment/api', { type: 'terraform', path: PATH, line: 6, address: 'kubernetes_deployment_v1.api' }],
      ['pdb-blocks-eviction', 'PodDisruptionBudget/api', { type: 'terraform', path: PATH, line: 70, address: 'kubernetes_pod_disruption_budget_v1.api' }],
      ['readiness-probe-missing', 'Deployment/api', { type: 'terraform', path: PATH, line: 6, address: 'kubernetes_deployment_v1.api' }],
      ['single-replica', 'Deployment/api', { type: 'terraform', path: PATH, line: 6, address: 'kubernetes_deployment_v1.api' }],
      ['field-deprecated', 'Service/api', { type: 'terraform', path: PATH, line: 86, address: 'kubernetes_service_v1.api' }],
      ['liveness-probe-missing', 'Deployment/api', { type: 'terraform', path: PATH, line: 6, address: 'kubernetes_deployment_v1.api' }],
    ]);
    const details = Object.fromEntries(report.findings.map((finding) => [finding.id, finding.details]));
    expect(details['pdb-blocks-eviction']).toEqual({ minAvailable: null, maxUnavailable: '0', replicas: 1, selects: ['Deployment/api'] });
    expect(details['single-replica']).toEqual({ replicas: 1 });
    expect(details['readiness-probe-missing']).toEqual({ containers: ['api'] });
    expect(details['field-removed']).toMatchObject({ field: 'gitrepo-volume', path: 'volumes.*.gitRepo' });
    expect(details['field-deprecated']).toMatchObject({ field: 'service-external-ips', path: 'spec.externalIPs' });
  });
});
