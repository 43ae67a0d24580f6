// The bundled example estate is the quick start's input: every finding it yields is pinned
// here, so a check that starts reporting something new (or stops) is noticed.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/index.js';

describe('the example estate at 1.28 → 1.36', () => {
  it('reports exactly the legacy APIs the estate README lists, where they are', async () => {
    const report = await runCheck({ paths: ['examples/estate'], current: '1.28', target: '1.36' });
    expect(report.findings.map((f) => `${f.id} ${f.origin?.type === 'file' ? `${f.origin.path.replace('examples/estate/', '')}:${f.origin.line}` : ''}`)).toEqual([
      'api-removed apps/catalog/hpa.yaml:1',
      'api-removed apps/catalog/ingress.yaml:3',
      'api-removed apps/checkout/hpa.yaml:1',
      'api-removed apps/notifications/pdb.yaml:4',
      'api-removed apps/orders-worker/cronjobs.yaml:4',
      'api-removed apps/orders-worker/rbac.yaml:2',
      'api-removed apps/orders-worker/rbac.yaml:18',
      'api-removed apps/payments/legacy-card-gateway.yaml:30',
      'api-removed apps/recommendations/recommendations.yaml:5',
      'api-removed apps/recommendations/recommendations.yaml:44',
      'api-removed apps/search/elasticsearch.yaml:24',
      'api-removed charts/acme-service/templates/cronjob.yaml:4',
      'api-removed charts/acme-service/templates/hpa.yaml:5',
      'api-removed charts/acme-service/templates/ingress.yaml:8',
      'api-removed charts/acme-service/templates/pdb.yaml:7',
      'api-removed kustomize/base/hpa.yaml:2',
      'api-removed platform/addons/cert-manager/certificates.yaml:40',
      'api-removed platform/addons/crds/featureflags.platform.acme.io.yaml:4',
      'api-removed platform/addons/efs-csi-driver.yaml:3',
      'api-removed platform/addons/gateway-api/storefront-canary.yaml:24',
      'api-removed platform/addons/karpenter/provisioners.yaml:3',
      'api-removed platform/addons/karpenter/provisioners.yaml:37',
      'api-removed platform/addons/webhooks/acme-policy-webhook.yaml:4',
      'api-removed platform/cluster/api-priority-fairness.yaml:4',
      'api-removed platform/cluster/api-priority-fairness.yaml:20',
      'api-removed platform/cluster/api-priority-fairness.yaml:46',
      'api-removed platform/cluster/priorityclasses.yaml:18',
      'api-removed platform/cluster/psp.yaml:4',
      'api-removed platform/cluster/psp.yaml:31',
      'api-removed platform/cluster/storageclasses.yaml:19',
      'api-removed rendered/external-dns.yaml:3',
      'api-removed rendered/external-dns.yaml:55',
      'api-removed rendered/external-dns.yaml:106',
      'api-removed rendered/prometheus-node-exporter.yaml:3',
      'api-removed rendered/prometheus-node-exporter.yaml:72',
      'api-removed rendered/prometheus-node-exporter.yaml:90',
      'api-deprecated apps/payments/legacy-card-gateway.yaml:15',
      'api-replacement-unavailable platform/cluster/api-priority-fairness.yaml:4',
      'api-replacement-unavailable platform/cluster/api-priority-fairness.yaml:20',
      'api-replacement-unavailable platform/cluster/api-priority-fairness.yaml:46',
      'input-unrendered-template charts/acme-service/Chart.yaml:1',
    ]);
  });

  it('ignores the files that are not Kubernetes objects', async () => {
    const report = await runCheck({
      paths: ['examples/estate/.github', 'examples/estate/docker-compose.yml', 'examples/estate/.gitlab-ci.yml', 'examples/estate/renovate.json'],
      target: '1.36',
    });
    expect(report.findings).toEqual([]);
  });
});
