// Migrates the objects of one manifest file's text. The lexical index skips every document
// that needs nothing (most of them); the others are parsed, planned, edited in place, and
// the edit is kept only if the new text parses back to exactly the planned object.
import { isDeepStrictEqual } from 'node:util';
import type { CheckContext } from '../checks/types.js';
import type { Finding } from '../core/types.js';
import { inputInvalid } from '../sources/input-problem.js';
import { looksLikeJson } from '../sources/manifest-text.js';
import { indexYaml, type IndexedDocument } from '../sources/yaml-index.js';
import { isListObject, parseYamlDocuments, type ParseOutcome } from '../sources/yaml-parse.js';
import { isRecord } from '../core/fields.js';
import { migrationUrgency, planObject, type ObjectPlan } from './plan-object.js';
import type { FixChange, ManualMigration } from './report-types.js';
import type { Operation, Path } from './types.js';
import { applyToText, EditError } from './yaml-edit.js';
import { rewriteDocumentApiVersion } from './api-version-line.js';
import { findMigration } from './index.js';
import { replacementServedAt } from './target-api.js';

export interface ManifestFix {
  text: string;
  changes: FixChange[];
  manual: ManualMigration[];
  problems: Finding[];
}

interface Slice {
  start: number;
  end: number;
  firstLine: number;
  /** The lexical index vouched for its structure and read its apiVersion, kind and name. */
  verified: boolean;
}

/**
 * What fixing a file's text works out the same for any target, kept for the next target's fix of
 * the same text (plan fixes each file for every hop): its lexical index, and each document's parse.
 * Three hops of istio/istio indexed its files three times and parsed 250 ms of documents (a profile).
 */
export interface TextReadings {
  index?: IndexedDocument[];
  /** The text read as JSON (undefined: not yet; `parsed: false`: it is not JSON). */
  json?: { parsed: true; value: unknown } | { parsed: false };
  /** By the document's text. */
  parsed: Map<string, ParseOutcome>;
}

export function fixManifestText(text: string, path: string, context: CheckContext, readings: TextReadings = { parsed: new Map() }): ManifestFix {
  const result: ManifestFix = { text, changes: [], manual: [], problems: [] };
  const json = looksLikeJson(text);
  if (json && jsonNeedsNothing((readings.json ??= readJson(text)), context)) return result;
  const documents = json ? undefined : (readings.index ??= indexYaml(text));
  // What the index read the apiVersion and kind of and that needs no migration: those it vouches for,
  // and those merely beyond it (a flow collection over several lines, a {{ }} placeholder). The
  // latter are still parsed when another document of the file is to change, so that a file with a
  // document that does not parse is never edited; a file with nothing to change is not read further.
  // (With jsonNeedsNothing: `fix istio --target 1.33` 1.28-1.45 -> 0.68-0.75 s, `plan` to 1.33, three
  // hops, 3.47-3.82 -> 2.19-2.38 s; the YAML parser had read every such document and JSON file.)
  const needsNothing = (doc: IndexedDocument) => Boolean(doc.apiVersion && doc.kind && migratesNothing(doc.apiVersion, doc.kind, context));
  const candidates = documents?.filter((doc) => doc.verdict !== 'plain' || (doc.apiVersion && doc.kind && !needsNothing(doc)));
  if (candidates?.every((doc) => doc.verdict === 'parse' && needsNothing(doc))) return result;
  const slices: Slice[] = candidates
    ? candidates.map((doc) => ({ start: doc.start, end: doc.end, firstLine: doc.firstLine, verified: doc.verdict === 'plain' && !doc.kind!.endsWith('List') && Boolean(doc.name) }))
    : [{ start: 0, end: text.length, firstLine: 1, verified: false }];
  const rewritten: { slice: Slice; text: string }[] = [];
  for (const slice of slices) {
    const documentText = text.slice(slice.start, slice.end);
    const bumped = slice.verified ? bumpVerifiedDocument(documentText, slice, path, context) : undefined;
    if (bumped) {
      result.changes.push(bumped.change);
      rewritten.push({ slice, text: bumped.text });
      continue;
    }
    const edited = fixDocument(documentText, slice, path, context, result, readings.parsed);
    if (edited === undefined) return { text, changes: [], manual: result.manual, problems: result.problems };
    rewritten.push({ slice, text: edited });
  }
  let output = '';
  let offset = 0;
  for (const { slice, text: edited } of rewritten) {
    output += text.slice(offset, slice.start) + edited;
    offset = slice.end;
  }
  result.text = output + text.slice(offset);
  return result;
}

/**
 * Whether a JSON text (read as JSON, not as YAML) holds no object, nor List item, whose apiVersion
 * and kind need migrating: then the YAML parser, which editing needs, need not read it (istio has
 * 1.4 MB of JSON test data and dashboards; a plan reads them once for all its hops, see
 * TextReadings). False when it is not plain JSON.
 */
