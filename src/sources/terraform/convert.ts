// Turns a tree-sitter HCL syntax tree into the Body/Expr shapes of ./syntax.ts. Every step
// into the tree (a node's type, its children, where it ends) is a call into WebAssembly, and
// in a fresh process those calls cost far more than the JavaScript around them. So anonymous
// tokens are never visited; a node's kind is read from the source text at its start wherever
// the grammar makes that unambiguous (the tree is known to be free of errors), and asked of
// the tree only where it does not; names, numbers and strings are read from the source; and
// only what the readers use (./needs.ts) is converted at all.
import type { Node } from 'web-tree-sitter';
import { EVERY_BLOCK, needsOf, type Needs } from './needs.js';
import type { Block, Body, Expr, ObjectEntry } from './syntax.js';

const IDENTIFIER = /[\p{ID_Start}_](?:[\p{ID_Continue}-]|::)*/uy;
const ATTRIBUTE = /[\p{ID_Start}_](?:[\p{ID_Continue}-]|::)*[ \t]*=(?!=)/uy;
const NUMBER = /0x[0-9a-zA-Z]+|[0-9]+(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?)?/y;
// A string literal cannot hold an interpolation (that is a template), so its content runs to
// the first unescaped quote.
const STRING = /"((?:[^"\\]|\\.)*)"/y;
const GET_ATTR = /\.\s*([\p{ID_Start}_](?:[\p{ID_Continue}-]|::)*)/uy;
const LEGACY_INDEX = /\.\s*([0-9]+)/y;
const COMPARISON = /\s*(==|!=)/y;

const TOP_LEVEL = 'top-level';
const NO_BLOCKS: ReadonlySet<string> = new Set();
const OPAQUE: Expr = { kind: 'opaque' };

/** The top-level body of a file: its attributes (tfvars) and the blocks readers need. */
export function convertBody(node: Node, source: string): Body {
  return new Converter(source).body(node, TOP_LEVEL);
}

class Converter {
  constructor(private readonly source: string) {}

  /** `blocks`: at the top level, each block's needs decide; below it, the block types to convert (or EVERY_BLOCK). */
  body(node: Node, blocks: typeof TOP_LEVEL | Needs['blocks'], attributes?: ReadonlySet<string>): Body {
    const body: Body = { attributes: new Map(), blocks: [] };
    for (const child of this.children(node)) {
      // A body holds attributes (`name =`), blocks (`name ... {`) and comments.
      if (this.test(ATTRIBUTE, child.startIndex)) {
        const name = this.match(IDENTIFIER, child.startIndex);
        if (attributes && !attributes.has(name)) continue;
        const parts = this.children(child);
        body.attributes.set(name, { name, value: this.expression(parts[parts.length - 1]!), line: child.startPosition.row + 1 });
      } else {
        const block = this.block(child, blocks);
        if (block) body.blocks.push(block);
      }
    }
    return body;
  }

  /** A block with the parts that are needed of it, or undefined when nothing is. */
  private block(node: Node, blocks: typeof TOP_LEVEL | Needs['blocks']): Block | undefined {
    const type = this.match(IDENTIFIER, node.startIndex);
    if (blocks !== TOP_LEVEL && blocks !== EVERY_BLOCK && !blocks.has(type)) return undefined;
    const block: Block = { type, labels: [], body: { attributes: new Map(), blocks: [] }, line: node.startPosition.row + 1 };
    // After the type come labels (quoted or bare), "{", the body if any, and "}"; the body is
    // asked for by type so that nothing about its first character is assumed.
    let content: Node | undefined;
    let opened = false;
    for (const child of node.namedChildren.slice(1)) {
      if (!child) continue;
      const first = this.source[child.startIndex];
      if (opened) {
        if (first !== '}' && child.type === 'body') content = child;
      } else if (first === '{') opened = true;
      else if (!this.isComment(child.startIndex)) block.labels.push(first === '"' ? this.stringAt(child.startIndex) : this.match(IDENTIFIER, child.startIndex));
    }
    const needs: Needs | undefined = blocks === TOP_LEVEL ? needsOf(type, block.labels) : { blocks: blocks === EVERY_BLOCK ? EVERY_BLOCK : NO_BLOCKS };
    if (!needs) return undefined;
    if (content) block.body = this.body(content, needs.blocks, needs.attributes);
    return block;
  }

  /** An `expression` node: a term followed by get_attr/index/splat steps, or a conditional. */
  private expression(node: Node): Expr {
    return this.term(this.children(node));
  }

  /** A term and its steps, as written in an expression or as an operand of an operation. */
  private term([head, ...steps]: Node[]): Expr {
    if (!head) return OPAQUE;
    const type = head.type;
    if (type === 'variable_expr') return this.reference(this.match(IDENTIFIER, head.startIndex), steps);
    return steps.length > 0 ? OPAQUE : this.value(head, type);
  }

  private reference(root: string, steps: Node[]): Expr {
    const path: (string | number)[] = [];
    for (const step of steps) {
      // ".name" is get_attr, ".0" a legacy index, "[key]" an index; ".*" and "[*]" are splats.
      const at = step.startIndex;
      const next = this.source[at + 1];
      if (next === '*') return OPAQUE;
      if (this.source[at] === '.') {
        path.push(next !== undefined && next >= '0' && next <= '9' ? Number(this.match(LEGACY_INDEX, at, 1)) : this.match(GET_ATTR, at, 1));
        continue;
      }
      const key = this.expression(step.namedChildren[0]!.namedChildren[0]!);
      if (key.kind !== 'literal' || (typeof key.value !== 'string' && typeof key.value !== 'number')) return OPAQUE;
      path.push(key.value);
    }
    return { kind: 'reference', root, path };
  }

