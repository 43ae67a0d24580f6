// Helm 3 releases, from their storage secrets (type helm.sh/release.v1): the secret's
// data.release is base64 of Helm's own base64 of a gzipped JSON release. Only the deployed
// revision counts, and only its manifest is kept.
import { gunzipSync } from 'node:zlib';
import type { Finding, KubeObject, Origin, Resource } from '../../core/types.js';
import { readManifestText } from '../manifest-text.js';
import { inputInvalid } from '../input-problem.js';

export const HELM_RELEASE_SELECTOR = { fieldSelector: 'type=helm.sh/release.v1', labelSelector: 'owner=helm,status=deployed' };

export interface HelmRelease {
  release: string;
  namespace: string;
  revision?: number;
  chart?: string;
  resources: Resource[];
  problems: Finding[];
}

interface StoredRelease {
  name?: unknown;
  namespace?: unknown;
  version?: unknown;
  manifest?: unknown;
  chart?: { metadata?: { name?: unknown; version?: unknown } };
}

/**
 * The deployed release a storage secret holds, with its manifest's objects as Resources of
 * origin helm-release; a secret that does not decode is an input-invalid finding.
 * `objectKinds` are the kinds whose whole object to keep, as for files.
 */
export function readHelmRelease(secret: KubeObject, context: string, objectKinds: ReadonlySet<string>, namespacedKinds: ReadonlyMap<string, boolean>): HelmRelease {
  const secretName = String(secret.metadata?.name ?? '');
  const secretNamespace = String(secret.metadata?.namespace ?? '');
  const labels = (secret.metadata?.labels ?? {}) as Record<string, unknown>;
  const fallback: HelmRelease = { release: String(labels.name ?? secretName), namespace: secretNamespace, resources: [], problems: [] };
  let stored: StoredRelease;
  try {
    stored = decodeRelease(((secret.data ?? {}) as Record<string, unknown>).release);
  } catch (error) {
    const origin: Origin = { type: 'helm-release', release: fallback.release, namespace: secretNamespace };
    fallback.problems.push(
      inputInvalid(origin, `context "${context}": Helm release secret ${secretNamespace}/${secretName} cannot be decoded (${(error as Error).message}); check it with helm history ${fallback.release} -n ${secretNamespace}`),
    );
    return fallback;
  }
  const release = typeof stored.name === 'string' ? stored.name : fallback.release;
  const namespace = typeof stored.namespace === 'string' ? stored.namespace : secretNamespace;
  const chartName = stored.chart?.metadata?.name;
  const chartVersion = stored.chart?.metadata?.version;
  const origin: Origin = { type: 'helm-release', release, namespace };
  if (typeof stored.version === 'number') origin.revision = stored.version;
  if (typeof chartName === 'string') origin.chart = typeof chartVersion === 'string' ? `${chartName}-${chartVersion}` : chartName;
  const label = `helm release ${namespace}/${release}`;
  const contents = readManifestText(typeof stored.manifest === 'string' ? stored.manifest : '', label, { objectKinds });
  const resources = contents.resources.map((resource) => {
    const placed: Resource = { ...resource, origin };
    // Helm installs namespaced objects without a namespace into the release's namespace.
    if (!placed.namespace && namespacedKinds.get(placed.kind) !== false) placed.namespace = namespace;
    return placed;
  });
  const problems = contents.findings.map((finding) => ({ ...finding, origin }));
  return { release, namespace, revision: origin.revision, chart: origin.chart, resources, problems };
}

function decodeRelease(data: unknown): StoredRelease {
  if (typeof data !== 'string' || data.length === 0) throw new Error('it has no data.release');
  const helmEncoded = Buffer.from(data, 'base64').toString('latin1');
  const packed = Buffer.from(helmEncoded, 'base64');
  if (packed.length === 0) throw new Error('data.release is not base64');
  // Helm gzips releases, but reads an uncompressed JSON body too.
  const json = packed[0] === 0x1f && packed[1] === 0x8b ? gunzipSync(packed).toString('utf8') : packed.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('the decoded release is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the decoded release is not a JSON object');
  return parsed as StoredRelease;
}
