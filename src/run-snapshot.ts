// `upshift check --snapshot FILE` as a library call: rerun a cluster scan from what
// `upshift cluster --snapshot` recorded, without access to the cluster.
import { loadKnowledge } from './knowledge/load.js';
import { startScan, type CheckOptions } from './run-check.js';
import type { ClusterResult } from './run-cluster.js';
import { openSnapshot } from './sources/cluster/snapshot.js';
import { scanSink, serverMinor } from './sources/cluster/to-resources.js';
import type { EksData } from './sources/eks/read-eks.js';

/** Reruns a scan from a snapshot written by runCluster. */
export async function runSnapshot(file: string, options: CheckOptions): Promise<ClusterResult> {
  const knowledge = options.knowledge ?? loadKnowledge(options.dataFiles);
  const kinds = new Set<string>();
  const snapshot = await openSnapshot(file, kinds);
  const scan = startScan({ ...options, knowledge, current: options.current ?? serverMinor(snapshot.info) });
  for (const kind of scan.objectKinds) kinds.add(kind);
  const sink = scanSink(scan, snapshot.info);
  await snapshot.replay(sink, (key, value) => {
    if (key === 'eks') sink.eks(value as EksData);
  });
  sink.close();
  return { report: scan.finish(), context: snapshot.info.context, serverVersion: snapshot.info.serverVersion, unread: sink.unreadList };
}

