// A fast decoder for the documents the lexical index (yaml-index.ts) marked `plain`: block
// mappings and sequences, single-line plain and quoted scalars, single-line flow collections
// and block scalars. It produces exactly what `yaml` (version 1.1) + toJS() would, or
// undefined ("bail out") for anything it cannot decode with certainty; the caller then runs
// the full parser. It never trusts the index's verdict: every rule is checked again here.
// Bailing is always correct, so every unusual form simply bails.
// Given `dropped` fields, it passes over their values without decoding them: there the
// index's line-by-line check of the structure is all that is done, as for documents that
// are read without decoding.
import { detached } from '../core/detached-string.js';
import { dropFields, type DroppedFields } from './unread-fields.js';

const BAIL = { bail: true }; // thrown, not an Error: no stack trace to capture
const fail = (): never => {
  throw BAIL;
};
// Characters YAML 1.1 treats as line breaks or rejects, and a BOM (a CR not before LF: per line).
const ODD_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
const MAX_DEPTH = 64;

/**
 * The value of the document in text[start, end), without the `dropped` fields (as dropFields
 * would leave it), or undefined to let the full parser do it.
 */
export function decodePlainYaml(text: string, start: number, end: number, dropped?: DroppedFields, resolve?: PlainResolver): unknown | undefined {
  return decodePlainDocument(text, start, end, dropped, resolve)?.value;
}

/**
 * What a plain (unquoted) scalar means. The default is `yaml`'s YAML 1.1 schema, as the full
 * parser reads manifests; helm's values reader passes go-yaml v2's (helm/sigs-yaml.ts). It
 * returns the text itself (===) for a string.
 */
export type PlainResolver = (text: string) => unknown;

export interface DecodedDocument {
  value: unknown;
  /**
   * Where each item of the root's `items` block sequence starts (a `kind: List`), as the full
   * parser would place it: 0-based row in text[start, end) and 1-based column. Absent when
   * `items` is not a block sequence.
   */
  itemStarts?: { row: number; column: number }[];
}

