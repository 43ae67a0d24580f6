// Third-party charts an estate deploys, for the add-on checks: Helmfile releases and Argo CD
// Applications whose source is a Helm chart. (Chart.yaml dependencies come from the chart source.)
import { displayPath } from '../core/display-path.js';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { yamlLibrary } from './yaml-library.js';
import type { Resource } from '../core/types.js';
import type { ChartReference } from '../core/inventory.js';

import { yamlValueSite } from './value-site.js';
import { objectValueSite } from './object-value-site.js';
import { isDict } from './helm/go-values.js';

export function isHelmfile(file: string): boolean {
  return /^helmfile\.ya?ml$/.test(basename(file)) || basename(dirname(file)) === 'helmfile.d';
}

/** The releases of a Helmfile; "repo/chart" is resolved against its `repositories`. */
export function helmfileReferences(file: string, cwd: string): ChartReference[] {
  const { isMap, isSeq, LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines });
  if (document.errors.length) return [];
  const content = document.toJS();
  if (!isDict(content) || !Array.isArray(content.releases)) return [];
  const repositories = new Map((Array.isArray(content.repositories) ? content.repositories : []).filter(isDict).map((repo) => [String(repo.name), String(repo.url)]));
  const releaseNodes = document.get('releases', true);
  const path = displayPath(file, cwd);
  return content.releases.flatMap((release: unknown, index: number) => {
    if (!isDict(release) || typeof release.chart !== 'string') return [];
    const [repo, chart] = release.chart.includes('/') ? release.chart.split('/', 2) : [undefined, release.chart];
    const node = isSeq(releaseNodes) ? releaseNodes.items[index] : undefined;
    const line = isMap(node) && node.range ? lines.linePos(node.range[0]).line : 1;
    const reference: ChartReference = { chart, origin: { type: 'file', path, line, column: 1 } };
    if (release.version !== undefined) reference.version = String(release.version);
    const site = reference.version === undefined ? undefined : yamlValueSite(path, cwd, line, 'version', reference.version);
    if (site) reference.versionSite = site;
    if (repo && repositories.has(repo)) reference.repository = repositories.get(repo);
    if (typeof release.name === 'string') reference.release = release.name;
    return [reference];
  });
}

/** Helm chart sources of an Argo CD Application (spec.source or spec.sources[]). */
export function argoApplicationReferences(resource: Resource, cwd: string): ChartReference[] {
  if (resource.kind !== 'Application' || !resource.apiVersion.startsWith('argoproj.io/') || !isDict(resource.object?.spec)) return [];
  const spec = resource.object.spec;
  const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])].filter(isDict);
  return sources.flatMap((source) => {
    if (typeof source.chart !== 'string') return [];
    const reference: ChartReference = { chart: source.chart, origin: resource.origin };
    if (source.targetRevision !== undefined) reference.version = String(source.targetRevision);
    const site = reference.version === undefined ? undefined : objectValueSite(resource.origin, cwd, 'targetRevision', reference.version);
    if (site) reference.versionSite = site;
    if (typeof source.repoURL === 'string') reference.repository = source.repoURL;
    const releaseName = isDict(source.helm) && typeof source.helm.releaseName === 'string' ? source.helm.releaseName : resource.name;
    if (releaseName) reference.release = releaseName;
    if (isDict(spec.destination) && typeof spec.destination.namespace === 'string') reference.namespace = spec.destination.namespace;
    if (resource.name) reference.syncedBy = { tool: 'argo-cd', name: resource.name, ...(resource.namespace ? { namespace: resource.namespace } : {}) };
    return [reference];
  });
}