  private value(node: Node, type: string): Expr {
    switch (type) {
      case 'expression':
        return this.expression(node);
      case 'literal_value':
        return this.literal(node.startIndex);
      case 'collection_value': {
        // A tuple opens with "[", an object with "{".
        const collection = node.namedChildren[0]!;
        const items = this.children(collection).slice(1, -1);
        if (this.source[collection.startIndex] === '[') return { kind: 'tuple', items: items.map((item) => this.expression(item)) };
        return { kind: 'object', entries: items.map((entry) => this.entry(entry)) };
      }
      case 'template_expr': {
        const template = node.namedChildren[0]!;
        return template.type === 'quoted_template' ? this.template(template) : OPAQUE;
      }
      case 'function_call':
        return this.call(node);
      case 'conditional': {
        const [condition, then, otherwise] = this.children(node);
        return { kind: 'conditional', condition: this.expression(condition!), then: this.expression(then!), otherwise: this.expression(otherwise!) };
      }
      case 'operation':
        return this.operation(node.namedChildren[0]!);
      default:
        return OPAQUE;
    }
  }

  /** A literal_value is a number, true/false, null or a string, told apart by its first character. */
  private literal(at: number): Expr {
    const first = this.source[at];
    if (first === '"') return { kind: 'literal', value: this.stringAt(at) };
    if (first === 't' || first === 'f') return { kind: 'literal', value: first === 't' };
    if (first === 'n') return { kind: 'literal', value: null };
    return { kind: 'literal', value: Number(this.match(NUMBER, at)) };
  }

  private template(node: Node): Expr {
    const parts: (string | Expr)[] = [];
    const children = node.namedChildren.filter((child): child is Node => child !== null);
    for (let i = 0; i < children.length; i++) {
      const type = children[i].type;
      // A literal part runs to where the next part (or the closing quote) begins.
      if (type === 'template_literal') parts.push(unescape(this.source.slice(children[i].startIndex, children[i + 1]!.startIndex)));
      else if (type === 'template_interpolation') {
        const expression = children[i].namedChildren.find((child) => child?.type === 'expression');
        if (!expression) return OPAQUE;
        parts.push(this.expression(expression));
      } else if (type === 'template_directive') return OPAQUE;
    }
    return { kind: 'template', parts };
  }

  /** `key = value` or `key: value`: the first and last of its expressions. */
  private entry(node: Node): ObjectEntry {
    const parts = this.children(node);
    const key = this.expression(parts[0]!);
    // A bare word key (`name = ...`) parses as a variable reference; in an object it is a string.
    const bare = key.kind === 'reference' && key.path.length === 0;
    return { key: bare ? { kind: 'literal', value: key.root } : key, value: this.expression(parts[parts.length - 1]!), line: node.startPosition.row + 1 };
  }

  /** name(arguments...): the arguments are expressions, apart from a trailing "...". */
  private call(node: Node): Expr {
    const [, args] = this.children(node);
    const items = args ? this.children(args).filter((arg) => this.source[arg.startIndex] !== '.') : [];
    return { kind: 'call', name: this.match(IDENTIFIER, node.startIndex), args: items.map((arg) => this.expression(arg)) };
  }

  /** Operands are terms written out as siblings (`var.env == "prod"`: variable_expr, get_attr, literal_value). */
  private operation(node: Node): Expr {
    const children = this.children(node);
    if (node.type === 'unary_operation') {
      const operand = this.term(children);
      if (this.source[node.startIndex] === '!') return { kind: 'not', operand };
      return operand.kind === 'literal' && typeof operand.value === 'number' ? { kind: 'literal', value: -operand.value } : OPAQUE;
    }
    const split = children.findIndex((child, i) => i > 0 && !STEPS.has(child.type));
    if (split < 0) return OPAQUE;
    COMPARISON.lastIndex = children[split - 1].endIndex;
    const operator = COMPARISON.exec(this.source)?.[1];
    if (operator !== '==' && operator !== '!=') return OPAQUE;
    return { kind: 'compare', operator, left: this.term(children.slice(0, split)), right: this.term(children.slice(split)) };
  }

  /** Named children without comments, which start with "#", "//" or "/*" where nothing else does. */
  private children(node: Node): Node[] {
    return node.namedChildren.filter((child): child is Node => child !== null && !this.isComment(child.startIndex));
  }

  private isComment(at: number): boolean {
    const first = this.source[at];
    return first === '#' || (first === '/' && (this.source[at + 1] === '/' || this.source[at + 1] === '*'));
  }

  private stringAt(index: number): string {
    return unescape(this.match(STRING, index, 1));
  }

  private test(pattern: RegExp, index: number): boolean {
    pattern.lastIndex = index;
    return pattern.test(this.source);
  }

  private match(pattern: RegExp, index: number, group = 0): string {
    pattern.lastIndex = index;
    return pattern.exec(this.source)?.[group] ?? '';
  }
}

const STEPS = new Set(['get_attr', 'index', 'splat']);

function unescape(text: string): string {
  return text.replace(/\\(["\\nrt])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}
