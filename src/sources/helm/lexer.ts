// Splits Go template text into literal text and actions, applying `{{-`/`-}}` trimming and
// dropping comments, and tokenizes each action. Every piece carries its line and column so
// that render errors and rendered objects point back at the template source.
import { TemplateError } from './template-error.js';

export type Token =
  | { type: 'field'; value: string; column: number }
  | { type: 'variable'; value: string; column: number }
  | { type: 'identifier'; value: string; column: number }
  | { type: 'string'; value: string; column: number }
  | { type: 'number'; value: number | bigint; column: number }
  | { type: 'punct'; value: '|' | '(' | ')' | ':=' | '=' | ',' | '.'; column: number };

export type Piece =
  | { type: 'text'; text: string; line: number }
  | { type: 'action'; tokens: Token[]; line: number; column: number };

/** Space, tab, CR or LF: Go's trim markers and token separators (a char code test: lexing is hot). */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10;
}

export function lex(source: string, name: string): Piece[] {
  const pieces: Piece[] = [];
  let position = 0;
  let trimNextText = false;
  let line = 1;
  let lineOffset = 0;
  while (position <= source.length) {
    const open = source.indexOf('{{', position);
    const end = open === -1 ? source.length : open;
    const leftTrim = open !== -1 && source.charCodeAt(open + 2) === 45 /* - */ && isSpace(source.charCodeAt(open + 3));
    let start = position;
    if (trimNextText) while (start < end && isSpace(source.charCodeAt(start))) start++;
    let stop = end;
    if (leftTrim) while (stop > start && isSpace(source.charCodeAt(stop - 1))) stop--;
    if (stop > start) {
      line += countNewlines(source, lineOffset, start);
      lineOffset = start;
      pieces.push({ type: 'text', text: source.slice(start, stop), line });
    }
    if (open === -1) break;
    const bodyStart = open + (leftTrim ? 4 : 2);
    const close = findClose(source, bodyStart, open, name);
    const rightTrim = source.charCodeAt(close - 1) === 45 /* - */ && isSpace(source.charCodeAt(close - 2));
    const body = source.slice(bodyStart, rightTrim ? close - 2 : close);
    line += countNewlines(source, lineOffset, open);
    lineOffset = open;
    const column = open - source.lastIndexOf('\n', open - 1);
    // As in Go, a comment opens right after "{{" or "{{- " and closes right before "}}" or " -}}".
    if (!body.startsWith('/*')) {
      pieces.push({ type: 'action', tokens: tokenize(body, name, line, column + (bodyStart - open)), line, column });
    } else if (!body.endsWith('*/') || body.length < 4) {
      throw new TemplateError(name, line, column, body.includes('*/') ? 'comment ends before closing delimiter' : 'unclosed comment');
    }
    trimNextText = rightTrim;
    position = close + 2;
  }
  return pieces;
}

/** The offset of the `}}` closing the action that starts at `from`, skipping quoted strings and comments. */
function findClose(source: string, from: number, open: number, name: string): number {
  let index = from;
  while (index < source.length) {
    const c = source[index];
    if (c === '}' && source[index + 1] === '}') return index;
    if (c === '/' && source[index + 1] === '*') {
      const end = source.indexOf('*/', index + 2);
      if (end === -1) break;
      index = end + 2;
    } else if (c === '"' || c === '`' || c === "'") {
      index = skipQuoted(source, index, c);
    } else {
      index++;
    }
  }
  throw new TemplateError(name, lineAt(source, open), open - source.lastIndexOf('\n', open - 1), 'unclosed action: "{{" without a matching "}}"');
}

function skipQuoted(source: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < source.length && source[index] !== quote) {
    if (source[index] === '\\' && quote !== '`') index++;
    if (source[index] === '\n' && quote !== '`') return index;
    index++;
  }
  return index + 1;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A letter or underscore (ASCII, as Go's template identifiers in charts are). */
function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** The end of the run of letters, digits and underscores from `from`. */
function wordEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && (isWordStart(text.charCodeAt(end)) || isDigit(text.charCodeAt(end)))) end++;
  return end;
}

