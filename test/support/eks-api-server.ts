// An EKS API endpoint for tests, over HTTP on 127.0.0.1, speaking the REST-JSON protocol the
// AWS SDK uses: DescribeCluster, List/DescribeNodegroup, List/DescribeAddon,
// DescribeAddonVersions, ListInsights, DescribeInsight — and AccessDenied when told to.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EksFixture {
  cluster: Record<string, unknown>;
  nodegroups: Record<string, unknown>[];
  addons: Record<string, unknown>[];
  /** addon name → Kubernetes minor → addonVersions entries. */
  addonVersions: Record<string, Record<string, unknown[]>>;
  insights: Record<string, unknown>[];
  /** Operations ("DescribeCluster") answered with AccessDeniedException. */
  denied?: string[];
}

export async function startEksApiServer(fixture: EksFixture): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const name = String(fixture.cluster.name);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    const send = (status: number, body: unknown, type?: string) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...(type ? { 'x-amzn-ErrorType': type } : {}) });
      response.end(JSON.stringify(body));
    };
    const answer = (operation: string, body: () => unknown) => {
      if (fixture.denied?.includes(operation)) {
        return send(403, { message: `User: arn:aws:iam::111122223333:user/ci is not authorized to perform: eks:${operation} on resource: ${name}` }, 'AccessDeniedException');
      }
      send(200, body());
    };
    const path = url.pathname;
    if (!path.startsWith(`/clusters/${name}`) && path !== '/addons/supported-versions') {
      return send(404, { message: `No cluster found for name: ${path.split('/')[2]}.` }, 'ResourceNotFoundException');
    }
    const byName = (items: Record<string, unknown>[], key: string, value: string) => items.find((item) => item[key] === value);
    const rest = path.slice(`/clusters/${name}`.length);
    let segment: RegExpExecArray | null;
    if (request.method === 'GET' && rest === '') return answer('DescribeCluster', () => ({ cluster: fixture.cluster }));
    if (request.method === 'GET' && rest === '/node-groups') return answer('ListNodegroups', () => ({ nodegroups: fixture.nodegroups.map((group) => group.nodegroupName) }));
    if (request.method === 'GET' && (segment = /^\/node-groups\/([^/]+)$/.exec(rest))) return answer('DescribeNodegroup', () => ({ nodegroup: byName(fixture.nodegroups, 'nodegroupName', segment![1]) }));
    if (request.method === 'GET' && rest === '/addons') return answer('ListAddons', () => ({ addons: fixture.addons.map((addon) => addon.addonName) }));
    if (request.method === 'GET' && (segment = /^\/addons\/([^/]+)$/.exec(rest))) return answer('DescribeAddon', () => ({ addon: byName(fixture.addons, 'addonName', segment![1]) }));
    if (request.method === 'GET' && path === '/addons/supported-versions') {
      const addon = url.searchParams.get('addonName') ?? '';
      const minor = url.searchParams.get('kubernetesVersion') ?? '';
      return answer('DescribeAddonVersions', () => ({ addons: [{ addonName: addon, type: 'networking', addonVersions: fixture.addonVersions[addon]?.[minor] ?? [] }] }));
    }
    if (request.method === 'POST' && rest === '/insights') {
      return answer('ListInsights', () => ({ insights: fixture.insights.map(({ id, name: insightName, category, kubernetesVersion, insightStatus, description }) => ({ id, name: insightName, category, kubernetesVersion, insightStatus, description })) }));
    }
    if (request.method === 'GET' && (segment = /^\/insights\/([^/]+)$/.exec(rest))) return answer('DescribeInsight', () => ({ insight: byName(fixture.insights, 'id', segment![1]) }));
    send(404, { message: `unknown route ${request.method} ${path}` }, 'ResourceNotFoundException');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** An EKS 1.22 cluster: one managed node group, vpc-cni too old for 1.23, a deprecated-API insight with its callers. */
export function eksFixture(): EksFixture {
  return {
    cluster: { name: 'prod', arn: 'arn:aws:eks:us-east-1:111122223333:cluster/prod', version: '1.22', platformVersion: 'eks.9', status: 'ACTIVE', upgradePolicy: { supportType: 'EXTENDED' } },
    nodegroups: [
      { nodegroupName: 'general', clusterName: 'prod', version: '1.22', releaseVersion: '1.22.17-20230825', amiType: 'AL2_x86_64', scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 3 }, updateConfig: { maxUnavailablePercentage: 33 } },
    ],
    addons: [
      { addonName: 'vpc-cni', clusterName: 'prod', addonVersion: 'v1.10.4-eksbuild.1', status: 'ACTIVE' },
      { addonName: 'coredns', clusterName: 'prod', addonVersion: 'v1.8.7-eksbuild.3', status: 'ACTIVE' },
    ],
    addonVersions: {
      'vpc-cni': { '1.23': [{ addonVersion: 'v1.12.6-eksbuild.2', compatibilities: [{ clusterVersion: '1.23', defaultVersion: true }] }, { addonVersion: 'v1.11.4-eksbuild.1', compatibilities: [{ clusterVersion: '1.23', defaultVersion: false }] }] },
      coredns: { '1.23': [{ addonVersion: 'v1.8.7-eksbuild.3', compatibilities: [{ clusterVersion: '1.23', defaultVersion: true }] }] },
    },
    insights: [
      {
        id: 'ins-deprecated-1-25',
        name: 'Deprecated APIs removed in Kubernetes v1.25',
        category: 'UPGRADE_READINESS',
        kubernetesVersion: '1.25',
        insightStatus: { status: 'ERROR', reason: 'Deprecated API usage detected within last 30 days and your cluster is on Kubernetes v1.24.' },
        description: 'Checks for usage of deprecated APIs that are scheduled for removal in Kubernetes v1.25.',
        recommendation: 'Update manifests and API clients to use newer Kubernetes APIs if applicable before upgrading to Kubernetes v1.25.',
        categorySpecificSummary: {
          deprecationDetails: [
            {
              usage: '/apis/policy/v1beta1/podsecuritypolicies',
              replacedWith: '/apis/policy/v1/podsecuritypolicies',
              stopServingVersion: '1.25',
              startServingReplacementVersion: '1.21',
              clientStats: [{ userAgent: 'argocd-application-controller', numberOfRequestsLast30Days: 1200, lastRequestTime: 1717200000 }],
            },
          ],
        },
      },
      { id: 'ins-health', name: 'Cluster health issues', category: 'UPGRADE_READINESS', kubernetesVersion: '1.23', insightStatus: { status: 'PASSING', reason: 'No cluster health issues detected.' } },
    ],
  };
}
