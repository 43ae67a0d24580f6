import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { glob } from 'tinyglobby';
import { parseDocument } from 'yaml';
// @ts-expect-error: the bench generator is plain JavaScript without types
import { generateEstate } from '../../bench/generate-estate.js';
import { decodePlainDocument, decodePlainYaml } from './plain-yaml.js';
import { dropFields, UNREAD_FIELDS } from './unread-fields.js';
import { indexYaml } from './yaml-index.js';

const decode = (text: string) => decodePlainYaml(text, 0, text.length);

/** What the full parser makes of text, or 'error' when it reports one. */
function reference(text: string): unknown {
  const document = parseDocument(text, { version: '1.1' });
  return document.errors.length ? 'error' : document.toJS({ maxAliasCount: 100 });
}

/** Asserts the decoder either bails or agrees with `yaml` exactly (values and key order). */
function agrees(text: string): boolean {
  const value = decode(text);
  if (value === undefined) return false;
  const expected = reference(text);
  expect(value, text).toStrictEqual(expected);
  expect(JSON.stringify(value), text).toBe(JSON.stringify(expected));
  return true;
}

interface Tally {
  plain: number;
  decoded: number;
}

function checkFiles(files: string[]): Tally {
  const tally = { plain: 0, decoded: 0 };
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const document of indexYaml(text)) {
      const slice = text.slice(document.start, document.end);
      const value = decodePlainYaml(text, document.start, document.end);
      if (document.verdict === 'plain') {
        tally.plain++;
        checkDropped(text, document.start, document.end, `${file}:${document.firstLine}`);
      }
      if (value === undefined) continue;
      if (document.verdict === 'plain') tally.decoded++;
      const expected = reference(slice);
      expect(value, `${file}:${document.firstLine}`).toStrictEqual(expected);
      expect(JSON.stringify(value)).toBe(JSON.stringify(expected));
    }
  }
  return tally;
}

/**
 * Asserts that, told to drop the unread fields, the decoder leaves exactly the parser's value
 * without them. Only for documents the index calls plain: the dropped values are not decoded,
 * so there the index's check of the structure is all that is done.
 */
function checkDropped(text: string, start: number, end: number, where: string): void {
  const value = decodePlainYaml(text, start, end, UNREAD_FIELDS);
  if (value === undefined) return;
  const expected = reference(text.slice(start, end));
  dropFields(expected, UNREAD_FIELDS);
  expect(value, where).toStrictEqual(expected);
  expect(JSON.stringify(value)).toBe(JSON.stringify(expected));
}

