// Applies edits to the text of one YAML document as splices at the ranges the `yaml`
// parser reports, so that every byte outside an edited pair stays as it was: comments,
// quoting, blank lines, key order. New pairs are printed by `yaml` in the document's own
// indentation style; copied pairs keep their original text, re-indented.
import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { describePath } from './object-edit.js';
import type { Operation, Path } from './types.js';

/** An edit the text engine cannot make safely (the object is then left for a person). */
export class EditError extends Error {}

interface Style {
  indent: number;
  indentSeq: boolean;
}

export function applyToText(text: string, operations: readonly Operation[]): string {
  let current = text;
  for (const operation of operations) current = applyOne(current, operation);
  return current;
}

function applyOne(text: string, operation: Operation): string {
  const document = parse(text);
  const style = detectStyle(text, document);
  if (operation.op === 'copy') {
    const { pair } = locatePair(document, operation.from);
    if (!pair) throw new EditError(`${describePath(operation.from)} does not exist`);
    const target = document.getIn(operation.to, true);
    if (!isMap(target) || target.flow) throw new EditError(`${describePath(operation.to)} is not a block mapping`);
    return insertPair(text, target, sourceLines(text, pair, operation.key), operation.after);
  }
  const { map, pair } = locatePair(document, operation.path, operation.op === 'set');
  if (operation.op === 'rename' && !('value' in operation)) return splice(text, pair!.key as Node, printScalar(operation.to, pair!.key as Node));
  const old = pair?.value as Node | null | undefined;
  if (operation.op === 'set' && old && isScalar(old) && !isCollectionValue(operation.value)) return splice(text, old, printScalar(operation.value, old));
  // Everything else adds or removes lines, which a flow mapping ({...}, JSON) has none of.
  if (map.flow) throw new EditError(`${describePath(operation.path.slice(0, -1))} is a flow mapping ({...}); edit it by hand`);
  if (operation.op === 'delete') return deletePair(text, map, pair!);
  if (operation.op === 'rename') return replacePair(text, pair!, printPair(operation.to, operation.value, style));
  const key = String(operation.path.at(-1));
  if (!pair) return insertPair(text, map, printPair(key, operation.value, style), operation.after, operation.before);
  return replacePair(text, pair, printPair(key, operation.value, style, keyText(text, pair)));
}

function parse(text: string): Document.Parsed {
  const document = parseDocument(text, { version: '1.1', uniqueKeys: true });
  if (document.errors.length) throw new EditError(`the edited text does not parse: ${document.errors[0].message.split('\n')[0]}`);
  return document;
}

function locatePair(document: Document.Parsed, path: Path, mayBeMissing = false): { map: YAMLMap; pair?: Pair } {
  const map = document.getIn(path.slice(0, -1), true);
  if (!isMap(map)) throw new EditError(`${describePath(path.slice(0, -1))} is not a mapping`);
  const key = String(path.at(-1));
  const pair = map.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
  if (!pair && !mayBeMissing) throw new EditError(`${describePath(path)} does not exist`);
  return { map, pair };
}

function isCollectionValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/** Offset just past the last character of a node's content (not its trailing comments). */
function contentEnd(node: Node | Pair): number {
  if (isPair(node)) return node.value && (node.value as Node).range ? contentEnd(node.value as Node) : contentEnd(node.key as Node);
  if (isCollection(node) && !node.flow && node.items.length) return contentEnd(node.items[node.items.length - 1] as Node | Pair);
  return node.range![1];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

function splice(text: string, node: Node, replacement: string): string {
  return text.slice(0, node.range![0]) + replacement + text.slice(node.range![1]);
}

function keyText(text: string, pair: Pair): string {
  const key = pair.key as Node;
  return text.slice(key.range![0], key.range![1]);
}

function printScalar(value: unknown, like: Node): string {
  const scalar = new Scalar(value);
  if (isScalar(like) && typeof value === 'string' && (like.type === 'QUOTE_DOUBLE' || like.type === 'QUOTE_SINGLE')) scalar.type = like.type;
  return stringify(scalar, { version: '1.1', lineWidth: 0 }).replace(/\n$/, '');
}

/** A `key: value` pair as lines relative to the pair's column, printed by `yaml`; an existing key keeps its spelling. */
function printPair(key: string, value: unknown, style: Style, keySource?: string): string[] {
  const printed = stringify({ [key]: value }, { version: '1.1', lineWidth: 0, indent: style.indent, indentSeq: style.indentSeq });
  const lines = printed.replace(/\n$/, '').split('\n');
  const printedKey = stringify(key, { version: '1.1' }).replace(/\n$/, '');
  if (keySource !== undefined && lines[0].startsWith(printedKey)) lines[0] = keySource + lines[0].slice(printedKey.length);
  return lines;
}

/** The text of an existing pair under a new key, as lines relative to the pair's column. */
function sourceLines(text: string, pair: Pair, key: string): string[] {
  const keyNode = pair.key as Node;
  const column = keyNode.range![0] - lineStart(text, keyNode.range![0]);
  const body = text.slice(keyNode.range![1], lineEnd(text, contentEnd(pair)));
  const lines = (key + body).split('\n');
  return lines.map((line, index) => (index === 0 ? line : stripColumns(line, column)));
}

function stripColumns(line: string, count: number): string {
  let strip = 0;
  while (strip < count && line[strip] === ' ') strip++;
  if (strip < count && line.trim() !== '') throw new EditError('a copied block is indented less than its key');
  return line.slice(strip);
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function pad(line: string, column: number): string {
  return line === '' ? line : ' '.repeat(column) + line;
}

function insertPair(text: string, map: YAMLMap, lines: string[], after?: string, before?: string): string {
  const pairs = map.items as Pair[];
  if (!pairs.length) throw new EditError('cannot add a key to an empty mapping');
  const column = columnOf(text, (pairs[0].key as Node).range![0]);
  const find = (key: string | undefined) => (key === undefined ? undefined : pairs.find((pair) => String((pair.key as Scalar).value) === key));
  const anchor = find(before);
  if (anchor && !find(after)) {
    const at = (anchor.key as Node).range![0];
    const inserted = lines.map((line, index) => (index === 0 ? line : pad(line, column))).join('\n') + '\n' + ' '.repeat(column);
    return text.slice(0, at) + inserted + text.slice(at);
  }
  const previous = find(after) ?? pairs[pairs.length - 1];
  const at = lineEnd(text, contentEnd(previous));
  return text.slice(0, at) + '\n' + lines.map((line) => pad(line, column)).join('\n') + text.slice(at);
}

function replacePair(text: string, pair: Pair, lines: string[]): string {
  const start = (pair.key as Node).range![0];
  const column = columnOf(text, start);
  const end = lineEnd(text, contentEnd(pair));
  return text.slice(0, start) + lines.map((line, index) => (index === 0 ? line : pad(line, column))).join('\n') + text.slice(end);
}

function deletePair(text: string, map: YAMLMap, pair: Pair): string {
  const pairs = map.items as Pair[];
  if (pairs.length === 1) throw new EditError('cannot remove the only key of a mapping');
  const start = (pair.key as Node).range![0];
  const first = lineStart(text, start);
  const end = lineEnd(text, contentEnd(pair));
  if (text.slice(first, start).trim() === '') return text.slice(0, first) + text.slice(Math.min(end + 1, text.length));
  // The pair opens a sequence entry ("- key: value"): the next pair moves up to the dash.
  const next = pairs[pairs.indexOf(pair) + 1];
  return text.slice(0, start) + text.slice((next.key as Node).range![0]);
}

/** The document's own indentation: the step between nested mappings, and whether sequences are indented under their key. */
function detectStyle(text: string, document: Document.Parsed): Style {
  const style: Style = { indent: 2, indentSeq: true };
  let foundIndent = false;
  let foundSeq = false;
  const visit = (node: unknown): void => {
    if (foundIndent && foundSeq) return;
    if (isMap(node) && !node.flow) {
      for (const pair of node.items) {
        const key = pair.key as Node;
        const column = columnOf(text, key.range![0]);
        const value = pair.value as Node | null;
        if (isMap(value) && !value.flow && value.items.length && !foundIndent) {
          style.indent = columnOf(text, (value.items[0].key as Node).range![0]) - column;
          foundIndent = style.indent > 0;
        }
        if (isSeq(value) && !value.flow && value.items.length && !foundSeq) {
          style.indentSeq = columnOf(text, value.range![0]) > column;
          foundSeq = true;
        }
        visit(value);
      }
    } else if (isSeq(node) && !node.flow) {
      for (const item of node.items) visit(item);
    }
  };
  visit(document.contents);
  if (style.indent < 1) style.indent = 2;
  return style;
}
