// The hot path of a scan: one pass over a YAML file's text that splits it into documents,
// reads each document's apiVersion, kind, metadata.name and metadata.namespace, and checks
// the block structure line by line. It builds no objects, so it runs at close to the speed of
// reading the bytes; a full YAML parse (`yaml`, ~40x slower) is left for the documents that
// need it: those a check wants whole, and those this pass cannot vouch for.

export interface IndexedDocument {
  /** Offset of the first character after the `---` line (or 0). */
  start: number;
  /** Offset just past the document's last line. */
  end: number;
  /** 1-based line of the first line of the document's text. */
  firstLine: number;
  /** 1-based line of the first line that holds content (not a comment or blank); 0 if none. */
  contentLine: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /**
   * `plain`: structure verified and the four fields read; trust it without parsing.
   * `decode`: of a kind the caller decodes whole (see indexYaml), so the pass stopped once it
   * had read the apiVersion and kind: the rest is unread (name and namespace may not be set)
   * and unverified; the decoder, which checks every rule itself, or the full parser reads it.
   * `parse`: valid-looking but beyond this pass (anchors, tags, flow collections over
   * several lines, multi-line scalars, directives): parse it fully to know.
   * `suspect`: looks malformed; parse it fully for the authoritative error.
   */
  verdict: 'plain' | 'decode' | 'parse' | 'suspect';
}

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;
const CR = 13;

/**
 * Splits `text` into documents and reads what the checks need from each. A document whose kind
 * `decodes` accepts is left once its apiVersion and kind are read (verdict `decode`): the
 * decoder goes over all its lines again anyway, and checking them here as well took a third
 * of the pass on an estate of Deployments.
 */
export function indexYaml(text: string, decodes?: (kind: string) => boolean): IndexedDocument[] {
  const documents: IndexedDocument[] = [];
  let doc = newDocument(0, 1);
  let state = newStructure();
  let lineNumber = 0;
  let offset = 0;
  const length = text.length;
  while (offset < length || (offset === length && lineNumber === 0)) {
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd === -1) lineEnd = length;
    const next = lineEnd + 1;
    lineNumber++;
    let contentEnd = lineEnd;
    if (contentEnd > offset && text.charCodeAt(contentEnd - 1) === CR) contentEnd--;

    if (isDocumentMarker(text, offset, contentEnd)) {
      doc.end = offset;
      documents.push(doc);
      state = newStructure();
      if (isBlankOrComment(text, offset + 3, contentEnd)) {
        doc = newDocument(Math.min(next, length), lineNumber + 1);
      } else {
        // Content after the marker on the same line (`--- !tag`, `--- {a: 1}`, an error after
        // `...`) is rare: the parser reads the document from the marker line, content included.
        doc = newDocument(offset, lineNumber);
        doc.verdict = 'parse';
        doc.contentLine = lineNumber;
      }
    } else if (doc.verdict === 'plain') {
      scanLine(text, offset, contentEnd, lineNumber, doc, state);
      if (doc.apiVersion && doc.kind && doc.verdict === 'plain' && decodes?.(doc.kind)) {
        doc.verdict = 'decode';
        const marker = nextDocumentMarker(text, lineEnd);
        if (marker === -1) break;
        lineNumber += newlinesIn(text, next, marker);
        offset = marker;
        continue;
      }
      if (state.resumeAt >= 0) {
        // A quoted scalar ran over several lines (see quotedScalarEnd): go on after its last.
        lineNumber += newlinesIn(text, next, state.resumeAt);
        offset = state.resumeAt;
        state.resumeAt = -1;
        continue;
      }
      if (state.blockScalarParent >= 0 && lineEnd < length) {
        // A block scalar opened on this line: its lines are text, not structure, and in many
        // files (a ConfigMap's embedded configuration) they are most of the lines; find where
        // it ends with one search instead of looking at each of them.
        const end = blockScalarEnd(text, offset, contentEnd, state.blockScalarParent);
        if (end === MISINDENTED) {
          // Left to the parser, which says where; the lines up to the next document are not read.
          doc.verdict = 'suspect';
          offset = next;
          continue;
        }
        if (end === -1) break;
        lineNumber += newlinesIn(text, next, end);
        offset = end;
        continue;
      }
    }
    if (lineEnd === length) break;
    offset = next;
  }
  doc.end = length;
  documents.push(doc);
  return documents.filter((d) => d.contentLine > 0);
}

