import { describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures/sample-report.js';
import { reporters } from './index.js';

const { csv } = reporters;

const HEADER = 'severity,id,kind,namespace,name,apiVersion,origin,path,line,column,message,environments\n';

describe('csv', () => {
  it('prints a header and one row per finding in order', () => {
    expect(csv(sampleReport(), {})).toBe(`${HEADER}\
error,api-removed,Ingress,shop,web,extensions/v1beta1,file,apps/shop/ingress.yaml,12,1,"Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19)",
error,pdb-blocks-eviction,PodDisruptionBudget,shop,web,policy/v1,helm-release,shop/web,,,PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node drains will hang,
warning,support-ending,,,,,,,,,EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour,
warning,api-deprecated,FlowSchema,,catch-all,flowcontrol.apiserver.k8s.io/v1beta3,cluster,prod,,,"FlowSchema catch-all uses flowcontrol.apiserver.k8s.io/v1beta3, removed in 1.32; use flowcontrol.apiserver.k8s.io/v1",
info,recreate-strategy,Deployment,shop,worker,apps/v1,file,apps/shop/worker.yaml,1,1,Deployment shop/worker uses strategy Recreate: it is down while each rollout replaces its pods,
`);
  });

  it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
    const report = sampleReport({
      findings: [
        {
          id: 'input-invalid',
          severity: 'error',
          message: 'unexpected "}" at 3,7\r\nsee docs',
          origin: { type: 'terraform', path: '/repo/infra/a,b.tf', line: 40 },
        },
      ],
      summary: { error: 1, warning: 0, info: 0 },
    });
    expect(csv(report, { cwd: '/repo' })).toBe(`${HEADER}\
error,input-invalid,,,,,terraform,"infra/a,b.tf",40,,"unexpected ""}"" at 3,7\r\nsee docs",
`);
  });

  it('lists the environments of a problem found in several, space-separated, in the last column', () => {
    const report = sampleReport({
      findings: [
        { id: 'kubelet-skew', severity: 'error', message: 'node group general runs 1.28', origin: { type: 'terraform', path: 'infra/main.tf', line: 85 }, environments: ['dev', 'prod'] },
        { id: 'al2-nodes', severity: 'warning', message: 'node group general runs AL2', origin: { type: 'terraform', path: 'infra/main.tf', line: 85, env: 'prod' } },
      ],
      summary: { error: 1, warning: 1, info: 0 },
    });
    expect(csv(report, {})).toBe(`${HEADER}\
error,kubelet-skew,,,,,terraform,infra/main.tf,85,,node group general runs 1.28,dev prod
warning,al2-nodes,,,,,terraform,infra/main.tf,85,,node group general runs AL2,prod
`);
  });

  it('prints only the header when there are no findings', () => {
    expect(csv(sampleReport({ findings: [] }), {})).toBe(HEADER);
  });
});
