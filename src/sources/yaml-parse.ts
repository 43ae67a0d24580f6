// The full-parse path: YAML 1.1 (as kubectl reads it) with the `yaml` library, for the
// documents the lexical index cannot vouch for or that a check wants whole. Hostile input
// (alias bombs, deep nesting) becomes an error message, never a crash or a hang.
import type { Document } from 'yaml';
import { yamlLibrary } from './yaml-library.js';
import { lineAndColumnAt, RENDER_TEMPLATE } from './input-problem.js';
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
// Deeper than any manifest nests, in [ ] and { } or by indentation. The library recurses once per
// level (to about 900) and reports running out of stack as a syntax error, but near the end of the
// stack V8 has aborted the whole process instead, compiling a regular expression (a 20,000-deep flow
// sequence parsed after a template): a document past this is refused before the library sees it.
const MAX_DEPTH = 256;

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
  const tooDeep = pastFlowDepth(text, MAX_DEPTH) ?? pastBlockDepth(text, MAX_DEPTH);
  if (tooDeep !== undefined) return { ok: false, message: TOO_DEEP, ...lineAndColumnAt(text, tooDeep) };
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
  // The library makes an Error of every syntax error it meets, and a document the index sent here
  // is often a template with dozens: capturing a stack trace for each (which nothing reads, only
  // the first error's message and place) took 76 ms of a plan of istio/istio. Restored before
  // anything else runs: the parse calls no code but the library's.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    documents = parseAllDocuments(text, { version: '1.1', lineCounter, prettyErrors: true, uniqueKeys }) as Document.Parsed[];
  } catch (error) {
    return failure(error, 1, 1);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
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

/**
 * The offset of the first [ or { that opens a flow collection `max` levels deep, or undefined.
 * Quoted scalars and comments are passed over. A bracket inside a plain or block scalar counts
 * too: only hundreds of them left open (closed ones, as in embedded JSON or {{ }}, even out) make
 * a document refused.
 */
function pastFlowDepth(text: string, max: number): number | undefined {
  // Nearly every document opens fewer collections than that in all: found with indexOf, which
  // skips through a large text many times faster than the loop below reads it.
  if (openings(text, max) <= max) return undefined;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return index;
    } else if (code === 0x5d || code === 0x7d) {
      if (depth > 0) depth--;
    } else if ((code === 0x22 || code === 0x27) && !startsToken(text, index)) {
      // A quote inside a word (don't) is no quoted scalar.
    } else if (code === 0x22) {
      // "…", its escapes taken as they come
      for (index++; index < text.length && text.charCodeAt(index) !== 0x22; index++) if (text.charCodeAt(index) === 0x5c) index++;
    } else if (code === 0x27) {
      // '…', where '' is a quote
      for (index++; index < text.length; index++) if (text.charCodeAt(index) === 0x27 && text.charCodeAt(++index) !== 0x27) break;
      index--;
    } else if (code === 0x23 && (index === 0 || isBlank(text.charCodeAt(index - 1)))) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    }
  }
  return undefined;
}

/** Space, tab, CR or LF. */
function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

/**
 * The offset of the first line indented deeper than `max` lines it sits under, each deeper than
 * the one before (a block collection nested `max` levels), or undefined. Lines of a block scalar
 * count as well: only a text indented hundreds of times over is refused.
 */
function pastBlockDepth(text: string, max: number): number | undefined {
  // The indentation of each line the current one sits under, shallowest first.
  const under: number[] = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let content = start;
    while (content < end && text.charCodeAt(content) === 0x20) content++;
    const first = content < end ? text.charCodeAt(content) : -1;
    // Blank lines and comments open nothing.
    if (first !== -1 && first !== 0x0d && first !== 0x23) {
      const indentation = content - start;
      while (under.length > 0 && under[under.length - 1] >= indentation) under.pop();
      under.push(indentation);
      if (under.length > max) return content;
    }
    start = end + 1;
  }
  return undefined;
}

/** How many [ and { the text holds, counted up to one past `max`. */
function openings(text: string, max: number): number {
  let count = 0;
  for (let at = text.indexOf('['); at !== -1 && count <= max; at = text.indexOf('[', at + 1)) count++;
  for (let at = text.indexOf('{'); at !== -1 && count <= max; at = text.indexOf('{', at + 1)) count++;
  return count;
}

/** Whether the character at `index` may begin a YAML token: first, or after a space, a line break or flow punctuation. */
function startsToken(text: string, index: number): boolean {
  return index === 0 || isTokenBoundary(text.charCodeAt(index - 1));
}

/** Space, tab, CR, LF, [, {, comma or colon. */
function isTokenBoundary(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a || code === 0x5b || code === 0x7b || code === 0x2c || code === 0x3a;
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
