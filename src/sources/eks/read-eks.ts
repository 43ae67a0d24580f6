// Reads an EKS cluster through the EKS API (@aws-sdk/client-eks, credentials and region from
// the usual AWS settings): the cluster, its managed node groups, its add-ons with the versions
// EKS offers for each hop, and its upgrade insights.
import {
  DescribeAddonCommand,
  DescribeAddonVersionsCommand,
  DescribeClusterCommand,
  DescribeInsightCommand,
  DescribeNodegroupCommand,
  EKSClient,
  paginateListAddons,
  paginateListInsights,
  paginateListNodegroups,
  type Addon,
  type AddonInfo,
  type Cluster,
  type Insight,
  type Nodegroup,
} from '@aws-sdk/client-eks';
import { ClusterAccessError } from '../cluster/connect.js';
import { mapLimit } from '../cluster/map-limit.js';

export interface EksOptions {
  cluster: string;
  region?: string;
  /** An EKS-compatible endpoint instead of AWS's (tests); AWS_ENDPOINT_URL_EKS works too. */
  endpoint?: string;
}

/** What the EKS API said, as plain JSON so a snapshot can hold it. */
export interface EksData {
  cluster: Cluster;
  nodegroups: Nodegroup[];
  addons: Addon[];
  /** Per add-on name, per Kubernetes minor: the versions EKS supports there. */
  addonVersions: Record<string, Record<string, AddonInfo['addonVersions']>>;
  insights: Insight[];
  region: string;
}

export async function readEks(options: EksOptions, minors: readonly string[]): Promise<EksData> {
  // The SDK warns on every Node 20 run about its releases after January 2027; the lockfile,
  // not the user, picks the SDK release, so the notice would only be noise on stderr.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new EKSClient({ region: options.region, endpoint: options.endpoint, maxAttempts: 2 });
  const name = options.cluster;
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw eksError(error as Error & { name: string; $metadata?: { httpStatusCode?: number } }, operation, name, await regionOf(client));
    }
  };
  try {
    const cluster = (await call('eks:DescribeCluster', () => client.send(new DescribeClusterCommand({ name })))).cluster ?? {};
    const nodegroupNames = await call('eks:ListNodegroups', () => collect(paginateListNodegroups({ client }, { clusterName: name }), (page) => page.nodegroups ?? []));
    const nodegroups = await mapLimit(nodegroupNames, 4, (nodegroupName) =>
      call('eks:DescribeNodegroup', async () => (await client.send(new DescribeNodegroupCommand({ clusterName: name, nodegroupName }))).nodegroup ?? {}),
    );
    const addonNames = await call('eks:ListAddons', () => collect(paginateListAddons({ client }, { clusterName: name }), (page) => page.addons ?? []));
    const addons = await mapLimit(addonNames, 4, (addonName) =>
      call('eks:DescribeAddon', async () => (await client.send(new DescribeAddonCommand({ clusterName: name, addonName }))).addon ?? {}),
    );
    const addonVersions: EksData['addonVersions'] = {};
    for (const addonName of addonNames) {
      addonVersions[addonName] = {};
      for (const minor of minors) {
        const answer = await call('eks:DescribeAddonVersions', () => client.send(new DescribeAddonVersionsCommand({ addonName, kubernetesVersion: minor })));
        addonVersions[addonName][minor] = answer.addons?.[0]?.addonVersions ?? [];
      }
    }
    const summaries = await call('eks:ListInsights', () =>
      collect(paginateListInsights({ client }, { clusterName: name, filter: { categories: ['UPGRADE_READINESS'] } }), (page) => page.insights ?? []),
    );
    const insights = await mapLimit(
      summaries.filter((summary) => summary.insightStatus?.status !== 'PASSING' && summary.id),
      4,
      (summary) => call('eks:DescribeInsight', async () => (await client.send(new DescribeInsightCommand({ clusterName: name, id: summary.id! }))).insight ?? {}),
    );
    return { cluster, nodegroups, addons, addonVersions, insights, region: await regionOf(client) };
  } finally {
    client.destroy();
  }
}

async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[]): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...items(page));
  return all;
}

async function regionOf(client: EKSClient): Promise<string> {
  try {
    return await client.config.region();
  } catch {
    return 'no region';
  }
}

function eksError(error: Error & { name: string; $metadata?: { httpStatusCode?: number } }, operation: string, cluster: string, region: string): ClusterAccessError {
  const where = `EKS cluster "${cluster}" (${region})`;
  const status = error.$metadata?.httpStatusCode;
  if (error.name === 'CredentialsProviderError' || /credential/i.test(error.message) && !status) {
    return new ClusterAccessError(`${where}: no AWS credentials for ${operation} (${error.message}); set AWS_PROFILE or log in (aws sso login)`);
  }
  if (/region/i.test(error.message) && !status) return new ClusterAccessError(`--eks ${cluster}: no AWS region; set AWS_REGION or --region`);
  if (error.name === 'ResourceNotFoundException' || status === 404) return new ClusterAccessError(`${where}: not found by ${operation}; check the cluster name and region`, 404);
  if (error.name === 'AccessDeniedException' || status === 403) return new ClusterAccessError(`${where}: not allowed to call ${operation} (403 ${error.message}); grant it to the AWS identity in use`, 403);
  if (status === 401 || error.name === 'UnrecognizedClientException' || error.name === 'ExpiredTokenException') {
    return new ClusterAccessError(`${where}: the AWS credentials were rejected for ${operation} (${error.name}); they are missing or expired: log in again`, 401);
  }
  return new ClusterAccessError(`${where}: ${operation} failed: ${error.name}: ${error.message}`, status);
}
