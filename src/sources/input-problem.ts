// Input problems are findings: a file that does not parse is reported where it is, and the
// scan goes on. Sources build them here so that every one reads the same way.
import type { Finding, Origin } from '../core/types.js';

/** What to do with a file that holds Go template actions: every unreadable-input message that suspects one says it the same way. */
export const RENDER_TEMPLATE = 'if this file is a template with {{ }} placeholders, render it and scan the output';

export function inputInvalid(origin: Origin, message: string): Finding {
  return { id: 'input-invalid', severity: 'error', message, origin };
}

/** "3:14" style location from a 0-based offset in `text`. */
export function lineAndColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where and why JSON.parse refused `text`: V8 names an offset ("... in JSON at position 49"),
 * a person needs the line and column, and the reason without the offset.
 */
export function jsonSyntaxProblem(text: string, error: unknown): { message: string; line: number; column: number } {
  const message = (error as Error).message;
  const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
  return { message: message.replace(/ in JSON at position \d+.*$/, ''), ...lineAndColumnAt(text, offset) };
}