describe('decodePlainYaml against yaml', () => {
  const temp = mkdtempSync(join(tmpdir(), 'upshift-plain-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('agrees on every document of the example estate and the fixtures', async () => {
    const files = await glob(['examples/estate/**/*.{yaml,yml}', 'test/fixtures/**/*.yaml', 'data/**/*.yaml'], { ignore: ['**/templates/**'] });
    expect(files.length).toBeGreaterThan(20);
    const tally = checkFiles(files);
    expect(tally.decoded).toBeGreaterThan(0);
  });

  it('agrees on a sample of the bench estate and decodes nearly all of its plain documents', async () => {
    generateEstate(temp, 300);
    const tally = checkFiles(await glob('**/*.{yaml,yml}', { cwd: temp, absolute: true }));
    expect(tally).toEqual({ plain: 654, decoded: 648 });
    expect(tally.decoded / tally.plain).toBeGreaterThanOrEqual(0.95);
  });

  it('agrees on block scalar variations (chomping, indentation, blank lines, comments)', () => {
    const bodies = ['  a\n  b\n', '  a\n\n  b\n', '\n  a\n  b\n\n', '  a\n    b\n  c\n', '  a\n\n\n', '  a\n  # not a comment\n'];
    const tails = ['', 'next: 1\n', '# comment\nnext: 1\n', '\n\n# c\n\nnext: 1\n'];
    let decoded = 0;
    for (const style of ['|', '>'])
      for (const indicator of ['', '-', '+', '2', '2-', '+2'])
        for (const body of bodies)
          for (const tail of tails) {
            for (const text of [`key: ${style}${indicator}\n${body}${tail}`, `- ${style}${indicator}\n${body}${tail.replace('next: 1', '- 1')}`])
              if (agrees(text)) decoded++;
            const nested = `a:\n  key: ${style}${indicator}\n${body.replace(/^(?=.)/gm, '  ')}${tail.replace(/^(?=.)/gm, '  ')}`;
            if (agrees(nested)) decoded++;
          }
    expect(decoded).toBeGreaterThan(200);
  });

  it('agrees on multi-line plain and quoted scalars (CRD descriptions), or bails', () => {
    // What follows a value's first line, at indentations around its key's column.
    const lines = ['more words', '- item', '[a]', '{b}', '*c', '!t f', '|g', '#n', 'o: p', 'o:p', 'q #r', '"l', "'m", 'it\'\'s', 'a \\" b', 'a \\n b', 'a \\x41 b', 'a\\', '\u00e9', 'true', '12', '', '  '];
    const closings = ["end'", "end' # c", "end'#c", 'end"', 'end" # c', 'a \\" b"', "  '", '  "'];
    let decoded = 0;
    for (const [before, keyColumn] of [['', 0], ['m:\n  ', 2], ['- ', 0], ['s:\n- ', 0], ['- k: x\n  ', 2]] as const) {
      for (const opening of ['key: first', "key: 'first", 'key: "first', 'key: "a \\t b', 'key: first  ']) {
        for (const indent of [keyColumn, keyColumn + 1, keyColumn + 3]) {
          const pad = ' '.repeat(indent);
          for (const line of [...lines, ...(opening.includes("'") || opening.includes('"') ? closings : [])]) {
            for (const text of [`${before}${opening}\n${pad}${line}\n`, `${before}${opening}\n${pad}${line}\n\n${pad}last'"\n`, `${before}${opening}\n${pad}${line}\n${pad}${line}\n`]) {
              if (agrees(text)) decoded++;
            }
          }
        }
      }
    }
    expect(decoded).toBe(1387);
  });

  it('decodes a value followed by deeper comment lines, as values.yaml files comment out examples', () => {
    const text = 'extraManifests: null\n  # - apiVersion: v1\n  #   kind: ConfigMap\nnext: 1\n';
    expect(decode(text)).toStrictEqual({ extraManifests: null, next: 1 });
    expect(agrees(text)).toBe(true);
  });

  it('agrees on scalar forms', () => {
    const scalars = [
      '~', 'null', 'Null', 'NULL', 'nULL', 'y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE',
      'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '0', '-0', '+0', '12', '-12', '+12', '012', '-012', '08',
      '09', '0x1F', '-0x1f', '0o17', '0b101', '-0b11', '1.5', '-1.5', '1.', '.5', '.', '-.', '1e3', '1.5E-3', '.inf', '-.Inf',
      '+.INF', '.nan', '.NaN', 'NaN', 'inf', '12345678901234567890', '0.1.2', '1.2.3-rc1', 'v1', '123abc', '0xZZ', '1e', 'e3', 'E-3', '-e3', 'e_3', 'env_x', '<<', '=', '+', '.e3',
      "'quoted'", "'it''s'", "''", '""', '"a\\"b"', '"\\u00e9\\n\\t\\\\"', '"\\/"', '"é ü"', 'a b  c', 'http://x:80/y', 'a#b', '-x',
    ];
    for (const scalar of scalars) {
      expect(agrees(`key: ${scalar}\n`), scalar).toBe(true);
      expect(agrees(`- ${scalar}  # comment\n`), scalar).toBe(true);
    }
  });
});

