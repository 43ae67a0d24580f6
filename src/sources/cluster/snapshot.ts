// A snapshot records everything a cluster scan read, one JSON record a line, so the scan can
// be rerun (`upshift check --snapshot FILE`) and shared without access to the cluster. Secret
// data is never recorded; Helm release manifests are kept as kind/apiVersion/metadata/spec.
import { createReadStream, createWriteStream, renameSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { UsageError } from '../../core/errors.js';
import { TOOL } from '../../core/tool.js';
import type { Finding, KubeObject, Origin, Resource } from '../../core/types.js';
import { resourceFromObject } from '../manifest-text.js';
import type { ServedResource } from './discovery.js';
import type { ClusterInfo, ClusterSink } from './read-cluster.js';

const FORMAT = 'upshift.snapshot/v1';

type SnapshotRecord =
  | { record: 'header'; format: string; tool: string; takenAt: string; info: ClusterInfo }
  | { record: 'helm-release'; release: string; namespace: string; revision?: number; chart?: string; objects: KubeObject[]; problems: Finding[] }
  | { record: 'objects'; served: ServedResource; items: KubeObject[] }
  | { record: 'deprecated-api-calls'; calls: Parameters<ClusterSink['deprecatedApiCalls']>[0] }
  | { record: 'unread'; action: string; reason: string }
  | { record: 'extra'; key: string; value: unknown };

export interface SnapshotWriter extends ClusterSink {
  /** Records something another source read (the EKS API) under `key`. */
  extra(key: string, value: unknown): void;
  close(): Promise<void>;
}

/** Writes to FILE.partial and renames on close, so a failed scan never leaves a truncated snapshot. */
export function writeSnapshot(file: string, info: ClusterInfo, now: Date): SnapshotWriter {
  const partial = `${file}.partial`;
  const out: WriteStream = createWriteStream(partial);
  const write = (record: SnapshotRecord) => out.write(`${JSON.stringify(record)}\n`);
  write({ record: 'header', format: FORMAT, tool: `${TOOL.name} ${TOOL.version}`, takenAt: now.toISOString(), info });
  return {
    helmRelease(release) {
      const objects = release.resources.flatMap((resource) => (resource.object ? [reduced(resource.object, resource.namespace)] : []));
      write({ record: 'helm-release', release: release.release, namespace: release.namespace, revision: release.revision, chart: release.chart, objects, problems: release.problems });
    },
    objects(served, items) {
      write({ record: 'objects', served, items: items.map(withoutFieldSets) });
    },
    deprecatedApiCalls(calls) {
      write({ record: 'deprecated-api-calls', calls });
    },
    unread(action, reason) {
      write({ record: 'unread', action, reason });
    },
    extra(key, value) {
      write({ record: 'extra', key, value });
    },
    async close() {
      out.end();
      await once(out, 'close');
      renameSync(partial, file);
    },
  };
}

export interface Snapshot {
  info: ClusterInfo;
  /** Replays every record into the sink; `extra` records go to onExtra. */
  replay(sink: ClusterSink, onExtra: (key: string, value: unknown) => void): Promise<void>;
}

export async function openSnapshot(file: string, objectKinds: ReadonlySet<string>): Promise<Snapshot> {
  const reader = records(file);
  const header = (await reader.next()).value as SnapshotRecord | undefined;
  await reader.return(undefined);
  if (!header || header.record !== 'header' || header.format !== FORMAT) {
    throw new UsageError(`--snapshot ${file}: not an upshift snapshot (the first line should be a ${FORMAT} header); write one with upshift cluster --snapshot FILE`);
  }
  return {
    info: header.info,
    async replay(sink, onExtra) {
      for await (const record of records(file)) {
        if (record.record === 'helm-release') {
          const origin: Origin = { type: 'helm-release', release: record.release, namespace: record.namespace };
          if (record.revision !== undefined) origin.revision = record.revision;
          if (record.chart !== undefined) origin.chart = record.chart;
          const resources = record.objects.flatMap((object) => resourceFromObject(object, origin, { objectKinds }) ?? []) satisfies Resource[];
          sink.helmRelease({ release: record.release, namespace: record.namespace, revision: record.revision, chart: record.chart, resources, problems: record.problems });
        } else if (record.record === 'objects') sink.objects(record.served, record.items);
        else if (record.record === 'deprecated-api-calls') sink.deprecatedApiCalls(record.calls);
        else if (record.record === 'unread') sink.unread(record.action, record.reason);
        else if (record.record === 'extra') onExtra(record.key, record.value);
      }
    },
  };
}

async function* records(file: string): AsyncGenerator<SnapshotRecord> {
  const stream = createReadStream(file, 'utf8');
  const opened = once(stream, 'open').catch(() => {
    throw new UsageError(`--snapshot ${file} cannot be read; give the path of a file written by upshift cluster --snapshot`);
  });
  await opened;
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    try {
      yield JSON.parse(text) as SnapshotRecord;
    } catch {
      throw new UsageError(`--snapshot ${file}:${line}: not JSON; the snapshot is damaged, write it again with upshift cluster --snapshot`);
    }
  }
}

/** kind/apiVersion/metadata/spec, with the namespace Helm gives namespaced objects that have none. */
function reduced(object: KubeObject, namespace: string | undefined): KubeObject {
  const kept: KubeObject = { apiVersion: object.apiVersion, kind: object.kind, metadata: { ...object.metadata } };
  if (namespace) kept.metadata!.namespace = namespace;
  if (object.spec !== undefined) kept.spec = object.spec;
  return kept;
}

// managedFields' field sets are most of an object's bytes and say nothing about which API wrote it.
function withoutFieldSets(object: KubeObject): KubeObject {
  const managed = object.metadata?.managedFields;
  if (!Array.isArray(managed)) return object;
  const entries = managed.map((entry: Record<string, unknown>) => {
    const { fieldsV1: _fields, ...rest } = entry;
    return rest;
  });
  return { ...object, metadata: { ...object.metadata, managedFields: entries } };
}
