// Parses HCL (.tf, .tfvars) with tree-sitter's HCL grammar (WebAssembly, so no native
// build) and turns the syntax tree into the small Body/Expr shapes of ./syntax.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';
import type { Attribute, Block, Body, Expr, ObjectEntry } from './syntax.js';

export type HclParse =
  | { ok: true; body: Body }
  | { ok: false; line: number; column: number; message: string };

let parser: Promise<Parser> | undefined;

/** The parser, created once per process (compiling the grammar costs tens of milliseconds). */
export function hclParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const grammar = createRequire(import.meta.url).resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');
    const instance = new Parser();
    instance.setLanguage(await Language.load(readFileSync(grammar)));
    return instance;
  })();
  return parser;
}

export function parseHcl(parser: Parser, text: string): HclParse {
  const tree = parser.parse(text);
  if (!tree) return { ok: false, line: 1, column: 1, message: 'the parser gave up on this file' };
  try {
    const root = tree.rootNode;
    if (root.hasError) return describeError(root);
    const body = root.namedChildren.find((child) => child?.type === 'body');
    return { ok: true, body: body ? toBody(body, true) : { attributes: new Map(), blocks: [] } };
  } finally {
    tree.delete();
  }
}

function describeError(root: Node): HclParse {
  const culprit = firstError(root) ?? root;
  // A missing closing brace is only noticed at the end of the file; the block it belongs to
  // is where the fix goes.
  const unclosed = culprit.isMissing && culprit.parent?.type === 'block_end' ? culprit.parent.parent : null;
  if (unclosed) {
    const { row, column } = unclosed.startPosition;
    return { ok: false, line: row + 1, column: column + 1, message: `this block is never closed (no matching "}" before the end of the file)` };
  }
  const { row, column } = culprit.startPosition;
  // The token tree-sitter's recovery invents for a MISSING node is rarely the one the author
  // meant (e.g. "<<" for an absent value), so it is not named.
  const message = culprit.isMissing
    ? 'the syntax is incomplete here (a value, operator or bracket is missing)'
    : `unexpected ${JSON.stringify(culprit.text.split('\n')[0].slice(0, 40))}`;
  return { ok: false, line: row + 1, column: column + 1, message };
}

function firstError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child && (child.hasError || child.isMissing)) return firstError(child) ?? child;
  }
  return undefined;
}

// Crossing from WebAssembly into JavaScript for every node is what costs, so top-level
// blocks that no reader looks at (data, output, provider, most resources) keep an empty body.
const READ_BLOCKS = new Set(['variable', 'locals', 'module', 'resource']);
const READ_RESOURCES = /^(?:aws_eks_|helm_release$|kubernetes_)/;

function toBody(node: Node, topLevel = false): Body {
  const body: Body = { attributes: new Map(), blocks: [] };
  for (const child of node.namedChildren) {
    if (child?.type === 'attribute') {
      const attribute = toAttribute(child);
      body.attributes.set(attribute.name, attribute);
    } else if (child?.type === 'block') {
      body.blocks.push(toBlock(child, topLevel));
    }
  }
  return body;
}

function toAttribute(node: Node): Attribute {
  const [name, value] = node.namedChildren;
  return { name: name!.text, value: toExpr(value!), line: node.startPosition.row + 1 };
}

function toBlock(node: Node, topLevel: boolean): Block {
  const block: Block = { type: '', labels: [], body: { attributes: new Map(), blocks: [] }, line: node.startPosition.row + 1 };
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'identifier' && block.type === '') block.type = child.text;
    else if (child.type === 'identifier' || child.type === 'string_lit') block.labels.push(stringContent(child));
    else if (child.type === 'body' && (!topLevel || isRead(block))) block.body = toBody(child);
  }
  return block;
}

function isRead(block: Block): boolean {
  return READ_BLOCKS.has(block.type) && (block.type !== 'resource' || READ_RESOURCES.test(block.labels[0] ?? ''));
}

function stringContent(node: Node): string {
  return node.namedChildren
    .filter((part) => part?.type === 'template_literal')
    .map((part) => unescape(part!.text))
    .join('');
}

