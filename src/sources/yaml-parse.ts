// The full-parse path: YAML 1.1 (as kubectl reads it) with the `yaml` library, for the
// documents the lexical index cannot vouch for or that a check wants whole. Hostile input
// (alias bombs, deep nesting) becomes an error message, never a crash or a hang.
import type { Document } from 'yaml';
import { yamlLibrary } from './yaml-library.js';
import { RENDER_TEMPLATE } from './input-problem.js';
import type { KubeObject } from '../core/types.js';

export interface ParsedObject {
  object: unknown;
  /** 1-based line and column of the object's first character in the parsed text. */
  line: number;
  column: number;
  /** Items of a `kind: List`, each with its own position. */
  items?: { object: unknown; line: number; column: number }[];
}

export type ParseOutcome =
  | {
      ok: true;
      documents: ParsedObject[];
      /** With `duplicates: 'last-wins'`: the first key written twice, as the documents were read anyway. */
      duplicate?: { key: string; line: number; column: number };
    }
  | {
      ok: false;
      message: string;
      line: number;
      column: number;
      /**
       * Set when the problem is a key written twice in one mapping, to the key as written: YAML
       * forbids it, but kubectl and helm read it (sigs.k8s.io/yaml keeps the last value), so
       * what to tell the user differs from other syntax errors.
       */
      duplicateKey?: string;
    };

// A handful of aliases is normal (shared env blocks); an exponential "billion laughs" is not.
const MAX_ALIAS_COUNT = 100;
const TOO_DEEP = 'the document nests too deeply to parse';

// The keys that say which object a document is: written twice, which object kubectl would
// apply is no longer clear enough to judge it.
const IDENTITY_KEYS = new Set(['apiVersion', 'kind', 'name', 'namespace']);

/**
 * The documents of `text`, or the first problem. A key written twice in one mapping is an
 * error in YAML; with `duplicates: 'last-wins'` the documents are read anyway as kubectl and helm
 * read them (sigs.k8s.io/yaml keeps the last value), the key reported beside them, unless it is
 * one that names the object (IDENTITY_KEYS).
 */
export function parseYamlDocuments(text: string, duplicates: 'refuse' | 'last-wins' = 'refuse'): ParseOutcome {
  const strict = parseWith(text, true);
  if (strict.ok || strict.duplicateKey === undefined || duplicates === 'refuse' || IDENTITY_KEYS.has(unquoted(strict.duplicateKey))) return strict;
  const lenient = parseWith(text, false);
  return lenient.ok ? { ...lenient, duplicate: { key: strict.duplicateKey, line: strict.line, column: strict.column } } : strict;
}

/** A key as written, without its quotes. */
function unquoted(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

function parseWith(text: string, uniqueKeys: boolean): ParseOutcome {
  const { LineCounter, parseAllDocuments, isMap, isSeq } = yamlLibrary();
  const lineCounter = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { version: '1.1', lineCounter, prettyErrors: true, uniqueKeys }) as Document.Parsed[];
  } catch (error) {
    return failure(error, 1, 1);
  }
  const parsed: ParsedObject[] = [];
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const position = error.linePos?.[0] ?? { line: 1, col: 1 };
      // The parser catches its own stack overflow and reports it as a syntax error.
      const message = /call stack/i.test(error.message) ? TOO_DEEP : firstLine(error.message);
      const duplicateKey = error.code === 'DUPLICATE_KEY' ? keyAt(text, error.pos[0]) : undefined;
      return { ok: false, message, line: position.line, column: position.col, ...(duplicateKey === undefined ? {} : { duplicateKey }) };
    }
    if (document.contents === null) continue;
    const collectionKey = collectionKeyOf(document, text);
    if (collectionKey) {
      const at = lineCounter.linePos(collectionKey.offset);
      return { ok: false, message: `a mapping key is itself a ${collectionKey.kind} (${collectionKey.text}); ${RENDER_TEMPLATE}`, line: at.line, column: at.col };
    }
    const start = lineCounter.linePos(document.contents.range?.[0] ?? 0);
    let object: unknown;
    try {
      object = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      return failure(error, start.line, start.col);
    }
    const entry: ParsedObject = { object, line: start.line, column: start.col };
    if (isListObject(object) && isMap(document.contents)) {
      const items = document.contents.get('items', true);
      if (isSeq(items) && Array.isArray((object as { items: unknown[] }).items)) {
        entry.items = items.items.map((node, index) => {
          const at = lineCounter.linePos((node as { range?: [number] }).range?.[0] ?? 0);
          return { object: (object as { items: unknown[] }).items[index], line: at.line, column: at.col };
        });
      }
    }
    parsed.push(entry);
  }
  return { ok: true, documents: parsed };
}

/**
 * The first mapping key that is a mapping or a list: `replicas: {{replicas}}` reads as the key
 * `{replicas}`. go-yaml (kubectl) refuses it, and the yaml package would turn it into text with
 * a warning on stderr.
 */
function collectionKeyOf(document: Document.Parsed, text: string): { offset: number; kind: string; text: string } | undefined {
  const { isCollection, isMap, visit } = yamlLibrary();
  let found: { offset: number; kind: string; text: string } | undefined;
  visit(document, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return undefined;
      found = { offset: pair.key.range?.[0] ?? 0, kind: isMap(pair.key) ? 'mapping' : 'list', text: text.slice(pair.key.range?.[0] ?? 0, pair.key.range?.[1] ?? 0).replace(/\s+/g, ' ') };
      return visit.BREAK;
    },
  });
  return found;
}

/** `kind: List` and the typed lists (`DeploymentList`) that `kubectl get -o yaml` prints. */
export function isListObject(object: unknown): boolean {
  const candidate = object as KubeObject | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.kind === 'string' &&
    candidate.kind.endsWith('List') &&
    Array.isArray((candidate as { items?: unknown }).items)
  );
}

/** The mapping key written at `offset` (quoted or plain), or '' when none can be read there. */
function keyAt(text: string, offset: number): string {
  return /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s:#][^:#\n]*?)[ \t]*:(?:[ \t\n]|$)/.exec(text.slice(offset))?.[1] ?? '';
}

function failure(error: unknown, line: number, column: number): ParseOutcome {
  if (error instanceof RangeError) {
    return { ok: false, message: TOO_DEEP, line, column };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/alias/i.test(message)) {
    return { ok: false, message: `the document expands too many aliases (more than ${MAX_ALIAS_COUNT}); refusing a possible alias bomb`, line, column };
  }
  return { ok: false, message: firstLine(message), line, column };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
