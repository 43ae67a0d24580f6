// `upshift cluster` as a library call: read a live cluster (or a snapshot of one) and run
// every check on what it holds, under the API versions that wrote each object.
import type { Report } from './core/types.js';
import { UsageError } from './core/errors.js';
import { loadKnowledge } from './knowledge/load.js';
import { startScan, type CheckOptions } from './run-check.js';
import { connect, type ConnectOptions } from './sources/cluster/connect.js';
import { kindsToList, readCluster, readClusterInfo, type ClusterSink } from './sources/cluster/read-cluster.js';
import { writeSnapshot, type SnapshotWriter } from './sources/cluster/snapshot.js';
import { scanSink, serverMinor } from './sources/cluster/to-resources.js';
import { readEks, type EksOptions } from './sources/eks/read-eks.js';
import { listHops } from './core/kube-version.js';

export interface ClusterOptions extends CheckOptions, ConnectOptions {
  /** Only this namespace's namespaced objects (-n). */
  namespace?: string;
  /** Write everything read to this file. */
  snapshot?: string;
  /** Resource types listed at once. */
  concurrency?: number;
  /** Also ask the EKS API about this cluster (--eks). */
  eks?: EksOptions;
}

export interface ClusterResult {
  report: Report;
  /** The kubeconfig context (or "in-cluster") the scan read. */
  context: string;
  serverVersion: string;
  /** What could not be read: a partial scan says so. */
  unread: string[];
}

export async function runCluster(options: ClusterOptions): Promise<ClusterResult> {
  const knowledge = options.knowledge ?? loadKnowledge(options.dataFiles);
  const connection = await connect(options);
  const info = await readClusterInfo(connection);
  const scan = startScan({ ...options, knowledge, current: options.current ?? serverMinor(info) });
  const sink = scanSink(scan, info);
  const snapshot = options.snapshot ? writeSnapshot(options.snapshot, info, options.now ?? new Date()) : undefined;
  const helmObjectKinds = snapshot ? new Set(['*']) : scan.objectKinds;
  const kinds = kindsToList(knowledge.apis.rows.map((row) => row.kind));
  await readCluster(connection, info, kinds, { namespace: options.namespace, helmObjectKinds, concurrency: options.concurrency }, tee(sink, snapshot));
  if (options.eks) {
    const { current, target } = scan.context;
    const data = await readEks(eksTarget(options.eks, info.context), current ? listHops(current, target).map((hop) => hop.to) : [target]);
    snapshot?.extra('eks', data);
    sink.eks(data);
  }
  await snapshot?.close();
  sink.close();
  return { report: scan.finish(), context: info.context, serverVersion: info.serverVersion, unread: sink.unreadList };
}

/** --eks without a name: the cluster (and region) of a context that aws eks update-kubeconfig named by ARN. */
function eksTarget(eks: EksOptions, context: string): EksOptions {
  if (eks.cluster) return eks;
  const arn = /^arn:aws[\w-]*:eks:([\w-]+):\d+:cluster\/(.+)$/.exec(context);
  if (!arn) throw new UsageError(`--eks: context "${context}" is not an EKS cluster ARN, so the cluster name is unknown; pass --eks NAME`);
  return { ...eks, cluster: arn[2], region: eks.region ?? arn[1] };
}

function tee(sink: ClusterSink, snapshot: SnapshotWriter | undefined): ClusterSink {
  if (!snapshot) return sink;
  return {
    helmRelease(release) {
      snapshot.helmRelease(release);
      sink.helmRelease(release);
    },
    objects(served, items) {
      snapshot.objects(served, items);
      sink.objects(served, items);
    },
    deprecatedApiCalls(calls) {
      snapshot.deprecatedApiCalls(calls);
      sink.deprecatedApiCalls(calls);
    },
    unread(action, reason) {
      snapshot.unread(action, reason);
      sink.unread(action, reason);
    },
  };
}
