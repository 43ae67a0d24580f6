// Turns the text of one manifest file (YAML or JSON) into Resources: the lexical index
// reads most documents; a full parse handles the rest and locates errors.
import type { Finding, KubeObject, Origin, Resource } from '../core/types.js';
import { indexYaml, type IndexedDocument } from './yaml-index.js';
import { decodePlainDocument } from './plain-yaml.js';
import { detached } from '../core/detached-string.js';
import { isListObject, parseYamlDocuments, type ParsedObject } from './yaml-parse.js';
import { inputInvalid, jsonSyntaxProblem, lineAndColumnAt, RENDER_TEMPLATE } from './input-problem.js';
import { dropFields, type DroppedFields } from './unread-fields.js';
import { jsonListItemPositions } from './json-list-items.js';

export interface ManifestOptions {
  /** Kinds whose whole object some check reads (see Check.objectKinds); '*' for all. */
  objectKinds: ReadonlySet<string>;
  /** Fields nothing reads (unread-fields.ts), left out of the objects kept so that a scan's memory stays flat. */
  dropped?: DroppedFields;
}

function wantsObject(options: ManifestOptions, kind: string): boolean {
  return options.objectKinds.has(kind) || options.objectKinds.has('*');
}

export interface ManifestContents {
  resources: Resource[];
  findings: Finding[];
}

export function readManifestText(text: string, path: string, options: ManifestOptions): ManifestContents {
  const contents: ManifestContents = { resources: [], findings: [] };
  if (looksLikeJson(text)) {
    readJson(text, path, options, contents);
    return contents;
  }
  // Lists and the kinds wanted whole go through the decoder, which reads every line of them itself.
  for (const document of indexYaml(text, (kind) => kind.endsWith('List') || wantsObject(options, kind))) {
    if (document.verdict === 'plain') {
      if (document.apiVersion && document.kind) contents.resources.push(lightResource(document, path));
    } else if (!(document.verdict === 'decode' && readDecodedDocument(text, document, path, options, contents))) {
      readParsedDocument(text, document, path, options, contents);
    }
  }
  return contents;
}

/** A Resource from what the index read; its strings are copied, as findings may keep them. */
function lightResource(document: IndexedDocument, path: string): Resource {
  const resource: Resource = {
    apiVersion: detached(document.apiVersion!),
    kind: detached(document.kind!),
    origin: { type: 'file', path, line: document.contentLine, column: 1 },
  };
  if (document.name) resource.name = detached(document.name);
  if (document.namespace) resource.namespace = detached(document.namespace);
  return resource;
}

/**
 * A plain document wanted whole, or a List, through the fast decoder; false when it bails (or
 * cannot place a List's items) and the full parse must do it.
 */
function readDecodedDocument(
  text: string,
  document: IndexedDocument,
  path: string,
  options: ManifestOptions,
  contents: ManifestContents,
): boolean {
  const decoded = decodePlainDocument(text, document.start, document.end, options.dropped);
  if (decoded === undefined) return false;
  const object = decoded.value;
  if (isListObject(object)) {
    const items = (object as { items: unknown[] }).items;
    const starts = decoded.itemStarts ?? [];
    if (starts.length !== items.length) return false; // a flow sequence of items: the parser places them
    items.forEach((item, index) => {
      const origin: Origin = { type: 'file', path, line: document.firstLine + starts[index].row, column: starts[index].column };
      keepDecoded(item, origin, options, contents);
    });
    return true;
  }
  // The decoder only accepts a root at column 0 of the first content line, where the parser puts it.
  keepDecoded(object, { type: 'file', path, line: document.contentLine, column: 1 }, options, contents);
  return true;
}

/** A decoded value as a Resource, when it is a Kubernetes object (the decoder already dropped the unread fields). */
function keepDecoded(object: unknown, origin: Origin, options: ManifestOptions, contents: ManifestContents): void {
  const resource = identify(object, origin, isString);
  if (!resource) return;
  if (wantsObject(options, resource.kind)) resource.object = object as KubeObject;
  contents.resources.push(resource);
}

function readParsedDocument(
  text: string,
  document: IndexedDocument,
  path: string,
  options: ManifestOptions,
  contents: ManifestContents,
): void {
  const lineOffset = document.firstLine - 1;
  const source = text.slice(document.start, document.end);
  const outcome = parseYamlDocuments(source, 'last-wins');
  if (!outcome.ok) {
    const at = `${path}:${outcome.line + lineOffset}:${outcome.column}`;
    // Go templates kept among manifests (istio/istio's test data has dozens) break the parse at
    // their {{ }} actions: the way out is rendering them, not fixing the syntax.
    // (unless the parser's own message already says so: a mapping key that is a {{ }} action)
    const template = source.includes('{{') && !outcome.message.includes(RENDER_TEMPLATE) ? `; ${RENDER_TEMPLATE}` : '';
    const message =
      outcome.duplicateKey === undefined
        ? `${at}: invalid YAML: ${outcome.message}; fix the syntax (kubectl would reject this file too)${template}`
        : writtenTwice(at, outcome.duplicateKey, '');
    contents.findings.push(inputInvalid({ type: 'file', path, line: outcome.line + lineOffset, column: outcome.column }, message));
    return;
  }
  if (outcome.duplicate) {
    // Reported, and judged as kubectl would apply it: one key written twice no longer hides the
    // object from every check (aws/eks-charts' aws-dranet DaemonSet, whose labels helper already
    // writes `app`, was read as nothing at all).
    const { key, line, column } = outcome.duplicate;
    contents.findings.push(inputInvalid({ type: 'file', path, line: line + lineOffset, column }, writtenTwice(`${path}:${line + lineOffset}:${column}`, key, ' (this scan judges the object so)')));
  }
  for (const parsed of outcome.documents) addParsed(parsed, lineOffset, path, options, contents);
}