// A line break, then the spaces before a line that is not blank (as scanLine sees it: a CR
// before a line break or at the end of the text is no content).
const CONTENT_LINE = /\n( *)(?:[^ \n\r]|\r(?!\n|$))/g;
// Per indentation n: a line break, then a line that is not blank and is indented n or less.
const LINES_INDENTED_AT_MOST: RegExp[] = [];
// A block scalar header's indentation indicator (`|2`, `>-4`, `|1+`), at the end of its line.
const INDENTATION_INDICATOR = /[|>][-+]?([1-9])[-+]?[ \t]*(?:#.*)?$/;
/** blockScalarEnd's answer for a line indented less than the scalar's content and more than its parent. */
const MISINDENTED = -2;

/**
 * Where the block scalar whose header is the line text[headerStart, headerEnd) ends: the offset
 * of the first line after it, -1 when it runs to the end of the text, or MISINDENTED when a line
 * of it is indented less than its content and more than its `parent` (an error in YAML). Its
 * content's indentation is the header's indicator past the parent, else its first line's; one
 * search then finds the first line indented less than that, which is the end or the error.
 */
function blockScalarEnd(text: string, headerStart: number, headerEnd: number, parent: number): number {
  const indicator = INDENTATION_INDICATOR.exec(text.slice(headerStart, headerEnd));
  let content: number;
  if (indicator) content = parent + Number(indicator[1]);
  else {
    CONTENT_LINE.lastIndex = headerEnd;
    const first = CONTENT_LINE.exec(text);
    if (first === null) return -1;
    content = first[1].length;
    if (content <= parent) return first.index + 1; // an empty scalar: the next line is past it
  }
  const pattern = (LINES_INDENTED_AT_MOST[content - 1] ??= new RegExp(`\\n {0,${content - 1}}(?:[^ \\n\\r]|\\r(?!\\n|$))`, 'g'));
  pattern.lastIndex = headerEnd;
  const found = pattern.exec(text);
  if (found === null) return -1;
  let indent = 0;
  while (text.charCodeAt(found.index + 1 + indent) === SPACE) indent++;
  return indent <= parent ? found.index + 1 : MISINDENTED;
}

// A line break followed by a line that isDocumentMarker accepts: `---` or `...`, then a space,
// a tab or the end of the line (a CR before the line break or at the end of the text included).
const DOCUMENT_MARKER_LINE = /\n(?:---|\.\.\.)(?:[ \t\n]|\r\n|\r?$)/g;

/** The offset of the next document marker line after the line break at `from`, or -1 when there is none. */
function nextDocumentMarker(text: string, from: number): number {
  DOCUMENT_MARKER_LINE.lastIndex = from;
  const found = DOCUMENT_MARKER_LINE.exec(text);
  return found === null ? -1 : found.index + 1;
}

/** How many line breaks text[start, end) holds. */
function newlinesIn(text: string, start: number, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', start); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function newDocument(start: number, firstLine: number): IndexedDocument {
  return { start, end: start, firstLine, contentLine: 0, verdict: 'plain' };
}

/** What an open block collection holds: what a line at its indentation must be. */
const OPEN = 0; // nothing yet (the line that opened it is being read)
const MAPPING = 1; // keys
const COMPACT = 2; // keys, the last of which has as its value a sequence at the key's indentation (`key:` then `- a`)
const SEQUENCE = 3; // `- ` entries
const SCALAR = 4; // one value: no other line may sit at its indentation

interface Structure {
  /** Indentation of the open block collections, outermost first. */
  indents: number[];
  /** What each of them holds (OPEN, MAPPING, COMPACT, SEQUENCE, SCALAR). */
  holds: number[];
  /** Where each of them starts in keyStarts and keyEnds: a mapping's keys are those from there (see isDuplicateKey). */
  keysFrom: number[];
  /** The indentation of a `key:` just read with nothing after it, else -1: its value may be a sequence at that same indentation. */
  keyAwaitsAt: number;
  /** A `key:` or `-` with nothing after it: the next content line may be more indented. */
  expectChild: boolean;
  /** Inside a block scalar (`|`, `>`): lines indented more than this belong to it. */
  blockScalarParent: number;
  /** After a quoted scalar that closes on a later line: the offset of the line after that one, else -1. */
  resumeAt: number;
  /** The previous content line ended in a plain scalar value: a deeper line continues it. */
  plainValueOpen: boolean;
  /** That plain scalar is the value of this one of the four fields read: a continuation would change it. */
  plainFieldOpen: 'apiVersion' | 'kind' | 'name' | 'namespace' | undefined;
  /** Inside the top-level `metadata:` mapping, whose direct children sit at metadataChildIndent. */
  inMetadata: boolean;
  metadataChildIndent: number;
  /** How many entries of keyStarts and keyEnds are the keys of open mappings. */
  keyCount: number;
}

// Where the keys of the open mappings of the document being indexed are in its text, innermost
// last (see isDuplicateKey): shared by every document, as documents are indexed one at a time.
let keyStarts: Int32Array = new Int32Array(256);
let keyEnds: Int32Array = new Int32Array(256);
// A mapping with more keys than this is left to the parser rather than compared key by key.
const MAX_COMPARED_KEYS = 512;

function newStructure(): Structure {
  return {
    indents: [],
    holds: [],
    keysFrom: [],
    keyAwaitsAt: -1,
    expectChild: true,
    blockScalarParent: -2,
    resumeAt: -1,
    plainValueOpen: false,
    plainFieldOpen: undefined,
    inMetadata: false,
    metadataChildIndent: -1,
    keyCount: 0,
  };
}

/** Opens a block collection at `indent`, holding `holds`. */
function openCollection(state: Structure, indent: number, holds: number): void {
  state.indents.push(indent);
  state.holds.push(holds);
  state.keysFrom.push(state.keyCount);
}

/** Closes the innermost block collection, and lets go of its keys. */
function closeCollection(state: Structure): void {
  state.indents.pop();
  state.holds.pop();
  state.keyCount = state.keysFrom.pop()!;
}

/**
 * Whether the key text[start, end) repeats a key of its mapping (the innermost open collection),
 * an error in YAML (the parser then reports it at its place); undefined when the mapping has
 * too many keys to compare them one by one. Keys are compared as written: two that differ only
 * in how they are quoted or escaped may go unnoticed.
 */
function isDuplicateKey(text: string, start: number, end: number, state: Structure): boolean | undefined {
  const first = state.keysFrom[state.keysFrom.length - 1];
  if (state.keyCount - first >= MAX_COMPARED_KEYS) return undefined;
  const length = end - start;
  for (let i = first; i < state.keyCount; i++) {
    if (keyEnds[i] - keyStarts[i] === length && sameText(text, keyStarts[i], start, length)) return true;
  }
  if (state.keyCount === keyStarts.length) {
    keyStarts = grown(keyStarts);
    keyEnds = grown(keyEnds);
  }
  keyStarts[state.keyCount] = start;
  keyEnds[state.keyCount++] = end;
  return false;
}

function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

function grown(from: Int32Array): Int32Array {
  const to = new Int32Array(from.length * 2);
  to.set(from);
  return to;
}

function isDocumentMarker(text: string, start: number, end: number): boolean {
  if (end - start < 3) return false;
  const c = text.charCodeAt(start);
  if (c !== DASH && c !== 46 /* . */) return false;
  if (text.charCodeAt(start + 1) !== c || text.charCodeAt(start + 2) !== c) return false;
  const after = start + 3 < end ? text.charCodeAt(start + 3) : SPACE;
  return after === SPACE || after === TAB;
}

function isBlankOrComment(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === HASH) return true;
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

function scanLine(
  text: string,
  start: number,
  end: number,
  lineNumber: number,
  doc: IndexedDocument,
  state: Structure,
): void {
  let indent = 0;
  while (start + indent < end && text.charCodeAt(start + indent) === SPACE) indent++;
  let position = start + indent;
  if (position === end) return;
  const first = text.charCodeAt(position);

  if (indent > state.blockScalarParent && state.blockScalarParent >= -1) return;
  state.blockScalarParent = -2;

  if (first === HASH) {
    // A comment line ends a plain scalar: a deeper line after it continues nothing.
    state.plainValueOpen = false;
    return;
  }
  if (first === TAB) {
    // Tabs are never indentation in YAML; a tab-only line is blank, anything else is an error.
    if (!isBlankOrComment(text, position, end)) doc.verdict = 'suspect';
    return;
  }
  if (doc.contentLine === 0) {
    doc.contentLine = lineNumber;
    if (first === 37 /* % directive */) {
      doc.verdict = 'parse';
      return;
    }
  }

  // Where this line sits in the block structure.
  const top = state.indents.length ? state.indents[state.indents.length - 1] : -1;
  if (indent > top) {
    if (state.plainValueOpen && !state.expectChild) {
      // A deeper line after `key: value` continues a multi-line plain scalar, as generators of
      // CRDs write long descriptions: prometheus-operator's CRDs are 4.5 MB of them, which the
      // parser took 1.3 s over (see scanPlainContinuation). One of the four fields read so must
      // be unfolded: the parser does that.
      if (state.plainFieldOpen) {
        // What was read of that field is only its first line, which nothing may take for its value.
        delete doc[state.plainFieldOpen];
        doc.verdict = 'parse';
      } else scanPlainContinuation(text, position, end, doc, state);
      return;
    }
    if (!state.expectChild) {
      doc.verdict = 'suspect';
      return;
    }
    openCollection(state, indent, isEntry(text, position, end) ? SEQUENCE : OPEN);
  } else {
    while (state.indents.length && state.indents[state.indents.length - 1] > indent) closeCollection(state);
    if (!state.indents.length || state.indents[state.indents.length - 1] !== indent || !joinsCollection(text, position, end, indent, state)) {
      doc.verdict = 'suspect';
      return;
    }
  }
  if (state.inMetadata && indent === 0) state.inMetadata = false;
  state.expectChild = false;
  state.plainValueOpen = false;
  state.plainFieldOpen = undefined;
  state.keyAwaitsAt = -1;

  // Sequence entries: "- ", possibly several on one line ("- - a"), possibly "- key: value".
  let column = indent;
  while (isEntry(text, position, end)) {
    // An entry's content that is itself an entry ("- - a"): the collection at its column is a sequence.
    if (column > indent) state.holds[state.holds.length - 1] = SEQUENCE;
    position++;
    column++;
    while (position < end && text.charCodeAt(position) === SPACE) {
      position++;
      column++;
    }
    if (position === end || text.charCodeAt(position) === HASH) {
      state.expectChild = true;
      return;
    }
    // The entry's content opens a collection at its own column ("- name: x" then "  image: y").
    openCollection(state, column, OPEN);
  }

  scanContent(text, start, position, end, indent, doc, state);
}

/** Whether the line's content at `position` is a sequence entry: `-` then a space or the end of the line. */
function isEntry(text: string, position: number, end: number): boolean {
  return text.charCodeAt(position) === DASH && (position + 1 === end || text.charCodeAt(position + 1) === SPACE);
}

/**
 * Whether a line at the indentation of an open collection may continue it: an entry continues a
 * sequence, or starts or continues the sequence a `key:` just before it has as its value (at the
 * key's own indentation, as kubectl and kustomize write `containers:` then `- name: a`); anything
 * else continues a mapping. Nothing continues a scalar, and no key a sequence.
 */
function joinsCollection(text: string, position: number, end: number, indent: number, state: Structure): boolean {
  const last = state.holds.length - 1;
  const holds = state.holds[last];
  if (isEntry(text, position, end)) {
    if (holds === SEQUENCE || holds === COMPACT) return true;
    if (holds !== MAPPING || state.keyAwaitsAt !== indent) return false;
    state.holds[last] = COMPACT;
    return true;
  }
  if (holds === COMPACT) state.holds[last] = MAPPING;
  return holds === MAPPING || holds === COMPACT;
}

/** Records what the innermost open collection holds, from its first line: keys. */
function holdsKeys(state: Structure): void {
  const last = state.holds.length - 1;
  if (state.holds[last] === OPEN) state.holds[last] = MAPPING;
}

/**
 * Records that the innermost open collection holds one value (a scalar or a flow collection on
 * a line of its own). Where keys are, that is an error (`[a]` or `|` on a line where a key is
 * due): the parser says so. (A flow collection as a key, `[a]: b`, is also left to it.)
 */
function holdsValue(doc: IndexedDocument, state: Structure): void {
  const last = state.holds.length - 1;
  if (state.holds[last] === OPEN) state.holds[last] = SCALAR;
  else if (state.holds[last] === MAPPING) doc.verdict = 'suspect';
}

/** Scans what follows the indentation and any "- ": a `key: value` pair or a lone value. */
function scanContent(
  text: string,
  lineStart: number,
  position: number,
  end: number,
  indent: number,
  doc: IndexedDocument,
  state: Structure,
): void {
  const first = text.charCodeAt(position);
  const column = position - lineStart;
  if (first === 124 /* | */ || first === 62 /* > */) {
    // A block scalar as a sequence entry ("- |"): its lines are indented past the dash.
    state.blockScalarParent = indent;
    holdsValue(doc, state);
    return;
  }
  if (first === 63 /* ? complex key */ || first === 38 /* & */ || first === 42 /* * */ || first === 33 /* ! */) {
    doc.verdict = 'parse';
    return;
  }
  // The key is text[keyStart, keyEnd) (a quoted key without its quotes), compared in place:
  // only four keys matter, and slicing every key was much of a scan's garbage.
  let keyStart = position;
  let keyEnd = -1;
  let valueStart = -1;
  if (first === 34 /* " */ || first === 39 /* ' */) {
    const close = closingQuote(text, position, end, first);
    if (close < 0) {
      doc.verdict = 'parse';
      return;
    }
    let after = close + 1;
    while (after < end && text.charCodeAt(after) === SPACE) after++;
    if (after < end && text.charCodeAt(after) === 58 /* : */) {
      valueStart = after + 1;
      keyStart = position + 1;
      keyEnd = close;
    } else {
      // A quoted scalar as a sequence entry: only a comment may follow.
      if (!onlyCommentAfter(text, close + 1, end)) doc.verdict = 'suspect';
      holdsValue(doc, state);
      return;
    }
  } else if (first === 123 /* { */ || first === 91 /* [ */) {
    scanFlow(text, position, end, doc);
    holdsValue(doc, state);
    return;
  } else {
    const colon = findMappingColon(text, position, end);
    if (colon < 0) {
      // A plain scalar on its own line: valid as a sequence entry, an error as a mapping line.
      state.plainValueOpen = true;
      if (!isSequenceContext(text, position)) doc.verdict = 'suspect';
      holdsValue(doc, state);
      return;
    }
    valueStart = colon + 1;
    keyEnd = colon;
    while (keyEnd > position && isWhiteSpace(text.charCodeAt(keyEnd - 1))) keyEnd--;
  }

  holdsKeys(state);
  const duplicate = isDuplicateKey(text, keyStart, keyEnd, state);
  if (duplicate !== false) {
    doc.verdict = duplicate ? 'suspect' : 'parse';
    return;
  }
  while (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
  if (valueStart < end && text.charCodeAt(valueStart) === TAB) {
    while (valueStart < end && (text.charCodeAt(valueStart) === SPACE || text.charCodeAt(valueStart) === TAB)) valueStart++;
  }
  const hasValue = valueStart < end && text.charCodeAt(valueStart) !== HASH;

  if (!hasValue) {
    state.expectChild = true;
    state.keyAwaitsAt = column;
    if (column === 0 && isKey(text, keyStart, keyEnd, 'metadata')) {
      state.inMetadata = true;
      state.metadataChildIndent = -1;
    } else if (state.inMetadata && state.metadataChildIndent < 0) {
      // `labels:` before `name:` (kubectl and kustomize sort keys) fixes the child indent too.
      state.metadataChildIndent = column;
    }
    return;
  }

  let field: 'apiVersion' | 'kind' | 'name' | 'namespace' | undefined;
  if (column === 0) field = isKey(text, keyStart, keyEnd, 'apiVersion') ? 'apiVersion' : isKey(text, keyStart, keyEnd, 'kind') ? 'kind' : undefined;
  else if (state.inMetadata && (state.metadataChildIndent < 0 || column === state.metadataChildIndent)) field = isKey(text, keyStart, keyEnd, 'name') ? 'name' : isKey(text, keyStart, keyEnd, 'namespace') ? 'namespace' : undefined;
  const value = scanValue(text, valueStart, end, doc, state, column, field !== undefined);
  if (value === undefined) return;
  if (state.inMetadata && column > 0 && state.metadataChildIndent < 0) state.metadataChildIndent = column;
  if (field) {
    doc[field] = value;
    state.plainFieldOpen = state.plainValueOpen ? field : undefined;
  }
}

/**
 * A line that continues a multi-line plain scalar: text, whatever it starts with (`- `, `[`, `*`
 * are characters there), up to a comment, which ends the scalar. `: ` in it would make the
 * lines an implicit key, an error the parser reports. (Tabs: left to the parser.)
 */
function scanPlainContinuation(text: string, position: number, end: number, doc: IndexedDocument, state: Structure): void {
  for (let i = position; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === TAB || (c === 58 /* : */ && (i + 1 === end || text.charCodeAt(i + 1) === SPACE))) {
      doc.verdict = 'parse';
      return;
    }
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
      state.plainValueOpen = false;
      return;
    }
  }
}

