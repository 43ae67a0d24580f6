// The checks helm 3 makes on Chart.yaml before it renders anything (chart.Metadata.Validate):
// a chart helm refuses must not be rendered here as if it were fine, since what a user
// deploys from it is nothing at all.
import type { Dict } from './go-values.js';

export interface MetadataProblem {
  /** The Chart.yaml key the problem is about, to locate it. */
  key: string;
  /** helm's own words, so that a search for the message finds helm's documentation. */
  reason: string;
}

// Masterminds/semver v3 NewVersion, the parser helm uses: lenient on the core (v prefix, a
// missing minor or patch), strict on numeric pre-release parts with a leading zero.
const SEMVER = /^v?[0-9]+(?:\.[0-9]+)?(?:\.[0-9]+)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const ALIAS = /^[a-zA-Z0-9_-]+$/;

function isHelmSemver(version: string): boolean {
  const match = SEMVER.exec(version);
  if (!match) return false;
  return !(match[1] ?? '').split('.').some((part) => /^0[0-9]+$/.test(part));
}

/** The first problem helm 3.17 reports for this Chart.yaml, in helm's order, or undefined. */
export function chartMetadataProblem(metadata: Dict): MetadataProblem | undefined {
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') return { key: 'name', reason: 'validation: chart.metadata.name is required' };
  if (/[\\/]/.test(name)) return { key: 'name', reason: `validation: chart.metadata.name "${name}" is invalid` };
  // YAML may read `version: 1.0` as a number; helm keeps the text, which is valid.
  const version = typeof metadata.version === 'number' ? String(metadata.version) : metadata.version;
  if (version === undefined || version === null || version === '') return { key: 'version', reason: 'validation: chart.metadata.version is required' };
  if (typeof version !== 'string' || !isHelmSemver(version)) return { key: 'version', reason: `validation: chart.metadata.version "${String(version)}" is invalid` };
  const type = metadata.type;
  if (type !== undefined && type !== null && type !== '' && type !== 'application' && type !== 'library') {
    return { key: 'type', reason: 'validation: chart.metadata.type must be application or library' };
  }
  const seen = new Set<string>();
  for (const dependency of Array.isArray(metadata.dependencies) ? metadata.dependencies : []) {
    if (dependency === null || typeof dependency !== 'object') return { key: 'dependencies', reason: 'validation: dependencies must not contain empty or null nodes' };
    const { name: dependencyName, alias } = dependency as Dict;
    if (typeof alias === 'string' && alias !== '' && !ALIAS.test(alias)) {
      return { key: 'dependencies', reason: `validation: dependency "${String(dependencyName)}" has disallowed characters in the alias` };
    }
    const key = typeof alias === 'string' && alias !== '' ? alias : String(dependencyName);
    if (seen.has(key)) return { key: 'dependencies', reason: `validation: more than one dependency with name or alias "${key}"` };
    seen.add(key);
  }
  return undefined;
}

/** The line of a top-level key in Chart.yaml (1 when it is not written there). */
export function topLevelKeyLine(text: string, key: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`) || line.startsWith(`"${key}":`));
  return index < 0 ? 1 : index + 1;
}