describe('decodePlainYaml values', () => {
  it('decodes block mappings and sequences, compact forms included', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: app',
      '    args:',
      '    - --port=80',
      '    -',
      '    env:',
      '      - name: A',
      '        value: "1"',
      '  matrix:',
      '  - - a',
      '    - b',
      '  - []',
      '  empty:',
      '',
    ].join('\n');
    expect(decode(text)).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        containers: [{ name: 'app', args: ['--port=80', null], env: [{ name: 'A', value: '1' }] }],
        matrix: [['a', 'b'], []],
        empty: null,
      },
    });
  });

  it('resolves plain scalars as YAML 1.1', () => {
    expect(decode('a: ~\nb:\nc: yes\nd: Off\ne: 010\nf: 0x1F\ng: 0b11\nh: -1.5\ni: .inf\nj: 1e3\nk: 08\nl: -0\n')).toStrictEqual({
      a: null, b: null, c: true, d: false, e: 8, f: 31, g: 3, h: -1.5, i: Infinity, j: 1000, k: 8, l: -0,
    });
    expect(decode('a: .nan\n')).toStrictEqual({ a: NaN });
  });

  it('reads quoted scalars, comments and CRLF line ends', () => {
    expect(decode('a: "x\\ty" # c\r\nb: \'it\'\'s\'\r\n"c d": [1, "two", {e: f}]\r\n# end\r\n')).toStrictEqual({
      a: 'x\ty', b: "it's", 'c d': [1, 'two', { e: 'f' }],
    });
  });

  it('reads block scalars with chomping and indentation indicators', () => {
    expect(decode('a: |\n  x\n   y\n\nb: |-\n  x\nc: |+\n  x\n\nd: >\n  x\n  y\n\n  z\ne: |2\n   x\n')).toStrictEqual({
      a: 'x\n y\n', b: 'x', c: 'x\n\n', d: 'x y\nz\n', e: ' x\n',
    });
  });

  it.each([
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['duplicate flow keys', 'a: {b: 1, b: 2}\n'],
    ['merge keys', 'a: 1\n<<: {b: 2}\n'],
    ['keys that are not strings', 'on: 1\n'],
    ['numeric keys', '1: a\n'],
    ['null keys', '~: a\n'],
    ['sexagesimal numbers', 'a: 1:20\n'],
    ['timestamps', 'a: 2001-12-14\n'],
    ['digit separators', 'a: 1_000\n'],
    ['YAML-only escapes', 'a: "\\x41"\n'],
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['a multi-line plain scalar with a comment line inside', 'a: b\n  # c\n  d\n'],
    ['a multi-line plain scalar that is an implicit key', 'a: b\n  c: d\n'],
    ['a multi-line quoted scalar not indented past its key', 'k:\n  a: "b\n  c"\n'],
    ['an escaped line break', 'a: "b\\\n  c"\n'],
    ['multi-line flow collections', 'a: [b,\n  c]\n'],
    ['flow collections with odd entries', 'a: [b, c,]\n'],
    ['flow pairs', 'a: [b: c]\n'],
    ['colons in flow scalars', 'a: {b: http://x}\n'],
    ['folded scalars with more-indented lines', 'a: >\n  x\n    y\n'],
    ['explicit indentation inside a compact mapping', '- a: |2\n     x\n'],
    ['empty block scalars', 'a: |\nb: 1\n'],
    ['a block scalar at the end of text without a newline', 'a: |\n  x'],
    ['tabs in the structure', 'a:\t1\n'],
    ['nested mappings on one line', 'a: b: c\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['an indented root', '  a: 1\n'],
    ['a sequence after a scalar value', 'a: 1\n- b\n'],
    ['a document marker inside the text', 'a: 1\n---\nb: 2\n'],
    ['a lone carriage return', 'a: 1\rb: 2\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['complex keys', '? a\n: b\n'],
    ['flow collections as keys', '[a]: b\n'],
    ['a carriage return ending the text', 'a: 1\r'],
  ])('bails out on %s', (_why, text) => {
    expect(decode(text)).toBeUndefined();
  });

  it('decodes the bundled knowledge files whole (the knowledge loader relies on it for speed)', async () => {
    for (const file of await glob('data/**/*.yaml')) expect(agrees(readFileSync(file, 'utf8')), file).toBe(true);
  });

  it('leaves out dropped fields, in any form, without decoding them', () => {
    const text = [
      'metadata:',
      '  name: web',
      '  managedFields: [{manager: kubectl}]',
      '  annotations:',
      '    kubectl.kubernetes.io/last-applied-configuration: |',
      '      {"apiVersion": "apps/v1"}',
      '    team: shop',
      'spec:',
      '  containers:',
      '  - name: app',
      '    env:',
      '    - name: A',
      '      on: 2001-12-14',
      '    args: ["--port", "80"]',
      '    command:',
      '      - sh',
      '    image: nginx:1.27',
      '  initContainers: [{name: init, image: busybox, envFrom: [{configMapRef: {name: c}}]}]',
      '  env: kept outside containers',
      '',
    ].join('\n');
    expect(decodePlainYaml(text, 0, text.length, UNREAD_FIELDS)).toStrictEqual({
      metadata: { name: 'web', annotations: { team: 'shop' } },
      spec: {
        containers: [{ name: 'app', image: 'nginx:1.27' }],
        initContainers: [{ name: 'init', image: 'busybox' }],
        env: 'kept outside containers',
      },
    });
    const duplicate = 'containers:\n- env: []\n  env: []\n';
    expect(decodePlainYaml(duplicate, 0, duplicate.length, UNREAD_FIELDS)).toBeUndefined();
  });

  it('decodes a slice of a larger text', () => {
    const text = 'a: 1\n---\nb: [2]\n---\nc: 3\n';
    expect(decodePlainYaml(text, 9, 16)).toStrictEqual({ b: [2] });
  });

  it('places the items of the root\'s items sequence, and only those', () => {
    const text = 'kind: List\nitems:\n- a: 1\n  items:\n  - nested\n-\n  # comment\n\n  b: 2\n- null\nc:\n  items:\n  - x\n';
    expect(decodePlainDocument(text, 0, text.length)).toStrictEqual({
      value: { kind: 'List', items: [{ a: 1, items: ['nested'] }, { b: 2 }, null], c: { items: ['x'] } },
      itemStarts: [
        { row: 2, column: 3 },
        { row: 8, column: 3 },
        { row: 9, column: 3 },
      ],
    });
    const indented = 'items:\n  - a\n';
    expect(decodePlainDocument(indented, 0, indented.length)?.itemStarts).toStrictEqual([{ row: 1, column: 5 }]);
    const flow = 'items: [a, b]\n';
    expect(decodePlainDocument(flow, 0, flow.length)).toStrictEqual({ value: { items: ['a', 'b'] } });
  });
});
