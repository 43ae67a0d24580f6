import { describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures/sample-report.js';
import { reporters } from './index.js';

const { wide } = reporters;

describe('wide', () => {
  it('adds the details as key=value pairs before the message', () => {
    expect(wide(sampleReport(), {})).toBe(`upshift: eks 1.28 → 1.34

SEVERITY  ID                   RESOURCE                      LOCATION                   DETAILS                                                                          MESSAGE
error     api-removed          Ingress shop/web              apps/shop/ingress.yaml:12  deprecatedIn=1.14 removedIn=1.22 replacement=networking.k8s.io/v1 hop=1.21→1.22  Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19)
error     pdb-blocks-eviction  PodDisruptionBudget shop/web  helm-release shop/web      -                                                                                PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node drains will hang
warning   support-ending       -                             -                          endOfStandardSupport=2024-11-26                                                  EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour
warning   api-deprecated       FlowSchema catch-all          cluster prod               deprecatedIn=1.29 removedIn=1.32 replacement=flowcontrol.apiserver.k8s.io/v1     FlowSchema catch-all uses flowcontrol.apiserver.k8s.io/v1beta3, removed in 1.32; use flowcontrol.apiserver.k8s.io/v1
info      recreate-strategy    Deployment shop/worker        apps/shop/worker.yaml:1    -                                                                                Deployment shop/worker uses strategy Recreate: it is down while each rollout replaces its pods

2 errors, 2 warnings, 1 info
`);
  });

  it('colours the severity word like the table', () => {
    const report = sampleReport({
      findings: [{ id: 'support-ending', severity: 'warning', message: 'soon', details: { days: 30 } }],
      summary: { error: 0, warning: 1, info: 0 },
    });
    expect(wide(report, { color: true })).toBe(`upshift: eks 1.28 → 1.34

SEVERITY  ID              RESOURCE  LOCATION  DETAILS  MESSAGE
\x1b[33mwarning\x1b[0m   support-ending  -         -         days=30  soon

0 errors, 1 warning, 0 info
`);
  });
});
