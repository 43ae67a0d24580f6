// Parses HCL (.tf, .tfvars) with tree-sitter's HCL grammar (WebAssembly, so no native
// build), locates syntax errors, and has ./convert.ts turn the tree into a Body.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { Node, Parser } from 'web-tree-sitter';
import { ownsProcess } from '../../core/process-owner.js';
import { convertBody } from './convert.js';
import type { Body } from './syntax.js';

export type HclParse =
  | { ok: true; body: Body }
  | { ok: false; line: number; column: number; message: string };

// V8 compiles WebAssembly with a baseline compiler (Liftoff) and recompiles the functions that
// run most with its optimizing one (TurboFan). For tree-sitter that costs far more than a small
// scan saves: the runtime's largest function alone takes 80-100 ms to optimize on another thread,
// and the first parse of the bench estate's 22 KB of HCL took 15-40 ms against 14-16 ms with
// Liftoff only. Optimized code parses about a quarter faster, which repays the compilation from a
// few hundred KB on (runs of `readTerraform`, medians of 9, Liftoff only against the default:
// terraform-aws-eks-blueprints 0.235 s either way, its add-ons module 0.176 s against 0.183,
// terraform-aws-eks 0.276 s against 0.255, all three together 0.600 s against 0.495). V8 decides
// this with flags of the whole process, read whenever a function could move up, not per module:
// so only in upshift's own process (core/process-owner.ts), never in a program that uses the library.
const OPTIMIZED_FROM_BYTES = 256 * 1024;

let parser: Promise<Parser> | undefined;

/**
 * The parser, created once per process (loading the runtime and grammar costs tens of
 * milliseconds), and tree-sitter's module loaded only then: a scan without Terraform never needs
 * it. `expectedBytes` is how much HCL the scan that creates it is about to parse.
 */
export function hclParser(expectedBytes = Number.POSITIVE_INFINITY): Promise<Parser> {
  parser ??= (async () => {
    const { Language, Parser } = await import('web-tree-sitter');
    // Both modules are compiled synchronously: asynchronous instantiation waits for the
    // event loop between steps, and a busy machine stretches those waits most.
    const resolve = createRequire(import.meta.url).resolve;
    if (expectedBytes < OPTIMIZED_FROM_BYTES) keepWebAssemblyOnBaselineCompiler();
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

// The V8 versions of Node 20 to 25 (11 to 14), whose flag definitions have --liftoff-only. V8 prints
// an "unrecognized flag" line on stderr for a flag it does not have, so a later one is left as it is.
const LIFTOFF_ONLY_V8 = { from: 11, to: 14 };

/** V8's --liftoff-only, in upshift's own process only, and not where the process was started with flags of its own on how WebAssembly moves up. */
function keepWebAssemblyOnBaselineCompiler(): void {
  const ownFlags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((option) => /liftoff|wasm-tier|wasm-dynamic-tiering|single-threaded|jitless/.test(option));
  const v8 = Number.parseInt(process.versions.v8, 10);
  if (ownsProcess() && !ownFlags && v8 >= LIFTOFF_ONLY_V8.from && v8 <= LIFTOFF_ONLY_V8.to) setFlagsFromString('--liftoff-only');
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