/** decodePlainYaml, with the positions of a List's items, so that a List of any length needs no full parse. */
export function decodePlainDocument(text: string, start: number, end: number, dropped?: DroppedFields, resolve: PlainResolver = resolvePlain): DecodedDocument | undefined {
  const source = text.slice(start, end);
  if (ODD_CHARACTERS.test(source)) return undefined;
  try {
    const decoder = new Decoder(source, dropped, resolve);
    const value = decoder.document();
    return decoder.itemStarts ? { value, itemStarts: decoder.itemStarts } : { value };
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

// The per-line tables of the document being decoded, shared by every decode (decodes never
// overlap): a scan decodes thousands of documents, and tables per document were most of the
// garbage it made.
const lineTable = { starts: new Int32Array(1024), ends: new Int32Array(1024), indents: new Int32Array(1024), tabbed: new Uint8Array(1024) };

function growLineTable(): void {
  const grown = (from: Int32Array) => {
    const to = new Int32Array(from.length * 2);
    to.set(from);
    return to;
  };
  const tabbed = new Uint8Array(lineTable.tabbed.length * 2);
  tabbed.set(lineTable.tabbed);
  Object.assign(lineTable, { starts: grown(lineTable.starts), ends: grown(lineTable.ends), indents: grown(lineTable.indents), tabbed });
}

class Decoder {
  /** Per line: offset of its first character, offset of its end (before any CR). */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Per line: indentation, or -1 for a blank or comment-only line. */
  private readonly indents: Int32Array;
  private readonly tabbed: Uint8Array;
  private readonly lines: number;
  private row = 0;
  private depth = 0;
  private colon = 0;
  private readonly endsWithNewline: boolean;
  /** Set while decoding the value of the root's `items` key: its block sequence records itemStarts. */
  private expectItems = false;
  itemStarts: { row: number; column: number }[] | undefined;

  constructor(
    private readonly s: string,
    private readonly dropped: DroppedFields | undefined,
    private readonly resolve: PlainResolver,
  ) {
    // Next tab and CR at or after the current line, found once each rather than per line.
    let tab = -1;
    let cr = -1;
    let line = 0;
    for (let at = 0; at < s.length; line++) {
      let end = s.indexOf('\n', at);
      const next = end < 0 ? s.length : end + 1;
      if (end < 0) end = s.length;
      if (cr < at && (cr = s.indexOf('\r', at)) < 0) cr = s.length;
      if (cr < end && (cr !== end - 1 || next === end)) fail(); // only CR LF is a line break here
      if (cr === end - 1) end--;
      if (tab < at && (tab = s.indexOf('\t', at)) < 0) tab = s.length;
      let p = at;
      while (p < end && s.charCodeAt(p) === 32) p++;
      const c = s.charCodeAt(p);
      // A document marker or directive here means the caller's slice was wrong.
      if (p === at && (c === 37 || ((c === 45 || c === 46) && /^(?:---|\.\.\.)(?:[ \t]|$)/.test(s.slice(at, at + 4))))) fail();
      if (line === lineTable.starts.length) growLineTable();
      lineTable.starts[line] = at;
      lineTable.ends[line] = end;
      lineTable.indents[line] = p === end || c === 35 || (c === 9 && /^[ \t]*(?:#.*)?$/.test(s.slice(p, end))) ? -1 : p - at;
      lineTable.tabbed[line] = tab < end ? 1 : 0;
      at = next;
    }
    ({ starts: this.starts, ends: this.ends, indents: this.indents, tabbed: this.tabbed } = lineTable);
    this.lines = line;
    this.endsWithNewline = s.endsWith('\n');
  }

  document(): unknown {
    // Only a root at column 0, so the caller's origin (content line, column 1) stays right.
    if (this.skipBlank() !== 0) fail();
    const value = this.node(this.starts[this.row], 0, -1, undefined);
    if (this.skipBlank() !== -1) fail();
    return value;
  }

  /** Moves to the next content line and returns its indentation, or -1 at the end. */
  private skipBlank(): number {
    while (this.row < this.lines && this.indents[this.row] < 0) this.row++;
    if (this.row === this.lines) return -1;
    if (this.tabbed[this.row]) fail(); // tabs in structure: leave the subtleties to `yaml`
    return this.indents[this.row];
  }

  private isEntry(p: number, end: number): boolean {
    return this.s.charCodeAt(p) === 45 && (p + 1 === end || this.s.charCodeAt(p + 1) === 32);
  }

  /**
   * The node starting at offset p (column col) of the current line; parent is its parent's
   * column; `drop` are the keys to leave out of it (or of its items).
   */
  private node(p: number, col: number, parent: number, drop: ReadonlySet<string> | undefined): unknown {
    if (++this.depth > MAX_DEPTH) fail();
    const end = this.ends[this.row];
    let value: unknown;
    if (this.isEntry(p, end)) value = this.sequence(col, drop);
    else if (this.key(p, end)) value = this.mapping(col, drop);
    else value = this.inlineValue(p, parent, drop);
    this.depth--;
    return value;
  }

  private sequence(col: number, drop: ReadonlySet<string> | undefined): unknown[] {
    const items: unknown[] = [];
    // The root's `items` sequence is at depth 2, or 1 when compact (`items:` then `- ` at column 0).
    const starts: { row: number; column: number }[] | undefined = this.expectItems && this.depth <= 2 ? (this.itemStarts = []) : undefined;
    this.expectItems = false;
    for (;;) {
      const lineStart = this.starts[this.row];
      const end = this.ends[this.row];
      let p = lineStart + col + 1;
      while (p < end && this.s.charCodeAt(p) === 32) p++;
      if (p === end || this.s.charCodeAt(p) === 35) {
        this.row++;
        if (starts) {
          // The item starts on the next content line (a null item's position is never used).
          const indent = this.skipBlank();
          starts.push({ row: this.row, column: indent + 1 });
        }
        items.push(this.below(col, true, drop));
      } else {
        starts?.push({ row: this.row, column: p - lineStart + 1 });
        items.push(this.node(p, p - lineStart, col, drop));
      }
      const indent = this.skipBlank();
      if (indent > col) fail();
      // An exact-size copy: push gives an array room for 16 items, and kept objects hold on to it.
      if (indent < col || !this.isEntry(this.starts[this.row] + col, this.ends[this.row])) return items.slice();
    }
  }

  private mapping(col: number, drop: ReadonlySet<string> | undefined): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    let skipped: string[] | undefined;
    for (;;) {
      const end = this.ends[this.row];
      const key = this.key(this.starts[this.row] + col, end) ?? fail();
      const colon = this.colon;
      if (key === '__proto__' || Object.hasOwn(object, key) || skipped?.includes(key)) fail(); // duplicates are errors
      let p = colon + 1;
      while (p < end && this.s.charCodeAt(p) === 32) p++;
      const inline = p < end && this.s.charCodeAt(p) !== 35;
      if (drop?.has(key)) {
        (skipped ??= []).push(key);
        this.skipValue(col, inline);
      } else if (!inline) {
        this.row++;
        this.expectItems = this.depth === 1 && key === 'items';
        object[key] = this.below(col, false, this.dropped?.get(key));
        this.expectItems = false;
      } else {
        object[key] = this.inlineValue(p, col, this.dropped?.get(key));
      }
      const indent = this.skipBlank();
      if (indent < col) return object;
      if (indent > col || this.isEntry(this.starts[this.row] + col, this.ends[this.row])) fail();
    }
  }

  /** The value of an entry with nothing after `key:` or `-`: a deeper node, a compact sequence, or null. */
  private below(col: number, inSequence: boolean, drop: ReadonlySet<string> | undefined): unknown {
    const indent = this.skipBlank();
    const p = this.starts[this.row] + indent;
    if (indent > col) return this.node(p, indent, col, drop);
    if (indent === col && !inSequence && this.isEntry(p, this.ends[this.row])) return this.sequence(col, drop);
    return null;
  }

  /**
   * Moves past the value of the key at column col on this line: the rest of the line (when
   * `inline`), the deeper lines after it, and a compact sequence's entries at col.
   */
  private skipValue(col: number, inline: boolean): void {
    let row = this.row + 1;
    for (; row < this.lines; row++) {
      const indent = this.indents[row];
      if (indent < 0 || indent > col) continue;
      if (indent === col && !inline && this.isEntry(this.starts[row] + col, this.ends[row])) continue;
      break;
    }
    this.row = row;
  }

  /** A mapping key at p (its colon's offset goes to this.colon), or undefined if the line holds no key. */
  private key(p: number, end: number): string | undefined {
    const s = this.s;
    const c = s.charCodeAt(p);
    if (c === 91 || c === 123) return undefined; // a flow collection (as a key it would need the parser)
    if (c === 34 || c === 39) {
      const close = closingQuote(s, p, end);
      if (close < 0) fail();
      if (s.charCodeAt(close + 1) !== 58) return undefined; // (spaces before ':' would need the parser)
      if (close + 2 < end && s.charCodeAt(close + 2) !== 32) fail();
      this.colon = close + 1;
      return unquote(s, p, close);
    }
    let odd = false; // spaces or flow indicators: fine in a scalar line, too subtle in a key
    for (let i = p; i < end; i++) {
      const d = s.charCodeAt(i);
      if (d === 35 && s.charCodeAt(i - 1) === 32) return undefined;
      if (d === 58 && (i + 1 === end || s.charCodeAt(i + 1) === 32)) {
        const key = s.slice(p, i);
        // Plain keys must resolve to strings (not `on`, `1`, `~`), `<<` is a merge, 1024 is YAML's limit.
        if (odd || !plainStart(key) || key === '<<' || key.length > 1024) fail();
        if (this.resolve(key) !== key) fail();
        this.colon = i;
        return key;
      }
      if (d === 32 || d === 44 || d === 91 || d === 93 || d === 123 || d === 125) odd = true;
    }
    return undefined;
  }

  /** A value that starts on this line at p: block scalar, quoted, flow or plain scalar. */
  private inlineValue(p: number, parent: number, drop: ReadonlySet<string> | undefined): unknown {
    const s = this.s;
    const end = this.ends[this.row];
    const c = s.charCodeAt(p);
    if (c === 124 || c === 62) return this.blockScalar(p, end, parent);
    let value: unknown;
    let after: number;
    if (c === 34 || c === 39) {
      after = closingQuote(s, p, end) + 1;
      if (after === 0) return this.multiLineQuoted(p, parent);
      value = detached(unquote(s, p, after - 1));
    } else if (c === 91 || c === 123) {
      const flow = new FlowReader(s, p, end, this.resolve);
      value = flow.value(0);
      after = flow.at;
      if (this.dropped) dropFields(value, this.dropped, drop);
    } else {
      // A plain scalar runs to ` #` or the end; `: ` inside it would be a nested mapping.
      let stop = p;
      for (; stop < end; stop++) {
        const d = s.charCodeAt(stop);
        if (d === 35 && s.charCodeAt(stop - 1) === 32) break;
        if (d === 58 && (stop + 1 === end || s.charCodeAt(stop + 1) === 32)) fail(); // `: ` or a final `:`
      }
      const text = s.slice(p, stop).trimEnd();
      if (!plainStart(text)) fail();
      // Deeper lines after it continue it (unless a comment ended it).
      if (stop === end && parent >= 0) {
        const folded = this.plainContinuation(text, parent);
        if (folded !== undefined) return folded;
      }
      value = this.resolve(text);
      if (typeof value === 'string') value = detached(value);
      after = stop;
    }
    while (after < end && s.charCodeAt(after) === 32) after++;
    if (after < end && !(s.charCodeAt(after) === 35 && s.charCodeAt(after - 1) === 32)) fail();
    this.row++;
    return value;
  }

  /**
   * The plain scalar `first` (this line's part of it) with the deeper lines after this one that
   * continue it, folded as YAML folds them: a line break is a space, and each blank line between
   * two lines a newline; undefined when no deeper line follows. Such text is a string in every
   * schema (it holds a space or a newline); anything else bails.
   */
  private plainContinuation(first: string, parent: number): string | undefined {
    const s = this.s;
    const pieces = [first]; // a blank line as ''
    let last = -1;
    let kept = 1; // the pieces up to its last line, without the blank lines after it
    for (let row = this.row + 1; row < this.lines; row++) {
      const from = this.starts[row];
      const end = this.ends[row];
      let q = from;
      while (q < end && s.charCodeAt(q) === 32) q++;
      if (q === end) {
        pieces.push('');
        continue;
      }
      // A line not deeper than its parent ends it, and so does a comment line (values.yaml files
      // comment out examples under a key; a deeper line after one is an error the mapping finds).
      if (q - from <= parent || s.charCodeAt(q) === 35) break;
      if (this.tabbed[row]) fail();
      let stop = q;
      for (; stop < end; stop++) {
        const d = s.charCodeAt(stop);
        if (d === 35 && s.charCodeAt(stop - 1) === 32) break;
        if (d === 58 && (stop + 1 === end || s.charCodeAt(stop + 1) === 32)) fail(); // an implicit key over several lines
      }
      kept = pieces.push(s.slice(q, stop).trimEnd());
      last = row;
      if (stop < end) break; // a comment ends it
    }
    if (last < 0) return undefined;
    const text = foldLines(pieces.slice(0, kept));
    if (typeof this.resolve(text) !== 'string') fail();
    this.row = last + 1;
    return detached(text);
  }

  /**
   * A quoted scalar opened at p that closes on a later line, folded as YAML folds it (lines
   * trimmed, a line break a space, each blank line between a newline), with its escapes; every
   * line after the first must be blank or indented past `parent`. A tab, a backslash ending a
   * line (an escaped line break: the unescaping refuses it) or anything but a comment after the
   * closing quote bails.
   */
  private multiLineQuoted(p: number, parent: number): string {
    const s = this.s;
    const quote = s.charCodeAt(p);
    if (parent < 0) fail();
    const pieces: string[] = [];
    // closingQuote looks from the character after `open`: the opening quote, then each line break.
    let open = p;
    for (let row = this.row; row < this.lines; ) {
      if (this.tabbed[row]) fail();
      const end = this.ends[row];
      const close = closingQuote(s, open, end, quote);
      const line = s.slice(open + 1, close < 0 ? end : close);
      pieces.push(row === this.row ? line.trimEnd() : close < 0 ? line.trim() : line.trimStart());
      if (close >= 0) {
        let after = close + 1;
        while (after < end && s.charCodeAt(after) === 32) after++;
        if (after < end && !(s.charCodeAt(after) === 35 && after > close + 1)) fail();
        this.row = row + 1;
        return detached(unescapeQuoted(foldLines(pieces), quote));
      }
      row++;
      if (row === this.lines) break;
      let q = this.starts[row];
      while (q < this.ends[row] && s.charCodeAt(q) === 32) q++;
      if (q < this.ends[row] && q - this.starts[row] <= parent) fail();
      open = this.starts[row] - 1;
    }
    return fail();
  }

  /** `|` or `>` at p with its content on the following lines; parent is the owning collection's column. */
  private blockScalar(p: number, end: number, parent: number): string {
    const s = this.s;
    const header = /^[|>]([-+]?)([1-9]?)([-+]?) *(?: #.*)?$/.exec(s.slice(p, end));
    if (!header || (header[1] && header[3]) || parent < 0) fail();
    const folded = s.charCodeAt(p) === 62;
    const chomp = header![1] || header![3];
    // Explicit indentation counts from the parent collection's column: only certain at a line's start.
    if (header![2] && parent !== this.indents[this.row]) fail();
    let indent = header![2] ? parent + Number(header![2]) : -1;
    const lines: string[] = [];
    let row = this.row + 1;
    let lastContent = -1;
    for (; row < this.lines; row++) {
      const from = this.starts[row];
      const to = this.ends[row];
      let q = from;
      while (q < to && s.charCodeAt(q) === 32) q++;
      if (q === to) {
        if (indent >= 0 && q - from > indent) fail(); // spaces past the indentation are content
        lines.push('');
        continue;
      }
      if (indent < 0) {
        indent = q - from;
        // Leading blank lines longer than the detected indentation are an error in YAML.
        for (let r = this.row + 1; r < row; r++) if (this.ends[r] - this.starts[r] > indent) fail();
      }
      if (q - from < indent) {
        if (s.charCodeAt(q) === 9) fail();
        break;
      }
      const line = s.slice(from + indent, to);
      if (folded && /^[ \t]/.test(line)) fail(); // more-indented lines fold differently
      lines.push(line);
      lastContent = lines.length - 1;
    }
    if (lastContent < 0 || indent <= parent || (row === this.lines && !this.endsWithNewline)) fail();
    const trailing = lines.length - 1 - lastContent;
    const body = lines.slice(0, lastContent + 1);
    let text: string;
    if (!folded) {
      text = body.join('\n');
    } else {
      // Adjacent lines join with a space; each empty line between them stands for one newline.
      text = '';
      let empties = 0;
      let started = false;
      for (const line of body) {
        if (line === '') {
          empties++;
          continue;
        }
        text += started ? (empties ? '\n'.repeat(empties) : ' ') + line : '\n'.repeat(empties) + line;
        started = true;
        empties = 0;
      }
    }
    this.row = row;
    if (chomp === '-') return detached(text);
    return detached(chomp === '+' ? text + '\n'.repeat(trailing + 1) : text + '\n');
  }
}

/** Reads one single-line flow collection (`[a, "b"]`, `{a: 1}`); anything unusual bails. */
class FlowReader {
  constructor(
    private readonly s: string,
    public at: number,
    private readonly end: number,
    private readonly resolve: PlainResolver,
  ) {}

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) fail();
    const open = this.s.charCodeAt(this.at);
    if (open !== 91 && open !== 123) fail();
    const close = open + 2; // `]` and `}` follow `[` and `{` two code points on
    const items: unknown[] | undefined = open === 91 ? [] : undefined;
    const object: Record<string, unknown> | undefined = items ? undefined : {};
    this.at++;
    this.spaces();
    if (this.s.charCodeAt(this.at) === close) {
      this.at++;
      return items ?? object;
    }
    for (;;) {
      if (items) items.push(this.item(depth));
      else this.entry(object!, depth);
      this.spaces();
      const c = this.s.charCodeAt(this.at++);
      if (c === close) return items ? items.slice() : object; // exact size, as for block sequences
      if (c !== 44 || this.at >= this.end) fail();
      this.spaces();
      if (this.s.charCodeAt(this.at) === close) fail(); // trailing comma
    }
  }

  /** One `key: value` of a flow mapping, into object. */
  private entry(object: Record<string, unknown>, depth: number): void {
    const key = this.scalar();
    if (typeof key !== 'string' || key === '__proto__' || key === '<<' || Object.hasOwn(object, key)) fail();
    const s = this.s;
    if (s.charCodeAt(this.at) !== 58 || s.charCodeAt(this.at - 1) === 32 || s.charCodeAt(this.at + 1) !== 32) fail();
    this.at += 2;
    this.spaces();
    object[key as string] = this.item(depth);
  }

  private item(depth: number): unknown {
    const c = this.s.charCodeAt(this.at);
    return c === 91 || c === 123 ? this.value(depth + 1) : this.scalar();
  }

  /** A quoted or plain scalar; plain ones may not hold `:` or `#` here (pairs, comments: bail). */
  private scalar(): unknown {
    const s = this.s;
    const c = s.charCodeAt(this.at);
    if (c === 34 || c === 39) {
      const close = closingQuote(s, this.at, this.end);
      if (close < 0) fail();
      const value = detached(unquote(s, this.at, close));
      this.at = close + 1;
      return value;
    }
    const start = this.at;
    while (this.at < this.end && !FLOW_PLAIN_STOPS.has(s.charCodeAt(this.at))) this.at++;
    const text = s.slice(start, this.at).trimEnd();
    if (this.at >= this.end || text === '' || !plainStart(text)) fail();
    const value = this.resolve(text);
    return typeof value === 'string' ? detached(value) : value;
  }

  private spaces(): void {
    while (this.at < this.end && this.s.charCodeAt(this.at) === 32) this.at++;
  }
}

// , [ ] { } : # (a character test rather than a regular expression: this loop is hot).
const FLOW_PLAIN_STOPS = new Set([44, 91, 93, 123, 125, 58, 35]);

/** Offset of the quote closing the scalar opened at start, or -1 if it is not on this line. */
/** The offset of the `quote` closing a quoted scalar, looking from start + 1 to end; -1 when it does not close there. */
function closingQuote(s: string, start: number, end: number, quote = s.charCodeAt(start)): number {
  for (let i = start + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (quote === 34 && c === 92) i++;
    else if (c === quote) {
      if (quote === 39 && s.charCodeAt(i + 1) === 39) i++;
      else return i;
    }
  }
  return -1;
}

/**
 * The lines of a multi-line plain or quoted scalar, each trimmed (a blank one as ''), joined as
 * YAML folds them: a line break is a space, and each blank line between two lines a newline.
 */
function foldLines(pieces: readonly string[]): string {
  let text = pieces[0];
  let blanks = 0;
  for (let index = 1; index < pieces.length; index++) {
    const piece = pieces[index];
    if (piece === '' && index < pieces.length - 1) {
      blanks++;
      continue;
    }
    text += (blanks > 0 ? '\n'.repeat(blanks) : ' ') + piece;
    blanks = 0;
  }
  return text;
}

function unquote(s: string, open: number, close: number): string {
  return unescapeQuoted(s.slice(open + 1, close), s.charCodeAt(open));
}

/** The text between the quotes of a `quote`-quoted scalar, unescaped. */
function unescapeQuoted(inner: string, quote: number): string {
  if (quote === 39) return inner.replaceAll("''", "'");
  if (!inner.includes('\\')) return inner;
  // JSON's escapes mean the same in YAML; YAML-only ones (\x, \e, \N, \ ...) make JSON.parse
  // throw, as do an escaped line break and a line break folded into the text.
  try {
    return JSON.parse(`"${inner}"`) as string;
  } catch {
    return fail();
  }
}

/** Whether text (already trimmed at its end) may be a plain scalar: no indicator or space first. */
function plainStart(text: string): boolean {
  if (text === '') return false;
  const c = text.charCodeAt(0);
  if (c === 45) return text.length > 1 && text.charCodeAt(1) !== 32; // `-x`, not `- x`
  return c > 32 && !INDICATORS.includes(text[0]);
}
const INDICATORS = '?:,[]{}#&*!|>\'"%@`';

// The YAML 1.1 scalar tags of `yaml` (src/schema/yaml-1.1), tested in its order, without the
// `_` digit separators; sexagesimal numbers, timestamps and separators bail instead.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const DIGIT_LIKE = /^[-+]?[0-9.]/;
const INT_FORMS: [RegExp, number, number][] = [
  [/^[-+]?0b[01]+$/, 2, 2],
  [/^[-+]?0[0-7]+$/, 1, 8],
  [/^[-+]?[0-9]+$/, 0, 10],
  [/^[-+]?0x[0-9a-fA-F]+$/, 2, 16],
];
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:[0-9]+)?(?:\.[0-9]*)?[eE][-+]?[0-9]+$|^[-+]?(?:[0-9]+)?\.[0-9]*$/;
const UNSURE = /_|^[-+]?[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;

// The words those three match, for a lookup instead of three regular expressions.
const WORDS = new Map<string, null | boolean>();
for (const word of ['', '~', 'null', 'Null', 'NULL', 'Y', 'y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'N', 'n', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) {
  const value = NULL.test(word) ? null : TRUE.test(word) ? true : FALSE.test(word) ? false : undefined;
  if (value !== undefined) WORDS.set(word, value); // (the regular expressions stay the reference)
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function resolvePlain(text: string): unknown {
  if (text.length <= 5) {
    const word = WORDS.get(text);
    if (word !== undefined) return word;
  }
  const c = text.charCodeAt(0);
  // Every number form starts with a digit, a sign, `.` or an exponent (`e3` is a float to `yaml`).
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 101 || c === 69)) return text;
  // The common case (replicas, ports, seconds) without the regular expressions below: decimal
  // digits, no leading zero (octal in YAML 1.1), few enough to be exact.
  if (c !== 48 && text.length <= 15 && isDigits(text)) return parseInt(text, 10);
  if (FLOAT_NAN.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? -Infinity : Infinity;
  if (DIGIT_LIKE.test(text) && UNSURE.test(text)) fail();
  for (const [form, offset, radix] of INT_FORMS) {
    if (!form.test(text)) continue;
    // As `yaml` does it: skip sign and prefix, parseInt, then apply the sign (so -0 stays -0).
    const sign = text[0];
    const n = parseInt(text.substring(sign === '-' || sign === '+' ? offset + 1 : offset), radix);
    return sign === '-' ? -1 * n : n;
  }
  if (FLOAT.test(text)) return parseFloat(text);
  return text;
}
