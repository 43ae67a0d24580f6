import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sampleReport } from './fixtures/sample-report.js';
import { reporters } from './index.js';

const { json, yaml } = reporters;

describe('yaml', () => {
  it('holds the same object as json', () => {
    expect(parse(yaml(sampleReport(), {}))).toEqual(JSON.parse(json(sampleReport(), {})));
  });

  it('quotes what YAML 1.1 would misread, keeps long messages on one line and shared objects unaliased', () => {
    const origin = { type: 'eks', cluster: 'prod', region: 'eu-west-1' } as const;
    const message = 'EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour';
    const report = sampleReport({
      current: undefined,
      findings: [
        { id: 'support-ending', severity: 'warning', message, origin, details: { endOfStandardSupport: '2024-11-26', extended: 'yes', days: 30 } },
        { id: 'al2-nodes', severity: 'warning', message: 'nodes run AL2', origin },
      ],
      summary: { error: 0, warning: 2, info: 0 },
    });
    expect(yaml(report, {})).toBe(`tool:
  name: upshift
  version: 0.1.0
platform: eks
current: null
target: "1.34"
findings:
  - id: al2-nodes
    severity: warning
    message: nodes run AL2
    origin:
      type: eks
      cluster: prod
      region: eu-west-1
  - id: support-ending
    severity: warning
    message: EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour
    origin:
      type: eks
      cluster: prod
      region: eu-west-1
    details:
      endOfStandardSupport: "2024-11-26"
      extended: "yes"
      days: 30
summary:
  error: 0
  warning: 2
  info: 0
`);
  });
});
