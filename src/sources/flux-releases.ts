// Charts a Flux estate deploys, for the add-on checks: each HelmRelease (helm.toolkit.fluxcd.io)
// with the chart it installs, named either in spec.chart.spec (chart, version and a sourceRef to
// a HelmRepository) or by spec.chartRef (an OCIRepository whose url ends in the chart and whose
// ref.tag or ref.semver is its version). A release and its source are often in different files,
// so they are paired once the scan has read every object.
import { basename, dirname } from 'node:path';
import type { ChartReference } from '../core/inventory.js';
import type { Resource } from '../core/types.js';
import { originEnvironment } from '../core/origin-environment.js';
import { isDict } from './helm/go-values.js';
import { objectValueSite } from './object-value-site.js';

/** The kinds read whole for this (the scan's objectKinds). */
export const FLUX_KINDS = ['HelmRelease', 'HelmRepository', 'OCIRepository', 'Kustomization'];

const FLUX_GROUPS: Readonly<Record<string, string>> = {
  HelmRelease: 'helm.toolkit.fluxcd.io',
  HelmRepository: 'source.toolkit.fluxcd.io',
  OCIRepository: 'source.toolkit.fluxcd.io',
  // Not kustomize's own Kustomization (kustomize.config.k8s.io), a kustomization.yaml.
  Kustomization: 'kustomize.toolkit.fluxcd.io',
};

/** A Flux HelmRelease, HelmRepository, OCIRepository or Kustomization (not another project's kind of the same name). */
export function isFluxObject(resource: Resource): boolean {
  return FLUX_GROUPS[resource.kind] !== undefined && resource.apiVersion.split('/')[0] === FLUX_GROUPS[resource.kind];
}

/** What the HelmReleases among `objects` (Flux objects, see isFluxObject) install. */
export interface FluxCharts {
  /** The chart of every release that names one. */
  references: ChartReference[];
  /** The releases whose chartRef names a source the scan does not hold (or a HelmChart), for a note: "apps/web (OCIRepository web)". */
  chartless: string[];
}

export function fluxCharts(objects: readonly Resource[], cwd: string): FluxCharts {
  const releases = objects.filter((object) => object.kind === 'HelmRelease' && isDict(object.object?.spec));
  const applied = appliedNamespaces(objects);
  const chartless: string[] = [];
  const references = releases.flatMap((release): ChartReference[] => {
    const chart = chartOf(release, objects, cwd);
    if (!chart) {
      const reference = (release.object!.spec as Record<string, unknown>).chartRef;
      if (isDict(reference)) chartless.push(`${release.namespace ? `${release.namespace}/` : ''}${release.name ?? '(unnamed)'} (${String(reference.kind)} ${String(reference.name)})`);
      return [];
    }
    const spec = release.object!.spec as Record<string, unknown>;
    const name = release.name ?? '';
    // A release that names no namespace is in the one the Flux Kustomization applying its folder targets.
    const namespace = release.namespace ?? applied(release);
    // Flux's default release name: [<targetNamespace>-]<name>.
    const releaseName = typeof spec.releaseName === 'string' ? spec.releaseName : typeof spec.targetNamespace === 'string' ? `${spec.targetNamespace}-${name}` : name;
    const env = originEnvironment(release.origin);
    const installedInto = typeof spec.targetNamespace === 'string' ? spec.targetNamespace : namespace;
    return [{ ...chart, release: releaseName, ...(installedInto ? { namespace: installedInto } : {}), syncedBy: { tool: 'flux', name, ...(namespace ? { namespace } : {}) }, origin: release.origin, ...(env ? { env } : {}) }];
  });
  return { references, chartless };
}

/**
 * The targetNamespace of the Flux Kustomization whose spec.path holds an object's file (the
 * deepest such path), as onedr0p/home-ops' ks.yaml files give each app folder its namespace.
 * spec.path is relative to the root of the Git repository, which the scan need not start at:
 * it is matched as a run of whole folder names in the file's display path.
 */
