// Reads one YAML (or JSON) document with line numbers for the infrastructure sources
// (eksctl, CloudFormation), which need values and where they were written.
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { yamlLibrary } from './yaml-library.js';

export interface LocatedDocument {
  data: unknown;
  /** 1-based line of the entry at `path` (its key, in a mapping), or of the closest ancestor that exists. */
  lineOf(path: readonly (string | number)[]): number;
}

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

export function readLocatedYaml(text: string, options: YamlOptions = {}): LocatedDocument | { line: number; column: number; message: string } {
  const { isMap, isNode, isScalar, LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(text, { ...options, lineCounter, version: '1.1' });
  const error = document.errors[0];
  if (error) {
    const at = lineCounter.linePos(error.pos[0]);
    return { line: at.line, column: at.col, message: error.message.split('\n')[0] };
  }
  return {
    data: document.toJS({ maxAliasCount: 1000 }),
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const parent = depth > 0 ? document.getIn(path.slice(0, depth - 1), true) : undefined;
        const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === path[depth - 1]) : undefined;
        if (isScalar(pair?.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
        const node = document.getIn(path.slice(0, depth), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return 1;
    },
  };
}

export function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
