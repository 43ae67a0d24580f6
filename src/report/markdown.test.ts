import { describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures/sample-report.js';
import { reporters } from './index.js';

const { markdown } = reporters;

describe('markdown', () => {
  it('prints a heading, the versions, the counts and one table per severity present', () => {
    expect(markdown(sampleReport(), {})).toBe(`# upshift report

eks 1.28 → 1.34

2 errors, 2 warnings, 1 info

## Errors (2)

| id | resource | location | message |
| --- | --- | --- | --- |
| api-removed | Ingress shop/web | apps/shop/ingress.yaml:12 | Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19) |
| pdb-blocks-eviction | PodDisruptionBudget shop/web | helm-release shop/web | PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node drains will hang |

## Warnings (2)

| id | resource | location | message |
| --- | --- | --- | --- |
| support-ending | - | - | EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour |
| api-deprecated | FlowSchema catch-all | cluster prod | FlowSchema catch-all uses flowcontrol.apiserver.k8s.io/v1beta3, removed in 1.32; use flowcontrol.apiserver.k8s.io/v1 |

## Info (1)

| id | resource | location | message |
| --- | --- | --- | --- |
| recreate-strategy | Deployment shop/worker | apps/shop/worker.yaml:1 | Deployment shop/worker uses strategy Recreate: it is down while each rollout replaces its pods |
`);
  });

  it('escapes pipes, backslashes, HTML and line breaks inside cells', () => {
    const report = sampleReport({
      findings: [
        {
          id: 'input-invalid',
          severity: 'error',
          message: 'expected a | b, got <none>\nat C:\\charts\\',
          origin: { type: 'file', path: 'a|b.yaml', line: 1, column: 1 },
        },
      ],
      summary: { error: 1, warning: 0, info: 0 },
    });
    expect(markdown(report, {})).toBe(`# upshift report

eks 1.28 → 1.34

1 error, 0 warnings, 0 info

## Errors (1)

| id | resource | location | message |
| --- | --- | --- | --- |
| input-invalid | - | a\\|b.yaml:1 | expected a \\| b, got &lt;none><br>at C:\\\\charts\\\\ |
`);
  });

  it('says so when there are no findings', () => {
    const report = sampleReport({ current: undefined, findings: [], summary: { error: 0, warning: 0, info: 0 } });
    expect(markdown(report, {})).toBe(`# upshift report

eks → 1.34

No findings: no check reported anything for eks 1.34.
`);
  });
});
