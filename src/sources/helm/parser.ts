// Parses lexed template pieces into a tree: text, actions with pipelines, and the control
// structures of Go's text/template (if/else, with, range, define, template, block,
// break/continue). `define` and `block` bodies are collected into the template set.
import { lex, type Piece, type Token } from './lexer.js';
import { TemplateError } from './template-error.js';

export type Argument =
  | { kind: 'field'; names: string[] }
  | { kind: 'variable'; name: string; names: string[] }
  | { kind: 'function'; name: string; column: number }
  | { kind: 'literal'; value: string | number | bigint | boolean | null }
  | { kind: 'dot' }
  | { kind: 'pipeline'; pipeline: Pipeline; names: string[] };

export interface Command {
  args: Argument[];
  column: number;
}

export interface Pipeline {
  /** Variables declared (`:=`) or assigned (`=`) by the pipeline. */
  variables: string[];
  assign: boolean;
  commands: Command[];
}

export type Node =
  | { kind: 'text'; text: string; line: number }
  | { kind: 'action'; pipeline: Pipeline; line: number; column: number }
  | ControlNode
  | { kind: 'template'; name: string; pipeline?: Pipeline; line: number; column: number }
  | { kind: 'break' | 'continue'; line: number; column: number };

export interface ControlNode {
  kind: 'if' | 'with' | 'range';
  pipeline: Pipeline;
  body: Node[];
  otherwise: Node[];
  line: number;
  column: number;
}

export interface ParsedTemplate {
  /** The file's own body. */
  body: Node[];
  /** Named templates it defines, by name. */
  defines: Map<string, { body: Node[]; file: string }>;
}

/** `isFunction` says which identifiers name functions, so that unknown ones fail at parse time as in Go. */
export function parseTemplate(source: string, file: string, isFunction: (name: string) => boolean): ParsedTemplate {
  const parser = new TreeParser(lex(source, file), file, isFunction);
  const body = parser.list(new Set(['$eof']));
  return { body, defines: parser.defines };
}

type Terminator = 'end' | 'else' | '$eof';

class TreeParser {
  readonly defines = new Map<string, { body: Node[]; file: string }>();
  private index = 0;
  private rangeDepth = 0;

  constructor(
    private readonly pieces: Piece[],
    private readonly file: string,
    private readonly isFunction: (name: string) => boolean,
  ) {}

  /** Nodes up to a terminator keyword; the terminator piece is left for the caller. */
  list(terminators: ReadonlySet<Terminator>): Node[] {
    const nodes: Node[] = [];
    for (;;) {
      const piece = this.pieces[this.index];
      if (!piece) {
        if (terminators.has('$eof')) return nodes;
        const last = this.pieces[this.pieces.length - 1];
        throw new TemplateError(this.file, last?.line ?? 1, 1, 'unexpected EOF: an {{ if }}, {{ range }}, {{ with }} or {{ define }} has no {{ end }}');
      }
      if (piece.type === 'text') {
        nodes.push({ kind: 'text', text: piece.text, line: piece.line });
        this.index++;
        continue;
      }
      const keyword = piece.tokens[0]?.type === 'identifier' ? piece.tokens[0].value : undefined;
      if (keyword === 'end' || keyword === 'else') {
        if (!terminators.has(keyword)) throw this.error(piece, `unexpected {{ ${keyword} }}`);
        return nodes;
      }
      this.index++;
      const node = this.statement(piece, keyword);
      if (node) nodes.push(node);
    }
  }

  private statement(piece: Extract<Piece, { type: 'action' }>, keyword: string | undefined): Node | undefined {
    const rest = piece.tokens.slice(1);
    switch (keyword) {
      case 'if':
      case 'with':
      case 'range':
        return this.control(keyword, piece, rest);
      case 'define':
      case 'block': {
        const name = rest[0];
        if (name?.type !== 'string') throw this.error(piece, `{{ ${keyword} }} needs a quoted template name`);
        const body = this.list(new Set(['end']));
        this.expectEnd(keyword, piece);
        this.defines.set(name.value, { body, file: this.file });
        if (keyword === 'define') {
          if (rest.length > 1) throw this.error(piece, 'unexpected arguments after the {{ define }} name');
          return undefined;
        }
        return { kind: 'template', name: name.value, pipeline: this.pipeline(rest.slice(1), piece, false), line: piece.line, column: piece.column };
      }
      case 'template': {
        const name = rest[0];
        if (name?.type !== 'string') throw this.error(piece, '{{ template }} needs a quoted template name');
        const pipeline = rest.length > 1 ? this.pipeline(rest.slice(1), piece, false) : undefined;
        return { kind: 'template', name: name.value, pipeline, line: piece.line, column: piece.column };
      }
      case 'break':
      case 'continue':
        if (this.rangeDepth === 0) throw this.error(piece, `{{ ${keyword} }} outside {{ range }}`);
        return { kind: keyword, line: piece.line, column: piece.column };
      default:
        if (piece.tokens.length === 0) throw this.error(piece, 'missing value for command');
        return { kind: 'action', pipeline: this.pipeline(piece.tokens, piece, true), line: piece.line, column: piece.column };
    }
  }