function isKey(text: string, start: number, end: number, word: string): boolean {
  return end - start === word.length && text.startsWith(word, start);
}

/** Whether every backslash in the double-quoted text[start, end) starts an escape yaml knows (escapeLength). */
function hasOnlyKnownEscapes(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== 92) continue;
    const length = escapeLength(text, i + 1);
    if (length < 0) return false;
    i += length;
  }
  return true;
}

// The characters yaml accepts after a backslash in a double-quoted scalar (its escapeCodes, but
// the tab, which the index leaves to the parser), besides x, u and a line break.
const ESCAPED = new Set('0abefnrtvN_LP "/\\');

/**
 * How many characters after the backslash before `at` its escape takes (0 for an escaped line
 * break, which is read as a line break), or -1 when yaml would reject it or it is left to the
 * parser (\U, a tab, an escaped CR).
 */
function escapeLength(text: string, at: number): number {
  const c = text[at];
  if (c === '\n') return 0;
  if (c === undefined) return -1;
  if (ESCAPED.has(c)) return 1;
  const digits = c === 'x' ? 2 : c === 'u' ? 4 : 0;
  if (digits === 0) return -1;
  for (let i = at + 1; i <= at + digits; i++) if (!isHexDigit(text.charCodeAt(i))) return -1;
  return 1 + digits;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function hasBackslash(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 92) return true;
  return false;
}

