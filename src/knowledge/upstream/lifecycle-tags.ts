// Reads the prerelease-lifecycle tags of a kubernetes/api checkout: for every alpha or beta kind (and every GA
// kind tagged deprecated) when it was introduced, deprecated and removed, and what replaces it. These tags drive
// the API server's "deprecated in vX+, unavailable in vY+" warnings, so they are the machine-readable record of
// the lifecycle the deprecation guide announces.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface TaggedKind {
  group: string;
  version: string;
  kind: string;
  introduced: string;
  /** As tagged, or the generator's default: three minors after introduced. */
  deprecated: string;
  /** As tagged, or the generator's default: three minors after deprecated. */
  removed: string;
  /** "group/version" of the tagged replacement, or null when none is tagged. */
  replacement: string | null;
  /** Whether deprecated/removed come from tags rather than from the generator's defaults. */
  tagged: { deprecated: boolean; removed: boolean };
  /** The types.go the tags were read from, relative to the checkout ("policy/v1beta1/types.go"). */
  file: string;
}

const TAG = /^\/\/\s*\+k8s:prerelease-lifecycle-gen:(introduced|deprecated|removed|replacement)=(\S+)\s*$/;
const TYPE = /^type (\w+) struct\b/;
const GA_VERSION = /^v\d+$/;

export interface LifecycleTags {
  /** Kinds with an end of life, sorted by group, version and kind. List kinds are left out: they follow their item. */
  kinds: TaggedKind[];
  /** The introduced tag of every kind, GA ones included, by "apiVersion Kind" (to date a replacement). */
  introduced: Map<string, string>;
}

export function readLifecycleTags(checkout: string): LifecycleTags {
  const kinds: TaggedKind[] = [];
  const introduced = new Map<string, string>();
  for (const dir of packageDirs(checkout)) {
    const group = groupOf(dir);
    if (group === undefined) continue;
    const version = dir.split(sep).at(-1)!;
    const file = relative(checkout, join(dir, 'types.go')).split(sep).join('/');
    for (const { kind, tags } of taggedTypes(readFileSync(join(dir, 'types.go'), 'utf8'))) {
      if (kind.endsWith('List') || tags.introduced === undefined) continue;
      introduced.set(`${group ? `${group}/` : ''}${version} ${kind}`, tags.introduced);
      // GA kinds carry an introduced tag too, but the generator gives them no default end of life.
      if (GA_VERSION.test(version) && tags.deprecated === undefined) continue;
      const deprecated = tags.deprecated ?? plusMinors(tags.introduced, 3);
      kinds.push({
        group,
        version,
        kind,
        introduced: tags.introduced,
        deprecated,
        removed: tags.removed ?? plusMinors(deprecated, 3),
        replacement: tags.replacement ? replacementApiVersion(tags.replacement) : null,
        tagged: { deprecated: tags.deprecated !== undefined, removed: tags.removed !== undefined },
        file,
      });
    }
  }
  kinds.sort((a, b) => `${a.group}/${a.version}/${a.kind}`.localeCompare(`${b.group}/${b.version}/${b.kind}`));
  return { kinds, introduced };
}

/** The comment block right above each `type X struct`, with the lifecycle tags it holds. */
function taggedTypes(source: string): { kind: string; tags: Partial<Record<'introduced' | 'deprecated' | 'removed' | 'replacement', string>> }[] {
  const types = [];
  let block: string[] = [];
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    const type = TYPE.exec(trimmed);
    if (type) {
      const tags: Partial<Record<'introduced' | 'deprecated' | 'removed' | 'replacement', string>> = {};
      for (const comment of block) {
        const tag = TAG.exec(comment);
        if (tag) tags[tag[1] as keyof typeof tags] = tag[2];
      }
      types.push({ kind: type[1], tags });
      block = [];
    } else if (trimmed.startsWith('//') || trimmed === '') {
      block.push(trimmed);
    } else {
      block = [];
    }
  }
  return types;
}

/** Directories holding a types.go, depth first in name order. */
function packageDirs(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    const names = readdirSync(dir).sort();
    if (names.includes('types.go')) found.push(dir);
    for (const name of names) {
      if (name.startsWith('.') || name === 'testdata' || name === 'vendor') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
    }
  };
  walk(root);
  return found;
}

/** The API group of a package: its doc.go `+groupName=` tag, else register.go's GroupName constant. */
function groupOf(dir: string): string | undefined {
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      return '';
    }
  };
  const tagged = /^\/\/\s*\+groupName=(\S*)\s*$/m.exec(read('doc.go'));
  if (tagged) return tagged[1];
  return /^const GroupName = "([^"]*)"/m.exec(read('register.go'))?.[1];
}

/** "policy,v1,PodDisruptionBudget" → "policy/v1"; the core group has no prefix. */
function replacementApiVersion(tag: string): string {
  const [group, version] = tag.split(',');
  return group ? `${group}/${version}` : version;
}

export function plusMinors(version: string, minors: number): string {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${minor + minors}`;
}
