import { describe, expect, it } from 'vitest';
import { parseYamlDocuments } from './yaml-parse.js';

describe('parseYamlDocuments', () => {
  it('reads the documents with the place of each object', () => {
    expect(parseYamlDocuments('a: 1\n---\nkind: List\nitems:\n  - b: 2\n')).toEqual({
      ok: true,
      documents: [
        { object: { a: 1 }, line: 1, column: 1 },
        { object: { kind: 'List', items: [{ b: 2 }] }, line: 3, column: 1, items: [{ object: { b: 2 }, line: 5, column: 5 }] },
      ],
    });
  });

  it('reports the first of many syntax errors at its place, and leaves the stack trace limit as it found it', () => {
    const before = Error.stackTraceLimit;
    const template = ['spec:', '  replicas: {{ .Values.replicas }}', '  {{- if .Values.x }}', '  x: [1, 2', '  {{- end }}', ''].join('\n');
    expect(parseYamlDocuments(template)).toEqual({ ok: false, message: 'Implicit keys need to be on a single line', line: 3, column: 3 });
    expect(Error.stackTraceLimit).toBe(before);
    expect(parseYamlDocuments('a: [1')).toMatchObject({ ok: false, line: 1 });
    expect(Error.stackTraceLimit).toBe(before);
  });

  it('refuses flow collections nested past 256 levels before the parser recurses into them', () => {
    // Parsed after a template, 20,000 levels once had V8 abort the process.
    parseYamlDocuments('spec:\n  replicas: {{ .Values.replicas }}\n  {{- if .Values.x }}\n  x: [1, 2\n');
    expect(parseYamlDocuments(`kind: ConfigMap\ndata:\n  x: ${'['.repeat(20_000)}`)).toEqual({ ok: false, message: 'the document nests too deeply to parse', line: 3, column: 6 + 256 });
    expect(parseYamlDocuments(`x: ${'['.repeat(256)}${']'.repeat(256)}`)).toMatchObject({ ok: true });
  });

  it('refuses mappings nested past 256 levels by indentation (the top one counted), and reads 256', () => {
    const nested = (levels: number) => `kind: ConfigMap\ndata:\n${Array.from({ length: levels - 1 }, (_, level) => `${' '.repeat(level + 1)}a:\n`).join('')}${' '.repeat(levels)}b: 1\n`;
    expect(parseYamlDocuments(nested(255))).toMatchObject({ ok: true });
    expect(parseYamlDocuments(nested(2_000))).toEqual({ ok: false, message: 'the document nests too deeply to parse', line: 258, column: 257 });
    // Blank lines and comments, however indented, are no level.
    expect(parseYamlDocuments(`a:\n${Array.from({ length: 300 }, (_, level) => `${' '.repeat(level + 2)}# ${level}\n\n`).join('')}  b: 1\n`)).toMatchObject({ ok: true });
  });

  it('counts no bracket inside a quoted scalar or a comment, nor a quote inside a word', () => {
    const brackets = '['.repeat(300);
    expect(parseYamlDocuments(`a: "${brackets}"\nb: '${brackets}'\n# ${brackets}\nc: don't [x]\nd: {e: 'it''s ${brackets}'}\n`)).toEqual({
      ok: true,
      documents: [{ object: { a: brackets, b: brackets, c: "don't [x]", d: { e: `it's ${brackets}` } }, line: 1, column: 1 }],
    });
  });
});