function appliedNamespaces(objects: readonly Resource[]): (resource: Resource) => string | undefined {
  const targets = objects.flatMap((object) => {
    const spec = object.kind === 'Kustomization' && isDict(object.object?.spec) ? object.object.spec : undefined;
    if (!spec || typeof spec.path !== 'string' || typeof spec.targetNamespace !== 'string') return [];
    const folder = spec.path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    return folder === '' || folder === '.' ? [] : [{ folder, namespace: spec.targetNamespace }];
  });
  return (resource) => {
    const origin = resource.origin;
    if (origin.type !== 'file' || targets.length === 0) return undefined;
    const directory = `/${dirname(origin.path)}/`;
    const holding = targets.filter(({ folder }) => directory.includes(`/${folder}/`));
    return holding.sort((a, b) => b.folder.length - a.folder.length)[0]?.namespace;
  };
}

type NamedChart = Pick<ChartReference, 'chart' | 'version' | 'versionSite' | 'repository'>;

function chartOf(release: Resource, objects: readonly Resource[], cwd: string): NamedChart | undefined {
  const spec = release.object!.spec as Record<string, unknown>;
  const template = isDict(spec.chart) && isDict(spec.chart.spec) ? spec.chart.spec : undefined;
  if (template && typeof template.chart === 'string') {
    const source = isDict(template.sourceRef) ? sourceOf(release, template.sourceRef, objects) : undefined;
    const url = source?.kind === 'HelmRepository' && isDict(source.object?.spec) && typeof source.object.spec.url === 'string' ? source.object.spec.url : undefined;
    const version = template.version === undefined ? undefined : String(template.version);
    // A GitRepository's chart is a path in the repository: its last segment names the chart.
    return {
      chart: basename(template.chart),
      ...(version !== undefined ? { version } : {}),
      ...siteOf(release, 'version', version, cwd),
      ...(url ? { repository: url } : {}),
    };
  }
  if (isDict(spec.chartRef) && spec.chartRef.kind === 'OCIRepository') {
    const source = sourceOf(release, spec.chartRef, objects);
    const sourceSpec = isDict(source?.object?.spec) ? source.object.spec : undefined;
    if (!source || !sourceSpec || typeof sourceSpec.url !== 'string') return undefined;
    const url = sourceSpec.url.replace(/\/+$/, '');
    const ref = isDict(sourceSpec.ref) ? sourceSpec.ref : {};
    // ref.semver takes precedence over ref.tag (Flux's OCIRepository API); a digest names no version.
    const [key, version] = ref.semver !== undefined ? ['semver', String(ref.semver)] : ref.tag !== undefined ? ['tag', String(ref.tag)] : ref.digest !== undefined ? ['digest', undefined] : ['tag', undefined];
    return {
      chart: url.slice(url.lastIndexOf('/') + 1),
      ...(version !== undefined ? { version } : {}),
      ...siteOf(source, key, version, cwd),
      repository: url.slice(0, url.lastIndexOf('/')),
    };
  }
  return undefined;
}

/**
 * The source a release's sourceRef or chartRef names: in the namespace it gives, else the
 * release's; a name alone when only one source has it (a kustomization that sets the namespace
 * of all its objects leaves it out of the files). A release rendered for an environment (an
 * overlay) takes that environment's copy.
 */
function sourceOf(release: Resource, reference: Record<string, unknown>, objects: readonly Resource[]): Resource | undefined {
  if (typeof reference.kind !== 'string' || typeof reference.name !== 'string') return undefined;
  const namespace = typeof reference.namespace === 'string' ? reference.namespace : release.namespace;
  const env = originEnvironment(release.origin);
  const named = objects.filter((object) => object.kind === reference.kind && object.name === reference.name && originEnvironment(object.origin) === env);
  return named.find((object) => object.namespace === namespace) ?? (named.length === 1 ? named[0] : undefined);
}

/** Where `key: version` is written, when in a file upshift can edit (as Argo CD's targetRevision, a range too). */
function siteOf(resource: Resource, key: string, version: string | undefined, cwd: string): Pick<ChartReference, 'versionSite'> {
  const site = version === undefined ? undefined : objectValueSite(resource.origin, cwd, key, version);
  return site ? { versionSite: site } : {};
}