function jsonNeedsNothing(json: NonNullable<TextReadings['json']>, context: CheckContext): boolean {
  if (!json.parsed) return false;
  const value = json.value;
  const objects = isRecord(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items) ? value.items : [value];
  return objects.every(
    (object) => !isRecord(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || migratesNothing(object.apiVersion, object.kind, context),
  );
}

function readJson(text: string): NonNullable<TextReadings['json']> {
  try {
    return { parsed: true, value: JSON.parse(text) };
  } catch {
    return { parsed: false };
  }
}

/** Whether an object of this apiVersion and kind needs no migration: not a List (whose items may), and not an API the target retires. */
function migratesNothing(apiVersion: string, kind: string, context: CheckContext): boolean {
  return !kind.endsWith('List') && !migrationUrgency(apiVersion, kind, context);
}

/**
 * The fast path, without a parser: a document the index verified, whose family says the
 * apiVersion line is the whole migration (RBAC, storage, CronJob, ...), gets that line rewritten.
 */
function bumpVerifiedDocument(text: string, slice: Slice, path: string, context: CheckContext): { text: string; change: FixChange } | undefined {
  const document = indexYaml(text)[0];
  if (!document?.apiVersion || !document.kind) return undefined;
  const { apiVersion: from, kind } = document;
  const found = findMigration(from, kind);
  const to = replacementServedAt(context.knowledge.apis.lookup(from, kind)!, kind, context.knowledge, context.target);
  if (!found || !to || !found.migration.apiVersionLineSuffices(from, kind, text)) return undefined;
  const edited = rewriteDocumentApiVersion(text, from, to);
  if (edited === undefined) return undefined;
  const change: FixChange = { path, line: document.contentLine + slice.firstLine - 1, kind, from, to, family: found.family, severity: migrationUrgency(from, kind, context)!, notes: [] };
  if (document.namespace) change.namespace = document.namespace;
  if (document.name) change.name = document.name;
  return { text: edited, change };
}

/** The document's new text; undefined when it does not parse (the file is then left alone). */
function fixDocument(text: string, slice: Slice, path: string, context: CheckContext, result: ManifestFix, parsed: Map<string, ParseOutcome>): string | undefined {
  const lineOffset = slice.firstLine - 1;
  // Planning reads the parsed objects and never changes them (applyToObject edits a copy), so
  // another target's fix can plan from the same ones.
  let outcome = parsed.get(text);
  if (!outcome) parsed.set(text, (outcome = parseYamlDocuments(text)));
  if (!outcome.ok) {
    const line = outcome.line + lineOffset;
    result.problems.push(inputInvalid({ type: 'file', path, line, column: outcome.column }, `${path}:${line}:${outcome.column}: invalid YAML: ${outcome.message}; the file was not changed — fix the syntax and run fix again`));
    return undefined;
  }
  let current = text;
  for (const parsed of outcome.documents) {
    const items = parsed.items ?? (isListObject(parsed.object) ? [] : [parsed]);
    items.forEach((item, index) => {
      const prefix: Path = parsed.items ? ['items', index] : [];
      const plan = planObject(item.object, context);
      if (!plan) return;
      const located = locate(item.object, path, item.line + lineOffset);
      if (plan.status === 'manual') {
        result.manual.push(manualEntry(located, plan));
        return;
      }
      const edited = editText(current, prefix, plan, slice.verified);
      if (typeof edited !== 'string') {
        result.manual.push(manualEntry(located, { ...plan, status: 'manual', reason: edited.reason }));
        return;
      }
      current = edited;
      result.changes.push({ ...located, from: plan.from, to: plan.to, family: plan.family, severity: plan.severity, notes: plan.notes });
    });
  }
  return current;
}

function editText(text: string, prefix: Path, plan: Extract<ObjectPlan, { status: 'migrate' }>, verified: boolean): string | { reason: string } {
  // In a document the index verified, the apiVersion line needs no parser; when it is the
  // only change, neither does the check of the result.
  const lexical = verified ? rewriteDocumentApiVersion(text, plan.from, plan.to) : undefined;
  if (lexical !== undefined && plan.operations.length === 1) return lexical;
  const operations = (lexical === undefined ? plan.operations : plan.operations.slice(1)).map((operation) => prefixOperation(operation, prefix));
  let edited: string;
  try {
    edited = applyToText(lexical ?? text, operations);
  } catch (error) {
    if (error instanceof EditError) return { reason: `the change to ${plan.to} could not be written without disturbing the file (${error.message}); make it by hand` };
    throw error;
  }
  if (looksLikeJson(text) && !parsesAsJson(edited)) return { reason: `the change to ${plan.to} cannot be written into this JSON file without re-printing it; make it by hand` };
  const reparsed = parseYamlDocuments(edited);
  const object = reparsed.ok ? objectAt(reparsed.documents[0]?.object, prefix) : undefined;
  if (!isDeepStrictEqual(object, plan.expected)) {
    return { reason: `the edited text did not read back as the migrated object (anchors, aliases or merge keys share this part of the document); migrate it to ${plan.to} by hand` };
  }
  return edited;
}

function prefixOperation(operation: Operation, prefix: Path): Operation {
  if (!prefix.length) return operation;
  if (operation.op === 'copy') return { ...operation, from: [...prefix, ...operation.from], to: [...prefix, ...operation.to] };
  return { ...operation, path: [...prefix, ...operation.path] };
}

function objectAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

function locate(object: unknown, path: string, line: number): { path: string; line: number; kind: string; namespace?: string; name?: string } {
  const record = object as { kind: string; metadata?: { name?: unknown; namespace?: unknown } };
  const located: { path: string; line: number; kind: string; namespace?: string; name?: string } = { path, line, kind: record.kind };
  if (typeof record.metadata?.namespace === 'string') located.namespace = record.metadata.namespace;
  if (typeof record.metadata?.name === 'string') located.name = record.metadata.name;
  return located;
}

function manualEntry(located: ReturnType<typeof locate>, plan: Extract<ObjectPlan, { status: 'manual' }>): ManualMigration {
  const entry: ManualMigration = { ...located, apiVersion: plan.from, severity: plan.severity, reason: plan.reason };
  if (plan.to) entry.to = plan.to;
  if (plan.family) entry.family = plan.family;
  return entry;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
