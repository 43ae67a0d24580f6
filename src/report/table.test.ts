import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { sampleReport } from './fixtures/sample-report.js';
import { table } from './table.js';

const shortFindings: Finding[] = [
  { id: 'single-replica', severity: 'warning', message: 'one replica', origin: { type: 'file', path: 'b.yaml', line: 1, column: 1 } },
  { id: 'bare-pod', severity: 'error', message: 'no controller', origin: { type: 'file', path: 'a.yaml', line: 7, column: 3 } },
  { id: 'recreate-strategy', severity: 'info', message: 'downtime on rollout' },
];

describe('table', () => {
  it('prints the versions, an aligned row per finding in order, and the counts', () => {
    expect(table(sampleReport(), {})).toBe(`upshift: eks 1.28 → 1.34

SEVERITY  ID                   RESOURCE                      LOCATION                   MESSAGE
error     api-removed          Ingress shop/web              apps/shop/ingress.yaml:12  Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19)
error     pdb-blocks-eviction  PodDisruptionBudget shop/web  helm-release shop/web      PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node drains will hang
warning   support-ending       -                             -                          EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour
warning   api-deprecated       FlowSchema catch-all          cluster prod               FlowSchema catch-all uses flowcontrol.apiserver.k8s.io/v1beta3, removed in 1.32; use flowcontrol.apiserver.k8s.io/v1
info      recreate-strategy    Deployment shop/worker        apps/shop/worker.yaml:1    Deployment shop/worker uses strategy Recreate: it is down while each rollout replaces its pods

2 errors, 2 warnings, 1 info
`);
  });

  it('puts each message on wrapped, indented lines of its own when rows are wider than the terminal', () => {
    expect(table(sampleReport(), { width: 80 })).toBe(`upshift: eks 1.28 → 1.34

SEVERITY  ID                   RESOURCE                      LOCATION
error     api-removed          Ingress shop/web              apps/shop/ingress.yaml:12
    Ingress shop/web uses extensions/v1beta1, removed in 1.22; use
    networking.k8s.io/v1 (served since 1.19)
error     pdb-blocks-eviction  PodDisruptionBudget shop/web  helm-release shop/web
    PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node
    drains will hang
warning   support-ending       -                             -
    EKS 1.28 leaves standard support on 2024-11-26; extended support costs more
    per cluster-hour
warning   api-deprecated       FlowSchema catch-all          cluster prod
    FlowSchema catch-all uses flowcontrol.apiserver.k8s.io/v1beta3, removed in
    1.32; use flowcontrol.apiserver.k8s.io/v1
info      recreate-strategy    Deployment shop/worker        apps/shop/worker.yaml:1
    Deployment shop/worker uses strategy Recreate: it is down while each rollout
    replaces its pods

2 errors, 2 warnings, 1 info
`);
    const report = sampleReport({ current: undefined, findings: shortFindings, summary: { error: 1, warning: 1, info: 1 } });
    expect(table(report, { width: 80 })).toBe(table(report, {}));
  });

  it('colours the severity word when asked, and only then', () => {
    const report = sampleReport({ current: undefined, findings: shortFindings, summary: { error: 1, warning: 1, info: 1 } });
    expect(table(report, { color: true })).toBe(`upshift: eks → 1.34

SEVERITY  ID                 RESOURCE  LOCATION  MESSAGE
\x1b[31merror\x1b[0m     bare-pod           -         a.yaml:7  no controller
\x1b[33mwarning\x1b[0m   single-replica     -         b.yaml:1  one replica
\x1b[2minfo\x1b[0m      recreate-strategy  -         -         downtime on rollout

1 error, 1 warning, 1 info
`);
    expect(table(report, { color: false })).toBe(`upshift: eks → 1.34

SEVERITY  ID                 RESOURCE  LOCATION  MESSAGE
error     bare-pod           -         a.yaml:7  no controller
warning   single-replica     -         b.yaml:1  one replica
info      recreate-strategy  -         -         downtime on rollout

1 error, 1 warning, 1 info
`);
  });

  it('keeps a multi-line message on its row and prints absolute paths relative to cwd', () => {
    const report = sampleReport({
      findings: [
        {
          id: 'input-invalid',
          severity: 'error',
          message: 'not valid YAML:\n  bad indentation\n',
          origin: { type: 'file', path: '/repo/apps/broken.yaml', line: 4, column: 2 },
        },
      ],
      summary: { error: 1, warning: 0, info: 0 },
    });
    expect(table(report, { cwd: '/repo' })).toBe(`upshift: eks 1.28 → 1.34

SEVERITY  ID             RESOURCE  LOCATION            MESSAGE
error     input-invalid  -         apps/broken.yaml:4  not valid YAML: bad indentation

1 error, 0 warnings, 0 info
`);
  });

  it('says so when there are no findings', () => {
    const report = sampleReport({ findings: [], summary: { error: 0, warning: 0, info: 0 } });
    expect(table(report, { color: true })).toBe(`upshift: eks 1.28 → 1.34

No findings: no check reported anything for eks 1.34.
`);
  });
});
