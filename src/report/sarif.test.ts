import { describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures/sample-report.js';
import { reporters } from './index.js';

const { sarif } = reporters;

const HELP = 'https://github.com/upshift-dev/upshift/blob/main/docs/checks.md';

function rule(id: string, name: string, text: string, level: string) {
  return { id, name, shortDescription: { text }, helpUri: `${HELP}#${id}`, defaultConfiguration: { level } };
}

describe('sarif', () => {
  it('prints one run with a rule per finding id and a result per finding', () => {
    const output = sarif(sampleReport(), {});
    expect(output.endsWith('}\n')).toBe(true);
    expect(JSON.parse(output)).toEqual({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'upshift',
              version: '0.1.0',
              informationUri: 'https://github.com/upshift-dev/upshift',
              rules: [
                rule('api-deprecated', 'ApiDeprecated', 'The apiVersion/kind is deprecated at the target version but still served', 'warning'),
                rule('api-removed', 'ApiRemoved', 'The apiVersion/kind is not served at the target version (or at a hop on the way)', 'error'),
                rule('pdb-blocks-eviction', 'PdbBlocksEviction', 'A PodDisruptionBudget allows zero voluntary disruptions', 'error'),
                rule('recreate-strategy', 'RecreateStrategy', 'A Deployment uses strategy Recreate', 'note'),
                rule('support-ending', 'SupportEnding', 'The end of standard or extended support is within 90 days', 'warning'),
              ],
            },
          },
          columnKind: 'utf16CodeUnits',
          results: [
            {
              ruleId: 'api-removed',
              ruleIndex: 1,
              level: 'error',
              message: {
                text: 'Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19)',
              },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'apps/shop/ingress.yaml' },
                    region: { startLine: 12, startColumn: 1 },
                  },
                },
              ],
              properties: {
                resource: { apiVersion: 'extensions/v1beta1', kind: 'Ingress', namespace: 'shop', name: 'web' },
                details: { deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1', hop: '1.21→1.22' },
              },
            },
            {
              ruleId: 'pdb-blocks-eviction',
              ruleIndex: 2,
              level: 'error',
              message: { text: 'PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node drains will hang' },
              locations: [{ logicalLocations: [{ name: 'shop/web', kind: 'resource' }] }],
              properties: {
                resource: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', namespace: 'shop', name: 'web' },
                origin: { type: 'helm-release', release: 'web', namespace: 'shop', revision: 4 },
              },
            },
            {
              ruleId: 'support-ending',
              ruleIndex: 4,
              level: 'warning',
              message: { text: 'EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour' },
              properties: { details: { endOfStandardSupport: '2024-11-26' } },
            },
            {
              ruleId: 'api-deprecated',
              ruleIndex: 0,
              level: 'warning',
              message: {
                text: 'FlowSchema catch-all uses flowcontrol.apiserver.k8s.io/v1beta3, removed in 1.32; use flowcontrol.apiserver.k8s.io/v1',
              },
              locations: [{ logicalLocations: [{ name: 'catch-all', kind: 'resource' }] }],
              properties: {
                resource: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', name: 'catch-all' },
                origin: { type: 'cluster', context: 'prod' },
                details: { deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
              },
            },
            {
              ruleId: 'recreate-strategy',
              ruleIndex: 3,
              level: 'note',
              message: { text: 'Deployment shop/worker uses strategy Recreate: it is down while each rollout replaces its pods' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'apps/shop/worker.yaml' },
                    region: { startLine: 1, startColumn: 1 },
                  },
                },
              ],
              properties: {
                resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'worker' },
              },
            },
          ],
        },
      ],
    });
  });

  it('writes relative, percent-encoded URIs, file: URIs for paths outside cwd, and no column it does not know', () => {
    const report = sampleReport({
      findings: [
        {
          id: 'tf-resource-deprecated',
          severity: 'warning',
          message: 'kubernetes_ingress writes extensions/v1beta1',
          origin: { type: 'terraform', path: '/repo/infra/my env/main#1.tf', line: 40 },
        },
        {
          id: 'tf-resource-deprecated',
          severity: 'error',
          message: 'kubernetes_ingress writes extensions/v1beta1',
          origin: { type: 'terraform', path: '/other/main.tf', line: 3, column: 5 },
        },
      ],
      summary: { error: 1, warning: 1, info: 0 },
    });
    const run = JSON.parse(sarif(report, { cwd: '/repo' })).runs[0];
    expect(run.results.map((result: { locations: unknown }) => result.locations)).toEqual([
      [{ physicalLocation: { artifactLocation: { uri: 'file:///other/main.tf' }, region: { startLine: 3, startColumn: 5 } } }],
      [{ physicalLocation: { artifactLocation: { uri: 'infra/my%20env/main%231.tf' }, region: { startLine: 40 } } }],
    ]);
    const withoutCwd = JSON.parse(sarif(report, {})).runs[0];
    expect(withoutCwd.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('file:///other/main.tf');
  });

  it('describes an id outside the catalog by its words, at the most severe level seen', () => {
    const report = sampleReport({
      findings: [
        { id: 'custom-rule', severity: 'warning', message: 'one' },
        { id: 'custom-rule', severity: 'error', message: 'two' },
      ],
      summary: { error: 1, warning: 1, info: 0 },
    });
    expect(JSON.parse(sarif(report, {})).runs[0].tool.driver.rules).toEqual([
      rule('custom-rule', 'CustomRule', 'Custom rule', 'error'),
    ]);
  });

  it('names an EKS cluster as the logical location of a finding without a resource', () => {
    const report = sampleReport({
      findings: [{ id: 'al2-nodes', severity: 'warning', message: 'AL2 nodes', origin: { type: 'eks', cluster: 'prod' } }],
      summary: { error: 0, warning: 1, info: 0 },
    });
    expect(JSON.parse(sarif(report, {})).runs[0].results).toEqual([
      {
        ruleId: 'al2-nodes',
        ruleIndex: 0,
        level: 'warning',
        message: { text: 'AL2 nodes' },
        locations: [{ logicalLocations: [{ name: 'prod', kind: 'resource' }] }],
        properties: { origin: { type: 'eks', cluster: 'prod' } },
      },
    ]);
  });

  it('prints an empty run when there are no findings', () => {
    const run = JSON.parse(sarif(sampleReport({ findings: [] }), {})).runs[0];
    expect(run.tool.driver.rules).toEqual([]);
    expect(run.results).toEqual([]);
  });
});
