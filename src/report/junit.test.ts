import { describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures/sample-report.js';
import { reporters } from './index.js';

const { junit } = reporters;

describe('junit', () => {
  it('fails a test case per error or warning and passes info findings with their advice as output', () => {
    expect(junit(sampleReport(), {})).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="upshift" tests="5" failures="4" errors="0">
  <testcase classname="api-removed" name="Ingress shop/web at apps/shop/ingress.yaml:12">
    <failure message="Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19)" type="error">Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19)
deprecatedIn=1.14 removedIn=1.22 replacement=networking.k8s.io/v1 hop=1.21→1.22</failure>
  </testcase>
  <testcase classname="pdb-blocks-eviction" name="PodDisruptionBudget shop/web at helm-release shop/web">
    <failure message="PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node drains will hang" type="error">PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node drains will hang</failure>
  </testcase>
  <testcase classname="support-ending" name="EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour">
    <failure message="EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour" type="warning">EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour
endOfStandardSupport=2024-11-26</failure>
  </testcase>
  <testcase classname="api-deprecated" name="FlowSchema catch-all at cluster prod">
    <failure message="FlowSchema catch-all uses flowcontrol.apiserver.k8s.io/v1beta3, removed in 1.32; use flowcontrol.apiserver.k8s.io/v1" type="warning">FlowSchema catch-all uses flowcontrol.apiserver.k8s.io/v1beta3, removed in 1.32; use flowcontrol.apiserver.k8s.io/v1
deprecatedIn=1.29 removedIn=1.32 replacement=flowcontrol.apiserver.k8s.io/v1</failure>
  </testcase>
  <testcase classname="recreate-strategy" name="Deployment shop/worker at apps/shop/worker.yaml:1">
    <system-out>Deployment shop/worker uses strategy Recreate: it is down while each rollout replaces its pods</system-out>
  </testcase>
</testsuite>
`);
  });

  it('escapes markup in attributes and text, keeps line breaks in attributes and drops characters XML cannot hold', () => {
    const report = sampleReport({
      findings: [
        {
          id: 'input-invalid',
          severity: 'error',
          message: 'bad <tag> & "quote"\nnext\u0007line',
          resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'a&b', name: '<x>' },
        },
      ],
      summary: { error: 1, warning: 0, info: 0 },
    });
    expect(junit(report, {})).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="upshift" tests="1" failures="1" errors="0">
  <testcase classname="input-invalid" name="ConfigMap a&amp;b/&lt;x&gt;">
    <failure message="bad &lt;tag&gt; &amp; &quot;quote&quot;&#10;nextline" type="error">bad &lt;tag&gt; &amp; "quote"
nextline</failure>
  </testcase>
</testsuite>
`);
  });

  it('prints one passing test case when there are no findings', () => {
    expect(junit(sampleReport({ findings: [], summary: { error: 0, warning: 0, info: 0 } }), {})).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="upshift" tests="1" failures="0" errors="0">
  <testcase classname="upshift" name="upshift check"/>
</testsuite>
`);
  });
});