/** What to tell of a key written twice at `at`; `judged` says whether the object was read anyway. */
function writtenTwice(at: string, key: string, judged: string): string {
  // kubectl and helm read a key written twice (sigs.k8s.io/yaml keeps the last value): only
  // what YAML 1.2-strict tools such as kustomize do with it can be promised.
  return `${at}: invalid YAML: ${key ? `the key ${key} is` : 'a key is'} written twice in one mapping, which YAML forbids; kubectl and helm keep the last value and drop the earlier one without a word${judged}, kustomize rejects the file; keep one of them`;
}

function addParsed(parsed: ParsedObject, lineOffset: number, path: string, options: ManifestOptions, contents: ManifestContents): void {
  const entries = parsed.items ?? (isListObject(parsed.object) ? [] : [parsed]);
  for (const entry of entries) {
    const origin: Origin = { type: 'file', path, line: entry.line + lineOffset, column: entry.column };
    const resource = resourceFromObject(entry.object, origin, options);
    if (resource) contents.resources.push(resource);
  }
}

/**
 * A Resource when `object` looks like a Kubernetes object (text apiVersion and kind), else undefined.
 * `isText` says what counts as text: Terraform passes a test that rejects values known only at apply time.
 */
export function resourceFromObject(object: unknown, origin: Origin, options: ManifestOptions, isText: (value: unknown) => value is string = isString): Resource | undefined {
  const resource = identify(object, origin, isText);
  if (resource && wantsObject(options, resource.kind)) {
    if (options.dropped) dropFields(object, options.dropped);
    resource.object = object as KubeObject;
  }
  return resource;
}

/** The Resource (without its object) when `object` has a text apiVersion and kind. */
function identify(object: unknown, origin: Origin, isText: (value: unknown) => value is string): Resource | undefined {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  const candidate = object as KubeObject;
  if (!isText(candidate.apiVersion) || !isText(candidate.kind)) return undefined;
  const resource: Resource = { apiVersion: candidate.apiVersion, kind: candidate.kind, origin };
  const metadata = typeof candidate.metadata === 'object' && candidate.metadata !== null ? candidate.metadata : {};
  if (isText(metadata.name)) resource.name = metadata.name;
  if (isText(metadata.namespace)) resource.namespace = metadata.namespace;
  return resource;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 123 /* { */ || c === 91; /* [ */
  }
  return false;
}

function readJson(text: string, path: string, options: ManifestOptions, contents: ManifestContents): void {
  let object: unknown;
  try {
    object = JSON.parse(text);
  } catch (error) {
    // Editor and tool settings are often JSON with comments (VS Code's .vscode/settings.json,
    // tsconfig.json; onedr0p/home-ops keeps one beside its manifests): a file that names no
    // apiVersion or kind anywhere is no Kubernetes manifest, broken or not, and is passed over
    // as a valid JSON file without them is.
    if (!/\b(apiVersion|kind)["']?\s*:/.test(text)) return;
    const { message: problem, line, column } = jsonSyntaxProblem(text, error);
    const at = `${path}:${line}:${column}`;
    // A file that opens with `{{` is a Go template (istio/istio keeps several among its
    // manifests and test data), and one with `{{` further on may be one: say so rather than
    // only that the JSON is broken.
    const message = text.trimStart().startsWith('{{')
      ? `${at}: a Go template ({{ }} actions), not JSON or YAML yet: render it with what fills it (helm template, say) and scan the output, or exclude it with --exclude`
      : `${at}: invalid JSON: ${problem}; fix the syntax${text.includes('{{') ? `, or, ${RENDER_TEMPLATE}` : ''}`;
    contents.findings.push(inputInvalid({ type: 'file', path, line, column }, message));
    return;
  }
  const start = lineAndColumnAt(text, text.search(/\S/));
  const items = isListObject(object) ? (object as { items: unknown[] }).items : [object];
  const itemLines = items.length > 1 || items[0] !== object ? jsonListItemPositions(text) : undefined;
  items.forEach((item, index) => {
    const at = itemLines?.[index] ?? start;
    const resource = resourceFromObject(item, { type: 'file', path, ...at }, options);
    if (resource) contents.resources.push(resource);
  });
}