/** What String.prototype.trimEnd removes, so that keys are compared as they were when sliced and trimmed. */
function isWhiteSpace(c: number): boolean {
  if (c < 128) return c === SPACE || (c >= TAB && c <= CR);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Reads a value after `key:`. Returns the scalar's text for plain and quoted scalars on this
 * line (or '' unless `read`), undefined for anything else (block scalars, flow collections,
 * or trouble).
 */
function scanValue(
  text: string,
  start: number,
  end: number,
  doc: IndexedDocument,
  state: Structure,
  keyColumn: number,
  read: boolean,
): string | undefined {
  const first = text.charCodeAt(start);
  if (first === 124 /* | */ || first === 62 /* > */) {
    state.blockScalarParent = keyColumn;
    return undefined;
  }
  if (first === 34 || first === 39) {
    const close = closingQuote(text, start, end, first);
    if (close < 0) {
      // One of the four fields would have to be unfolded: the parser does that.
      const resume = read ? -1 : quotedScalarEnd(text, start, first, keyColumn);
      if (resume < 0) doc.verdict = 'parse';
      else state.resumeAt = resume;
      return undefined;
    }
    if (!onlyCommentAfter(text, close + 1, end)) {
      doc.verdict = 'suspect';
      return undefined;
    }
    // An escape in one of the four fields must be unescaped, and an unknown one is an error: the parser does both.
    if (first === 34 && (read ? hasBackslash(text, start + 1, close) : !hasOnlyKnownEscapes(text, start + 1, close))) {
      doc.verdict = 'parse';
      return undefined;
    }
    if (!read) return '';
    const inner = text.slice(start + 1, close);
    return first === 39 ? inner.replaceAll("''", "'") : inner;
  }
  if (first === 123 || first === 91) {
    scanFlow(text, start, end, doc);
    return undefined;
  }
  if (first === 38 || first === 42 || first === 33 || first === 64 /* @ */ || first === 96 /* ` */) {
    // Anchors, aliases and tags need the parser; @ and ` cannot start a plain scalar.
    doc.verdict = first === 64 || first === 96 ? 'suspect' : 'parse';
    return undefined;
  }
  // A plain scalar: it ends at " #"; ": " inside it is an error (a nested mapping on one line).
  let valueEnd = end;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === HASH && (text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) {
      valueEnd = i;
      break;
    }
    if (c === 58 && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) {
      doc.verdict = 'suspect';
      return undefined;
    }
  }
  state.plainValueOpen = true;
  return read ? text.slice(start, valueEnd).trimEnd() : '';
}

