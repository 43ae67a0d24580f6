// What `upshift cluster` reads, in order: server version and discovery, Helm releases, the
// deprecated-API metric, then every resource type a check or the knowledge base cares about,
// a few types at a time. Everything read goes to a sink, so a snapshot can record it and replay it.
import type { KubeObject } from '../../core/types.js';
import { ClusterAccessError, type Connection } from './connect.js';
import { discover, listTargets, namespacedKinds, type Discovery, type ServedResource } from './discovery.js';
import { HELM_RELEASE_SELECTOR, readHelmRelease, type HelmRelease } from './helm-releases.js';
import { listPages } from './list.js';
import { mapLimit } from './map-limit.js';
import { parseDeprecatedApiCalls, type DeprecatedApiCall } from './metrics.js';

export interface ClusterSink {
  helmRelease(release: HelmRelease): void;
  objects(served: ServedResource, items: KubeObject[]): void;
  deprecatedApiCalls(calls: DeprecatedApiCall[]): void;
  /** Something the scan could not read (403, an API that went away); the scan goes on. */
  unread(action: string, reason: string): void;
}

export interface ClusterInfo {
  context: string;
  /** gitVersion from /version: "v1.28.5-eks-5e0fdde". */
  serverVersion: string;
  discovery: Discovery;
}

export interface ReadOptions {
  /** Only this namespace's namespaced objects (-n); all namespaces otherwise. */
  namespace?: string;
  /** Kinds whose whole Helm manifest objects to keep. */
  helmObjectKinds: ReadonlySet<string>;
  concurrency?: number;
  pageSize?: number;
}

/** The types every scan lists, besides the kinds the knowledge base has lifecycle rows for. */
const SCANNED_KINDS = [
  'Node', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'PodDisruptionBudget', 'HorizontalPodAutoscaler',
  'Service', 'Ingress', 'CustomResourceDefinition', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'PodSecurityPolicy',
];

// Objects that controllers, not teams, write — in the version the control plane runs — and
// that are numerous: listing them would cost time and find nothing.
const CONTROLLER_WRITTEN_KINDS = new Set(['Event', 'Lease', 'Endpoints', 'EndpointSlice', 'ControllerRevision', 'ReplicaSet']);

// Helm release secrets can reach 1 MiB each: small pages keep each response bounded.
const HELM_PAGE_SIZE = 50;

export async function readClusterInfo(connection: Connection): Promise<ClusterInfo> {
  const version = JSON.parse(await connection.get('/version', 'read the server version (GET /version)')) as { gitVersion?: string };
  if (typeof version.gitVersion !== 'string') throw new ClusterAccessError(`context "${connection.context}": /version has no gitVersion; is ${connection.server} a Kubernetes API server?`);
  return { context: connection.context, serverVersion: version.gitVersion, discovery: await discover(connection) };
}

export function kindsToList(knowledgeKinds: Iterable<string>): Set<string> {
  const kinds = new Set([...SCANNED_KINDS, ...knowledgeKinds]);
  for (const kind of CONTROLLER_WRITTEN_KINDS) kinds.delete(kind);
  return kinds;
}

export async function readCluster(connection: Connection, info: ClusterInfo, kinds: ReadonlySet<string>, options: ReadOptions, sink: ClusterSink): Promise<void> {
  const namespaced = namespacedKinds(info.discovery);
  const secrets = info.discovery.resources.find((served) => served.group === '' && served.resource === 'secrets');
  if (secrets) {
    await tolerate(sink, `list Helm release secrets`, () =>
      listPages(connection, secrets, { namespace: options.namespace, limit: HELM_PAGE_SIZE, ...HELM_RELEASE_SELECTOR }, (items) => {
        for (const secret of items) sink.helmRelease(readHelmRelease(secret, connection.context, options.helmObjectKinds, namespaced));
      }),
    );
  }
  await tolerate(sink, 'read the API server metrics (GET /metrics)', async () => {
    sink.deprecatedApiCalls(parseDeprecatedApiCalls(await connection.get('/metrics', 'read the API server metrics (GET /metrics)', 'text/plain')));
  });
  const targets = listTargets(info.discovery, kinds).filter((served) => !(options.namespace && !served.namespaced && served.kind !== 'Node'));
  await mapLimit(targets, options.concurrency ?? 4, (served) =>
    tolerate(sink, `list ${served.resource}${served.group ? `.${served.group}` : ''}`, () =>
      listPages(connection, served, { namespace: options.namespace, limit: options.pageSize ?? 500 }, (items) => sink.objects(served, items)),
    ),
  );
}

/** Runs one read; a refusal (403) or a vanished API (404) is reported as unread, anything else stops the scan. */
async function tolerate(sink: ClusterSink, action: string, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (error instanceof ClusterAccessError && (error.status === 403 || error.status === 404)) {
      sink.unread(action, error.status === 403 ? '403 Forbidden' : '404 Not Found');
      return;
    }
    throw error;
  }
}