function tokenize(body: string, name: string, line: number, baseColumn: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new TemplateError(name, line, baseColumn + i, message);
  };
  while (i < body.length) {
    const c = body[i];
    const column = baseColumn + i;
    if (isSpace(body.charCodeAt(i))) {
      i++;
    } else if (c === '|' || c === '(' || c === ')' || c === ',' || c === '=') {
      tokens.push({ type: 'punct', value: c, column });
      i++;
    } else if (c === ':' && body[i + 1] === '=') {
      tokens.push({ type: 'punct', value: ':=', column });
      i += 2;
    } else if (c === '"' || c === '`') {
      const end = skipQuoted(body, i, c);
      if (body[end - 1] !== c || end - 1 === i) fail('unterminated quoted string');
      const raw = body.slice(i, end);
      tokens.push({ type: 'string', value: c === '`' ? raw.slice(1, -1) : unquote(raw, fail), column });
      i = end;
    } else if (c === "'") {
      const end = skipQuoted(body, i, c);
      const value = unquote(`"${body.slice(i + 1, end - 1)}"`, fail);
      if ([...value].length !== 1) fail(`malformed character constant: ${body.slice(i, end)}`);
      tokens.push({ type: 'number', value: BigInt(value.codePointAt(0)!), column });
      i = end;
    } else if (c === '.' && !isWordStart(body.charCodeAt(i + 1))) {
      if (isDigit(body.charCodeAt(i + 1))) {
        const match = /^\.[0-9]+(e[+-]?[0-9]+)?/i.exec(body.slice(i))!;
        tokens.push({ type: 'number', value: Number(match[0]), column });
        i += match[0].length;
      } else {
        tokens.push({ type: 'punct', value: '.', column });
        i++;
      }
    } else if (c === '.') {
      const end = wordEnd(body, i + 1);
      tokens.push({ type: 'field', value: body.slice(i + 1, end), column });
      i = end;
    } else if (c === '$') {
      const end = wordEnd(body, i + 1);
      tokens.push({ type: 'variable', value: body.slice(i, end), column });
      i = end;
    } else if (isDigit(body.charCodeAt(i)) || c === '+' || c === '-') {
      const match = /^[+-]?(0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|[0-9_]*\.?[0-9_]+(e[+-]?[0-9]+)?)/i.exec(body.slice(i));
      if (!match || match[0] === '+' || match[0] === '-') fail(`unexpected "${c}" in action`);
      const text = match![0].replace(/_/g, '');
      const value = /^[+-]?0[box]/i.test(text) ? Number(text.replace(/^([+-]?)(0[box])/i, '$2')) * (text.startsWith('-') ? -1 : 1) : Number(text);
      if (Number.isNaN(value)) fail(`bad number syntax: ${match![0]}`);
      // As Go's idealConstant: a constant written without '.', 'e' or 'p' is an int, any other a float64.
      const isInt = Number.isInteger(value) && (/^[+-]?0x/i.test(text) || !/[.eEpP]/.test(text));
      tokens.push({ type: 'number', value: isInt ? BigInt(value) : value, column });
      i += match![0].length;
    } else if (isWordStart(body.charCodeAt(i))) {
      const end = wordEnd(body, i);
      tokens.push({ type: 'identifier', value: body.slice(i, end), column });
      i = end;
    } else {
      fail(`unexpected "${c}" in command`);
    }
  }
  return tokens;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

function unquote(raw: string, fail: (message: string) => never): string {
  return raw.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|.)/g, (_, escape: string) => {
    if (/^[uUx]/.test(escape) && escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return ESCAPES[escape] ?? fail(`unknown escape sequence: \\${escape}`);
  });
}

function lineAt(source: string, offset: number): number {
  return countNewlines(source, 0, offset) + 1;
}

/** Newlines in source[from, to). */
function countNewlines(source: string, from: number, to: number): number {
  let count = 0;
  for (let i = source.indexOf('\n', from); i !== -1 && i < to; i = source.indexOf('\n', i + 1)) count++;
  return count;
}
