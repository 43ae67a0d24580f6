import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { sampleReport } from './fixtures/sample-report.js';
import { reporters } from './index.js';

const { table } = reporters;

const shortFindings: Finding[] = [
  { id: 'single-replica', severity: 'warning', message: 'one replica', origin: { type: 'file', path: 'b.yaml', line: 1, column: 1 } },
  { id: 'bare-pod', severity: 'error', message: 'no controller', origin: { type: 'file', path: 'a.yaml', line: 7, column: 3 } },
  { id: 'recreate-strategy', severity: 'info', message: 'downtime on rollout' },
];

describe('table', () => {
  it('opens with what is due when, then the findings grouped the same way, most urgent first, in 100 columns', () => {
    const printed = table(sampleReport(), {});
    expect(printed).toBe(`upshift: eks 1.28 → 1.34

What to do, most urgent first (5 problems):
  Support deadlines: 1 cluster near its end of support
  Before 1.28→1.29: 1 API migration, 1 drain blocker
  Before 1.31→1.32: 1 API migration
  No deadline before 1.34: 1 workload note

Support deadlines (1)
SEVERITY  ID              RESOURCE  LOCATION
warning   support-ending  -         -
    EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour

Before 1.28→1.29 (2)
SEVERITY  ID                   RESOURCE                      LOCATION
error     api-removed          Ingress shop/web              apps/shop/ingress.yaml:12
    Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served
    since 1.19)
error     pdb-blocks-eviction  PodDisruptionBudget shop/web  helm-release shop/web
    PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node drains will hang

Before 1.31→1.32 (1)
SEVERITY  ID              RESOURCE              LOCATION
warning   api-deprecated  FlowSchema catch-all  cluster prod
    FlowSchema catch-all uses flowcontrol.apiserver.k8s.io/v1beta3, removed in 1.32; use
    flowcontrol.apiserver.k8s.io/v1

No deadline before 1.34 (1)
SEVERITY  ID                 RESOURCE                LOCATION
info      recreate-strategy  Deployment shop/worker  apps/shop/worker.yaml:1
    Deployment shop/worker uses strategy Recreate: it is down while each rollout replaces its pods

2 errors, 2 warnings, 1 info
`);
    expect(Math.max(...printed.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(100);
  });

  it('fits a narrower terminal, shortening the widest cells (a location keeps its end) and wrapping messages', () => {
    const printed = table(sampleReport(), { width: 80 });
    expect(printed).toContain(`Before 1.28→1.29 (2)
SEVERITY  ID                   RESOURCE                 LOCATION
error     api-removed          Ingress shop/web         …ps/shop/ingress.yaml:12
    Ingress shop/web uses extensions/v1beta1, removed in 1.22; use
    networking.k8s.io/v1 (served since 1.19)
error     pdb-blocks-eviction  PodDisrupti…et shop/web  helm-release shop/web
    PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node
    drains will hang
`);
    expect(Math.max(...printed.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
  });

  it('keeps rows on one line when they fit, and names at most two environments of a merged finding', () => {
    const report = sampleReport({
      current: '1.28',
      findings: [
        { id: 'al2-nodes', severity: 'warning', message: 'AL2', origin: { type: 'terraform', path: 'main.tf', line: 85 }, environments: ['dev', 'lab', 'prod'], details: { moveBeforeHop: '1.32→1.33' } },
        { id: 'kubelet-skew', severity: 'error', message: 'skew', origin: { type: 'terraform', path: 'main.tf', line: 85 }, environments: ['dev', 'prod'], details: { upgradeBeforeHop: '1.31→1.32' } },
      ],
      summary: { error: 1, warning: 1, info: 0 },
    });
    expect(table(report, {})).toBe(`upshift: eks 1.28 → 1.34

What to do, most urgent first (2 problems):
  Before 1.31→1.32: 1 node group
  Before 1.32→1.33: 1 node group

Before 1.31→1.32 (1)
SEVERITY  ID            RESOURCE  LOCATION                MESSAGE
error     kubelet-skew  -         main.tf:85 (dev, prod)  skew

Before 1.32→1.33 (1)
SEVERITY  ID         RESOURCE  LOCATION                     MESSAGE
warning   al2-nodes  -         main.tf:85 (3 environments)  AL2

1 error, 1 warning, 0 info
`);
  });

  it('colours the severity word when asked, and only then', () => {
    const report = sampleReport({ current: undefined, findings: shortFindings, summary: { error: 1, warning: 1, info: 1 } });
    expect(table(report, { color: true })).toBe(`upshift: eks → 1.34

What to do, most urgent first (3 problems):
  Before the upgrade: 1 drain blocker, 1 drain risk
  No deadline before 1.34: 1 workload note

Before the upgrade (2)
SEVERITY  ID              RESOURCE  LOCATION  MESSAGE
\x1b[31merror\x1b[0m     bare-pod        -         a.yaml:7  no controller
\x1b[33mwarning\x1b[0m   single-replica  -         b.yaml:1  one replica

No deadline before 1.34 (1)
SEVERITY  ID                 RESOURCE  LOCATION  MESSAGE
\x1b[2minfo\x1b[0m      recreate-strategy  -         -         downtime on rollout

1 error, 1 warning, 1 info
`);
    expect(table(report, { color: false })).toBe(table(report, { color: true }).replace(/\x1b\[\d+m/g, ''));
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

What to do, most urgent first (1 problem):
  Inputs upshift could not read: 1 unreadable input

Inputs upshift could not read (1)
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