function unescape(text: string): string {
  return text.replace(/\\(["\\nrt])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

/** `expression` nodes hold a head (a value or a variable) followed by get_attr/index steps. */
function toExpr(node: Node): Expr {
  if (node.type !== 'expression') return toValue(node);
  const [head, ...steps] = node.namedChildren.filter((child): child is Node => child !== null);
  if (!head) return { kind: 'opaque' };
  if (head.type === 'variable_expr') return toReference(head.text, steps);
  if (steps.length > 0) return { kind: 'opaque' };
  return toValue(head);
}

function toReference(root: string, steps: Node[]): Expr {
  const path: (string | number)[] = [];
  for (const step of steps) {
    if (step.type === 'get_attr') path.push(step.namedChildren[0]!.text);
    else if (step.type === 'index') {
      const key = toExpr(step.namedChildren[0]!.namedChildren[0]!);
      if (key.kind !== 'literal' || (typeof key.value !== 'string' && typeof key.value !== 'number')) return { kind: 'opaque' };
      path.push(key.value);
    } else return { kind: 'opaque' };
  }
  return { kind: 'reference', root, path };
}

function toValue(node: Node): Expr {
  switch (node.type) {
    case 'expression':
      return toExpr(node);
    case 'literal_value':
      return toValue(node.namedChildren[0]!);
    case 'string_lit':
      return { kind: 'literal', value: stringContent(node) };
    case 'numeric_lit':
      return { kind: 'literal', value: Number(node.text) };
    case 'bool_lit':
      return { kind: 'literal', value: node.text === 'true' };
    case 'null_lit':
      return { kind: 'literal', value: null };
    case 'template_expr':
      return toTemplate(node.namedChildren[0]!);
    case 'collection_value':
      return toValue(node.namedChildren[0]!);
    case 'tuple':
      return { kind: 'tuple', items: node.namedChildren.filter((child) => child?.type === 'expression').map((child) => toExpr(child!)) };
    case 'object':
      return { kind: 'object', entries: node.namedChildren.filter((child) => child?.type === 'object_elem').map((child) => toEntry(child!)) };
    case 'function_call':
      return toCall(node);
    case 'conditional': {
      const [condition, then, otherwise] = node.namedChildren;
      return { kind: 'conditional', condition: toExpr(condition!), then: toExpr(then!), otherwise: toExpr(otherwise!) };
    }
    case 'operation':
      return toOperation(node.namedChildren[0]!);
    default:
      return { kind: 'opaque' };
  }
}

function toTemplate(node: Node): Expr {
  if (node.type !== 'quoted_template') return { kind: 'opaque' };
  const parts: (string | Expr)[] = [];
  for (const part of node.namedChildren) {
    if (part?.type === 'template_literal') parts.push(unescape(part.text));
    else if (part?.type === 'template_interpolation') parts.push(toExpr(part.namedChildren.find((child) => child?.type === 'expression')!));
    else if (part?.type === 'template_directive') return { kind: 'opaque' };
  }
  return { kind: 'template', parts };
}

function toEntry(node: Node): ObjectEntry {
  const key = node.childForFieldName('key')!;
  const value = node.childForFieldName('val')!;
  const keyExpr = toExpr(key);
  // A bare word key (`name = ...`) parses as a variable reference; in an object it is a string.
  const bare = keyExpr.kind === 'reference' && keyExpr.path.length === 0;
  return { key: bare ? { kind: 'literal', value: keyExpr.root } : keyExpr, value: toExpr(value), line: node.startPosition.row + 1 };
}

function toCall(node: Node): Expr {
  const name = node.namedChildren[0]!.text;
  const args = node.namedChildren.find((child) => child?.type === 'function_arguments');
  const items = args ? args.namedChildren.filter((child) => child?.type === 'expression').map((child) => toExpr(child!)) : [];
  return { kind: 'call', name, args: items };
}

function toOperation(node: Node): Expr {
  const operator = node.children.find((child) => child && !child.isNamed)?.text;
  const operands = node.namedChildren.filter((child): child is Node => child !== null).map(toValue);
  if (node.type === 'unary_operation' && operator === '-' && operands[0]?.kind === 'literal' && typeof operands[0].value === 'number') {
    return { kind: 'literal', value: -operands[0].value };
  }
  if (node.type === 'unary_operation' && operator === '!') return { kind: 'not', operand: operands[0]! };
  if (node.type === 'binary_operation' && (operator === '==' || operator === '!=')) {
    return { kind: 'compare', operator, left: operands[0]!, right: operands[1]! };
  }
  return { kind: 'opaque' };
}