/** Checks that a flow collection closes on this line; several lines are left to the parser. */
function scanFlow(text: string, start: number, end: number, doc: IndexedDocument): void {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const close = closingQuote(text, i, end, c);
      if (close < 0) {
        doc.verdict = 'parse';
        return;
      }
      i = close;
    } else if (c === 123 && text.charCodeAt(i + 1) === 123) {
      // `{{`: a Go template action, which YAML reads as a mapping for a key, if it reads it at all.
      doc.verdict = 'parse';
      return;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth < 0) {
        doc.verdict = 'suspect';
        return;
      }
      if (depth === 0) {
        if (!onlyCommentAfter(text, i + 1, end)) doc.verdict = 'suspect';
        return;
      }
    } else if (c === 38 || c === 42 || c === 33 || c === HASH) {
      doc.verdict = 'parse';
      return;
    }
  }
  doc.verdict = 'parse';
}

/**
 * Where a quoted scalar value opened at `start` that runs past its line ends: the offset of the
 * line after the one its closing quote is on (the text's length on the last line), or -1 for
 * anything left to the parser: a line indented no more than the scalar's key (`keyColumn`),
 * which yaml rejects, an escape it does not know (see escapeLength), a tab or CR, no closing
 * quote, or anything but a comment after it. CRDs' descriptions are written so by some generators (eks-charts'
 * appmesh-controller, istio's MetalLB manifests).
 */
