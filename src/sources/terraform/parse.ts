// Parses HCL (.tf, .tfvars) with tree-sitter's HCL grammar (WebAssembly, so no native
// build), locates syntax errors, and has ./convert.ts turn the tree into a Body.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Node, Parser } from 'web-tree-sitter';
import { convertBody } from './convert.js';
import type { Body } from './syntax.js';

export type HclParse =
  | { ok: true; body: Body }
  | { ok: false; line: number; column: number; message: string };

let parser: Promise<Parser> | undefined;

/**
 * The parser, created once per process (loading the runtime and grammar costs tens of
 * milliseconds), and tree-sitter's module loaded only then: a scan without Terraform never needs it.
 */
export function hclParser(): Promise<Parser> {
  parser ??= (async () => {
    const { Language, Parser } = await import('web-tree-sitter');
    // Both modules are compiled synchronously: asynchronous instantiation waits for the
    // event loop between steps, and a busy machine stretches those waits most.
    const resolve = createRequire(import.meta.url).resolve;
    const runtime = new WebAssembly.Module(readFileSync(resolve('web-tree-sitter/web-tree-sitter.wasm')));
    await Parser.init({
      instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
        const instance = new WebAssembly.Instance(runtime, imports);
        done(instance, runtime);
        return instance.exports;
      },
    });
    const instance = new Parser();
    instance.setLanguage(Language.loadSync(new WebAssembly.Module(readFileSync(resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')))));
    return instance;
  })();
  return parser;
}

export function parseHcl(parser: Parser, text: string): HclParse {
  const tree = parser.parse(text);
  if (!tree) return { ok: false, line: 1, column: 1, message: 'the parser gave up on this file' };
  try {
    const root = tree.rootNode;
    if (root.hasError) return describeError(root, text);
    const body = root.namedChildren.find((child) => child?.type === 'body');
    return { ok: true, body: body ? convertBody(body, text) : { attributes: new Map(), blocks: [] } };
  } finally {
    tree.delete();
  }
}

function describeError(root: Node, text: string): HclParse {
  const culprit = firstError(root) ?? root;
  // A missing closing brace is only noticed at the end of the file; the block it belongs to
  // is where the fix goes.
  const unclosed = culprit.isMissing && culprit.parent?.type === 'block_end' ? culprit.parent.parent : null;
  if (unclosed) {
    const { row, column } = unclosed.startPosition;
    return { ok: false, line: row + 1, column: column + 1, message: `this block is never closed (no matching "}" before the end of the file)` };
  }
  // The token tree-sitter's recovery invents for a MISSING node is rarely the one the author
  // meant (e.g. "<<" for an absent value), so it is not named.
  if (culprit.isMissing) {
    const { row, column } = culprit.startPosition.column === 0 ? endOfPreviousLine(text, culprit.startIndex) : culprit.startPosition;
    return { ok: false, line: row + 1, column: column + 1, message: 'the syntax is incomplete here (a value, operator or bracket is missing)' };
  }
  const { row, column } = culprit.startPosition;
  return { ok: false, line: row + 1, column: column + 1, message: `unexpected ${JSON.stringify(culprit.text.split('\n')[0].slice(0, 40))}` };
}

/** Where the text before `index` ends: a value missing at the end of a line is only noticed on the next. */
function endOfPreviousLine(text: string, index: number): { row: number; column: number } {
  const lines = text.slice(0, index).trimEnd().split('\n');
  return { row: lines.length - 1, column: lines[lines.length - 1].length };
}

function firstError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child && (child.hasError || child.isMissing)) return firstError(child) ?? child;
  }
  return undefined;
}