  private control(kind: 'if' | 'with' | 'range', piece: Extract<Piece, { type: 'action' }>, tokens: Token[]): Node {
    if (tokens.length === 0) throw this.error(piece, `missing value for ${kind}`);
    const pipeline = this.pipeline(tokens, piece, true);
    if (kind === 'range') this.rangeDepth++;
    const body = this.list(new Set(['end', 'else']));
    if (kind === 'range') this.rangeDepth--;
    let otherwise: Node[] = [];
    const next = this.pieces[this.index] as Extract<Piece, { type: 'action' }>;
    if (next.tokens[0].value === 'else') {
      this.index++;
      const chained = next.tokens[1];
      if (chained?.type === 'identifier' && (chained.value === 'if' || chained.value === 'with') && kind !== 'range') {
        // `else if` / `else with` is an else branch holding one nested node that shares this {{ end }}.
        otherwise = [this.control(chained.value, next, next.tokens.slice(2))];
        return { kind, pipeline, body, otherwise, line: piece.line, column: piece.column };
      }
      if (next.tokens.length > 1) throw this.error(next, 'unexpected tokens after {{ else }}');
      otherwise = this.list(new Set(['end']));
    }
    this.expectEnd(kind, piece);
    return { kind, pipeline, body, otherwise, line: piece.line, column: piece.column };
  }

  private expectEnd(kind: string, opener: Extract<Piece, { type: 'action' }>): void {
    const end = this.pieces[this.index];
    if (end?.type !== 'action' || end.tokens[0]?.value !== 'end') throw this.error(opener, `{{ ${kind} }} has no {{ end }}`);
    if (end.tokens.length > 1) throw this.error(end, 'unexpected tokens after {{ end }}');
    this.index++;
  }

  private pipeline(tokens: Token[], piece: Extract<Piece, { type: 'action' }>, allowDeclaration: boolean): Pipeline {
    let position = 0;
    const variables: string[] = [];
    let assign = false;
    const declared = /^(\$\w*)(?:\s*,\s*(\$\w*))?$/;
    const operator = tokens.findIndex((token) => token.type === 'punct' && (token.value === ':=' || token.value === '='));
    if (allowDeclaration && operator > 0 && tokens.slice(0, operator).every((token) => token.type === 'variable' || (token.type === 'punct' && token.value === ','))) {
      const names = tokens.slice(0, operator).filter((token) => token.type === 'variable').map((token) => token.value as string);
      if (!declared.test(names.join(',')) || names.length > 2) throw this.error(piece, 'too many declarations in pipeline');
      variables.push(...names);
      assign = tokens[operator].value === '=';
      position = operator + 1;
    }
    const commands: Command[] = [];
    let current: Command = { args: [], column: tokens[position]?.column ?? piece.column };
    const cursor = { tokens, position };
    while (cursor.position < tokens.length) {
      const token = tokens[cursor.position];
      if (token.type === 'punct' && token.value === '|') {
        if (current.args.length === 0) throw this.error(piece, 'missing command before "|"');
        commands.push(current);
        cursor.position++;
        current = { args: [], column: tokens[cursor.position]?.column ?? token.column };
        continue;
      }
      current.args.push(this.operand(cursor, piece));
    }
    // Go's parser lets a pipeline end with "|": the empty command after it is dropped.
    if (current.args.length === 0 && commands.length === 0) throw this.error(piece, 'missing value for command');
    if (current.args.length > 0) commands.push(current);
    return { variables, assign, commands };
  }

  private operand(cursor: { tokens: Token[]; position: number }, piece: Extract<Piece, { type: 'action' }>): Argument {
    const token = cursor.tokens[cursor.position++];
    let argument: Argument;
    switch (token.type) {
      case 'field':
        argument = { kind: 'field', names: [token.value] };
        break;
      case 'variable':
        argument = { kind: 'variable', name: token.value, names: [] };
        break;
      case 'string':
      case 'number':
        argument = { kind: 'literal', value: token.value };
        break;
      case 'identifier':
        if (token.value === 'true' || token.value === 'false') argument = { kind: 'literal', value: token.value === 'true' };
        else if (token.value === 'nil') argument = { kind: 'literal', value: null };
        else if (this.isFunction(token.value)) argument = { kind: 'function', name: token.value, column: token.column };
        else throw new TemplateError(this.file, piece.line, token.column, `function "${token.value}" not defined`);
        break;
      case 'punct':
        if (token.value === '.') {
          argument = { kind: 'dot' };
        } else if (token.value === '(') {
          const start = cursor.position;
          let depth = 1;
          while (cursor.position < cursor.tokens.length && depth > 0) {
            const inner = cursor.tokens[cursor.position++];
            if (inner.type === 'punct' && inner.value === '(') depth++;
            if (inner.type === 'punct' && inner.value === ')') depth--;
          }
          if (depth > 0) throw this.error(piece, 'unclosed left paren');
          argument = { kind: 'pipeline', pipeline: this.pipeline(cursor.tokens.slice(start, cursor.position - 1), piece, false), names: [] };
        } else {
          throw new TemplateError(this.file, piece.line, token.column, `unexpected "${token.value}" in operand`);
        }
        break;
    }
    // Field chains continue on variables, fields and parenthesized pipelines: $x.a.b, (f).a.
    while (cursor.tokens[cursor.position]?.type === 'field' && argument.kind !== 'literal' && argument.kind !== 'function' && argument.kind !== 'dot') {
      const next = cursor.tokens[cursor.position];
      if (next.column !== previousEnd(cursor.tokens[cursor.position - 1])) break;
      argument.names.push(next.value as string);
      cursor.position++;
    }
    return argument;
  }

  private error(piece: Extract<Piece, { type: 'action' }>, message: string): TemplateError {
    return new TemplateError(this.file, piece.line, piece.column, message);
  }
}

function previousEnd(token: Token): number {
  if (token.type === 'punct') return token.column + token.value.length;
  if (token.type === 'field') return token.column + token.value.length + 1;
  if (token.type === 'variable') return token.column + token.value.length;
  return -1;
}