function quotedScalarEnd(text: string, start: number, quote: number, keyColumn: number): number {
  // closingQuote looks from the character after `open`: the opening quote, then each line break.
  for (let open = start; ; ) {
    let lineEnd = text.indexOf('\n', open + 1);
    if (lineEnd < 0) lineEnd = text.length;
    const close = closingQuote(text, open, lineEnd, quote);
    const stop = close < 0 ? lineEnd : close;
    // (an escaped line break is a line break still: the next line must be indented too)
    if (hasTabOrCr(text, open + 1, stop) || (quote === 34 && !hasOnlyKnownEscapes(text, open + 1, stop))) return -1;
    if (close >= 0) return onlyCommentAfter(text, close + 1, lineEnd) ? Math.min(lineEnd + 1, text.length) : -1;
    if (lineEnd === text.length) return -1;
    let indent = 0;
    while (text.charCodeAt(lineEnd + 1 + indent) === SPACE) indent++;
    if (indent <= keyColumn && text.charCodeAt(lineEnd + 1 + indent) !== 10) return -1;
    open = lineEnd;
  }
}

/** Whether text[start, end) holds only spaces, then the end or a comment (which needs a space before it: `'x'#c` is an error). */
function onlyCommentAfter(text: string, start: number, end: number): boolean {
  let at = start;
  while (at < end && text.charCodeAt(at) === SPACE) at++;
  return at === end || (text.charCodeAt(at) === HASH && at > start);
}

function hasTabOrCr(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === TAB || c === CR) return true;
  }
  return false;
}

/** Offset of the quote closing the scalar opened at `start`, or -1 if it runs past the line. */
function closingQuote(text: string, start: number, end: number, quote: number): number {
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (quote === 34 && c === 92 /* \ */) {
      i++;
    } else if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

/** Offset of the `:` that ends a plain mapping key on this line, or -1. */
function findMappingColon(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 && (i + 1 === end || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)) return i;
    if (c === HASH && i > start && text.charCodeAt(i - 1) === SPACE) return -1;
  }
  return -1;
}

/** Whether the line holding `position` is a sequence entry ("- value"). */
function isSequenceContext(text: string, position: number): boolean {
  let i = position - 1;
  while (i >= 0 && text.charCodeAt(i) === SPACE) i--;
  return i >= 0 && text.charCodeAt(i) === DASH;
}
