// What `helm template` prints from rendered templates (Helm's releaseutil.SortManifests and
// the template command): each template's text split into documents, empty ones dropped,
// hooks (helm.sh/hook) apart from the rest, both sorted by kind in install order (stably:
// templates by name, documents in template order), each printed after `---` and a
// `# Source:` line; hooks of an unknown event are dropped, as Helm drops them.
import { readRenderedDocument } from './read-rendered.js';
import { decodePlainYaml } from '../plain-yaml.js';
import { TemplateError } from './template-error.js';
import { isDict } from './go-values.js';
import { indexYaml } from '../yaml-index.js';

export interface RenderedManifestFile {
  /** Helm's template name: chart/templates/x.yaml, chart/charts/sub/templates/y.yaml. */
  name: string;
  /** Where a report points for this template. */
  display: string;
  text: string;
}

export interface HelmManifest {
  /** The template name the `# Source:` line gives. */
  source: string;
  /** The document, trimmed. */
  content: string;
  kind: string;
  hook: boolean;
}

/** Helm's releaseutil.InstallOrder. */
export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

const RANK = new Map(INSTALL_ORDER.map((kind, index) => [kind, index]));
const HOOK_EVENTS = new Set(['pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'test', 'test-success']);

/** Helm's manifests then hooks, in the order `helm template` prints them. */
export function sortManifests(files: readonly RenderedManifestFile[]): HelmManifest[] {
  const generic: HelmManifest[] = [];
  const hooks: HelmManifest[] = [];
  const byName = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const file of byName) {
    const base = file.name.slice(file.name.lastIndexOf('/') + 1);
    if (base.startsWith('_') || !file.text.trim()) continue;
    for (const piece of splitManifests(file.text.trim())) {
      if (piece === '') continue;
      const content = piece.trim();
      const head = readHead(content, file);
      const hookEvents = head.annotations?.['helm.sh/hook'];
      if (typeof hookEvents !== 'string') {
        generic.push({ source: file.name, content, kind: head.kind, hook: false });
        continue;
      }
      const events = hookEvents.split(',').map((event) => event.trim().toLowerCase());
      if (events.every((event) => HOOK_EVENTS.has(event))) hooks.push({ source: file.name, content, kind: head.kind, hook: true });
    }
  }
  return [...sortByKind(generic), ...sortByKind(hooks)];
}

/** Go's \s: space, tab, LF, FF, CR. */
function isGoSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

/**
 * Helm's SplitManifests: `text` split at each match of Go's `(?:^|\s*\n)---\s*`, found left to
 * right without overlap. Written out by hand: that regexp backtracks over every indentation run
 * in JavaScript, and large outputs (CRDs) spent most of their time in it.
 */
export function splitManifests(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  const skipSpace = (index: number) => {
    while (index < text.length && isGoSpace(text.charCodeAt(index))) index++;
    return index;
  };
  if (text.startsWith('---')) {
    pieces.push('');
    from = skipSpace(3);
  }
  for (let found = text.indexOf('\n---', from); found !== -1; found = text.indexOf('\n---', from)) {
    // The match starts at the whitespace run before the newline, not before the previous match's end.
    let start = found;
    while (start > from && isGoSpace(text.charCodeAt(start - 1))) start--;
    pieces.push(text.slice(from, start));
    from = skipSpace(found + 4);
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** The text `helm template` prints for these manifests. */
export function helmTemplateText(manifests: readonly HelmManifest[]): string {
  const release = manifests.filter((manifest) => !manifest.hook).map((manifest) => `---\n# Source: ${manifest.source}\n${manifest.content}\n`).join('');
  const hooks = manifests.filter((manifest) => manifest.hook).map((manifest) => `---\n# Source: ${manifest.source}\n${manifest.content}\n`).join('');
  return `${release.trim()}\n${hooks}`;
}

function sortByKind(manifests: HelmManifest[]): HelmManifest[] {
  // Array.prototype.sort is stable, as Go's sort.SliceStable.
  return manifests.sort((a, b) => {
    const first = RANK.get(a.kind);
    const second = RANK.get(b.kind);
    if (first === undefined && second === undefined) return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
    if (first === undefined) return 1;
    if (second === undefined) return -1;
    return first - second;
  });
}

interface Head {
  kind: string;
  annotations?: Record<string, unknown>;
}

/** The kind and annotations of a document (Helm's SimpleHead); a document that is not YAML fails as in Helm. */
function readHead(content: string, file: RenderedManifestFile): Head {
  // Without a hook annotation only the kind matters: the lexical index reads it from documents
  // whose structure it vouches for or finds merely beyond itself (large CRDs, whose full parse
  // cost more than the whole render). A document it suspects goes to the full parser.
  const [indexed] = indexYaml(content);
  if (indexed?.kind !== undefined && indexed.verdict !== 'suspect' && indexYamlSingle(content)) {
    if (!content.includes('helm.sh/hook')) return { kind: indexed.kind };
    // A hook needs its annotations too: the top-level metadata entry decoded alone (hooked CRDs
    // of several hundred KB were most of some charts' renders in the full parser).
    const metadata = topLevelMetadata(content);
    if (metadata !== undefined) return headOf({ kind: indexed.kind, metadata: metadata.value });
  }
  const read = readRenderedDocument(content, 1000);
  if (read) return headOf(read.value);
  // go-yaml (helm's reader) takes other forms the yaml package refuses: read the two fields helm
  // needs line by line rather than refuse what helm prints. A document with a tab in its
  // indentation is refused as helm refuses it.
  const tab = /^ *\t/m.exec(content);
  if (tab) {
    const line = content.slice(0, tab.index).split('\n').length;
    throw new TemplateError(file.display, 1, 1, `YAML parse error on ${file.name}: error converting YAML to JSON: yaml: line ${line}: found character that cannot start any token`);
  }
  const kind = /^kind:[ \t]*["']?([^"'\s#]+)/m.exec(content)?.[1] ?? '';
  const hook = /^[ \t]+["']?helm\.sh\/hook["']?[ \t]*:[ \t]*["']?([^"'#\n]*)/m.exec(content)?.[1]?.trim();
  return { kind, annotations: hook === undefined ? undefined : { 'helm.sh/hook': hook } };
}

// Root-level forms that could give or hide a second `metadata` (quoted or complex keys, merges).
const OTHER_ROOT_KEYS = /^(?:["']metadata["']|<<|\?)/m;
const ROOT_KEY_LINE = /^[A-Za-z0-9_$][^:\n]*:(?:[ \t]|\r?\n|$)/;

/**
 * The value of the document's one `metadata:` entry at column 0, decoded by itself: from its
 * line up to the next line at column 0, which must be another key. Undefined whenever that is
 * not certain (no such entry or two, another root form, an entry the fast decoder refuses):
 * the whole document is then parsed.
 */
function topLevelMetadata(content: string): { value: unknown } | undefined {
  const starts = [...content.matchAll(/^metadata[ \t]*:/gm)];
  if (starts.length !== 1 || OTHER_ROOT_KEYS.test(content)) return undefined;
  const entry = content.slice(starts[0].index);
  const next = /\n(?=[^ \t#\r\n])/.exec(entry);
  if (next && !ROOT_KEY_LINE.test(entry.slice(next.index + 1))) return undefined;
  const text = next ? entry.slice(0, next.index) : entry;
  const decoded = decodePlainYaml(text, 0, text.length);
  return isDict(decoded) ? { value: decoded.metadata } : undefined;
}

/** One document: splitManifests already cut at every separator helm cuts at. */
function indexYamlSingle(content: string): boolean {
  return !/^---/m.test(content) && !/^\.\.\.\s*$/m.test(content);
}

function headOf(object: unknown): Head {
  if (!isDict(object)) return { kind: '' };
  const metadata = object.metadata;
  const annotations = isDict(metadata) && isDict(metadata.annotations) ? metadata.annotations : undefined;
  return { kind: typeof object.kind === 'string' ? object.kind : '', annotations };
}
