import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { indexYaml } from './yaml-index.js';

function only(text: string) {
  const documents = indexYaml(text);
  expect(documents).toHaveLength(1);
  return documents[0];
}

describe('indexYaml', () => {
  it('reads the four fields of a plain manifest and where it starts', () => {
    const text = '# a comment\n\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    name: not-this\nspec:\n  replicas: 2\n';
    expect(only(text)).toEqual({
      start: 0,
      end: text.length,
      firstLine: 1,
      contentLine: 3,
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      verdict: 'plain',
    });
  });

  it('splits documents on --- and skips empty ones', () => {
    const text = '---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "b"\n...\n';
    const documents = indexYaml(text);
    expect(documents.map((d) => [d.kind, d.name, d.contentLine, d.verdict])).toEqual([
      ['Service', undefined, 2, 'plain'],
      ['ConfigMap', 'b', 8, 'plain'],
    ]);
  });

  it('unquotes single- and double-quoted values and drops trailing comments', () => {
    const document = only("apiVersion: 'networking.k8s.io/v1beta1' # legacy\nkind: \"Ingress\"\nmetadata:\n  name: 'it''s'\n");
    expect([document.apiVersion, document.kind, document.name]).toEqual(['networking.k8s.io/v1beta1', 'Ingress', "it's"]);
  });

  it('skips block scalars, including lines that look like keys or markers', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  script: |\n    kind: Secret\n    name: nope\n\n    # not a comment\n  other: >-\n    folded\n';
    expect(only(text)).toMatchObject({ kind: 'ConfigMap', name: 'cm', verdict: 'plain' });
  });

  it('follows sequences of mappings', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x\n    args:\n      - --flag\n      - "quoted"\n  - name: b\n    command: ["sh", "-c", "a: b"]\n';
    expect(only(text).verdict).toBe('plain');
  });

  it.each([
    ['a tab as indentation', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n'],
    ['a line indented deeper than its parent allows', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n    labels: x\n'],
    ['a dedent to a level that was never opened', 'apiVersion: v1\nkind: Pod\nspec:\n    a: 1\n  b: 2\n'],
    ['a nested mapping on one line', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n'],
    ['a line that is neither key nor entry', 'apiVersion: v1\nkind: Pod\nmetadata\n  name: p\n'],
    ['an unbalanced flow collection', 'apiVersion: v1\nkind: Pod\nspec: {a: 1}}\n'],
    ['a sequence entry where keys are', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n- b\n'],
    ['a key where sequence entries are', 'apiVersion: v1\nkind: List\nitems:\n  - a\n  b: 1\n'],
    ['a key after a sequence entry that is a value', 'apiVersion: v1\nkind: Pod\nspec:\n  args:\n  - z\n    h: i\n'],
    ['a sequence entry after a key that has a value', 'apiVersion: v1\nkind: Pod\nspec:\n  a: 1\n  - b\n'],
    ['a block scalar line indented less than its first', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n    x\n   y\n'],
    ['a block scalar line indented less than its indicator says', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |2\n     x\n   y\n'],
  ])('sends %s to the parser, which rejects it', (_, text) => {
    expect(only(text).verdict).not.toBe('plain');
    expect(parseAllDocuments(text, { version: '1.1' }).flatMap((d) => ('errors' in d ? d.errors : []))).not.toEqual([]);
  });

  it.each([
    ['anchors and aliases', 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: &l\n    a: b\n  annotations: *l\n'],
    ['a tag', 'apiVersion: v1\nkind: Secret\ndata: !!binary aGk=\n'],
    ['a multi-line flow collection', 'apiVersion: v1\nkind: Pod\nspec: {\n  a: 1 }\n'],
    ['a multi-line plain scalar as metadata.name', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\n    two\n'],
    ['a multi-line quoted scalar as kind', 'apiVersion: v1\nkind: "Pod\n  Template"\n'],
    ['a Go template action', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Name }}\n'],
    ['a directive', '%YAML 1.1\n---\napiVersion: v1\nkind: Pod\n'],
  ])('leaves %s to the full parser', (_, text) => {
    expect(indexYaml(text).some((d) => d.verdict === 'parse')).toBe(true);
  });

  it('handles CRLF line ends and a file without a final newline', () => {
    expect(only('apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: s')).toMatchObject({ kind: 'Service', name: 's', verdict: 'plain' });
  });

  it('reads name only from metadata, not from nested objects', () => {
    const text = 'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    metadata:\n      name: inner\nmetadata:\n  namespace: ops\n';
    const document = only(text);
    expect([document.name, document.namespace]).toEqual([undefined, 'ops']);
  });
});

describe('metadata keys after a nested mapping', () => {
  it('reads name and namespace that follow labels, as kustomize and kubectl print them', () => {
    const [document] = indexYaml('apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: web\n  name: dev-web\n  namespace: shop\n');
    expect([document.name, document.namespace]).toEqual(['dev-web', 'shop']);
  });

  it('finds the lines after block scalars where line-by-line reading finds them, blank and CRLF lines and markers inside included', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  a: |', '    x', '', '      deeper', '    ', '   ', '  b: >-', '    folded', '---', '- |', '  item', '---', 'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: s'];
    for (const separator of ['\n', '\r\n']) {
      const documents = indexYaml(lines.join(separator));
      expect(documents.map((d) => [d.kind, d.name, d.firstLine, d.contentLine, d.verdict])).toEqual([
        ['ConfigMap', undefined, 1, 1, 'plain'],
        [undefined, undefined, 13, 13, 'plain'],
        ['Secret', 's', 16, 16, 'plain'],
      ]);
    }
  });

  it('ends a block scalar at a less indented comment or tab line, as a line-by-line reading does', () => {
    expect(only('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n    x\n# top comment\nmetadata:\n  name: m\n')).toMatchObject({ name: 'm', verdict: 'plain' });
    expect(only('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n    x\n\tb: 1\n').verdict).toBe('suspect');
  });

  it('stops at the kind of a document the caller decodes, and finds the documents after it', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n';
    const text = `${deployment}---\n${deployment}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n`;
    const documents = indexYaml(text, (kind) => kind === 'Deployment');
    expect(documents.map((d) => [d.kind, d.name, d.firstLine, d.contentLine, d.verdict, text.slice(d.start, d.end) === deployment])).toEqual([
      ['Deployment', undefined, 1, 1, 'decode', true],
      ['Deployment', undefined, 8, 8, 'decode', true],
      ['Service', 'svc', 15, 15, 'plain', false],
    ]);
    // Only once both apiVersion and kind are read: without an apiVersion there is no object to decode.
    expect(only('kind: Deployment\nmetadata:\n  name: x\n').verdict).toBe('plain');
    expect(indexYaml('kind: Deployment\nmetadata:\n  name: x\napiVersion: apps/v1\n', () => true)[0]).toMatchObject({ verdict: 'decode', name: 'x' });
  });

  it.each([
    ['kind', 'apiVersion: v1\nkind: Deployment\nkind: ConfigMap\n'],
    ['apiVersion', 'apiVersion: v1\nkind: ConfigMap\napiVersion: v2\n'],
    ['metadata.name', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n'],
    ['a nested key, after a deeper mapping', 'apiVersion: v1\nkind: ReplicationController\nspec:\n  selector:\n    app: a\n  replicas: 1\n  selector:\n    app: b\n'],
    ['a key of a sequence item', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n    name: b\n'],
    ['a key, once quoted', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: 1\n  "a": 2\n'],
  ])('sends a document with %s twice to the parser, which rejects it', (_, text) => {
    expect(only(text).verdict).toBe('suspect');
    expect(parseAllDocuments(text, { version: '1.1' }).flatMap((d) => ('errors' in d ? d.errors : [])).map((error) => error.code)).toEqual(['DUPLICATE_KEY']);
  });

  it('tells the same key in different mappings from a repeated one', () => {
    const text = [
      'apiVersion: v1', 'kind: List', 'items:', '- name: a', '  spec:', '    name: inner', '- name: b', '-', '  name: c', 'spec:', '  name: d', 'data:', '  name: e',
    ].join('\n');
    expect(only(text).verdict).toBe('plain');
    expect(parseAllDocuments(text, { version: '1.1' }).flatMap((d) => ('errors' in d ? d.errors : []))).toEqual([]);
  });

  it('leaves a mapping of more keys than it compares to the parser', () => {
    const keys = (count: number) => Array.from({ length: count }, (_, index) => `  key-${index}: v`).join('\n');
    expect(only(`apiVersion: v1\nkind: ConfigMap\ndata:\n${keys(512)}\n`).verdict).toBe('plain');
    expect(only(`apiVersion: v1\nkind: ConfigMap\ndata:\n${keys(513)}\n`).verdict).toBe('parse');
  });

  it('follows sequences written at their key\'s indentation, nested and after one another', () => {
    const text = [
      'apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '  - name: a', '    ports:', '    - containerPort: 80', '    - containerPort: 81', '    env:', '    - name: X',
      '  - name: b', '    args:', '    -', '      - nested', '  volumes:', '  - name: v', 'items:', '- a:', '  - x', '- b: 1', 'data:', '  script: |2', '      deeper first', '    at the indicator',
    ].join('\n');
    expect(only(text).verdict).toBe('plain');
    expect(parseAllDocuments(text, { version: '1.1' }).flatMap((d) => ('errors' in d ? d.errors : []))).toEqual([]);
  });
});

describe('multi-line scalars, judged as yaml judges them', () => {
  // What follows `key: first` (or a quote opened there) on the next lines: every character that
  // may start or sit in a line, at indentations around the key's column, one or two lines deep.
  const texts = ['more words', '- item', '? q', '[a]', '{b}', '*c', '&d e', '!t f', '|g', '>h', '%i', '@j', '`k', '"l', "'m", '#n', 'o: p', 'o:p', 'q #r', 'a\tb', '--- s', '... t', 'https://x.y/z#frag', '{{ .V }}', ''];
  const closings = ["end'", "end' # c", "end'#c", "end' x", "it''s end'", 'end"', 'end" # c', 'end"#c', 'a \\" b"', 'a \\n b"', 'a \\q b"', 'a \\x41 b"', 'a \\x4 b"', 'a \\u00e9 b"', 'a \\U0001F600 b"', 'a \\'];
  const keyed = (before: string, key: string, after: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n${before}${key}${after}`;
  const cases: string[] = [];
  for (const [context, keyColumn] of [['data:\n  ', 2], ['', 0], ['items:\n- ', 2], ['metadata2:\n  deeper:\n    ', 4]] as const) {
    for (const opening of ['key: first', "key: 'first", 'key: "first']) {
      for (const indent of [keyColumn, keyColumn + 1, keyColumn + 2]) {
        const pad = ' '.repeat(indent);
        for (const line of [...texts, ...(opening === 'key: first' ? [] : closings)]) {
          cases.push(keyed(context, opening, `\n${pad}${line}\n`));
          cases.push(keyed(context, opening, `\n${pad}${line}\n${pad}then more'"\nnext: 1\n`));
          cases.push(keyed(context, opening, `\n\n${pad}${line}\n  # a comment\n${pad}last"'\n`));
        }
      }
    }
  }
  // And the four fields, which the index reads: a continuation would change them.
  for (const field of ['kind: Config', "kind: 'Config", 'kind: "Config', '  name: c', "  name: 'c", '  namespace: "n']) {
    const [head, rest] = field.startsWith('kind') ? ['apiVersion: v1\n', '\n  Map"\'\nmetadata:\n  name: x\n'] : ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n', '\n    m"\'\n'];
    cases.push(`${head}${field}${rest}`);
  }

  it('vouches for a document only when yaml reads it without errors and with the same four fields', () => {
    const tally = { plain: 0, rejected: 0 };
    for (const text of cases) {
      const documents = indexYaml(text);
      const parsed = parseAllDocuments(text, { version: '1.1' });
      const errors = parsed.flatMap((d) => ('errors' in d ? d.errors : []));
      if (errors.length > 0) tally.rejected++;
      // (a document after `... t` starts at that line, so the parser reports it there)
      if (!documents.every((document) => document.verdict === 'plain')) continue;
      tally.plain++;
      expect({ text, errors: errors.map((error) => error.code) }).toEqual({ text, errors: [] });
      const object = parsed[0].toJS() as { apiVersion: string; kind: string; metadata: { name?: string; namespace?: string } };
      const [document] = documents;
      expect([document.apiVersion, document.kind, document.name, document.namespace]).toEqual([object.apiVersion, object.kind, object.metadata.name, object.metadata.namespace]);
    }
    // Both sides are exercised: most continuations are text, and many of these are errors.
    expect(tally).toEqual({ plain: 736, rejected: 3079 });
  });

  it('reads a CRD whose descriptions run over several lines, plain and quoted, without the parser', () => {
    const text = [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata:',
      '  name: meshes.appmesh.k8s.aws',
      'spec:',
      '  versions:',
      '  - name: v1beta2',
      '    schema:',
      '      openAPIV3Schema:',
      "        description: 'APIVersion defines the versioned schema of this representation",
      '          of an object. More info: https://git.k8s.io/api-conventions.md#resources\'',
      '        properties:',
      '          meshRef:',
      '            description: "A reference to the Mesh CR that this belongs',
      '              to. \\n Populated by the system. Read-only."',
      '          spec:',
      '            description: MeshSpec defines the desired state of Mesh refer to',
      '              https://docs.aws.amazon.com/app-mesh/latest/userguide/meshes.html',
      '            type: object',
    ].join('\n');
    expect(only(text)).toMatchObject({ kind: 'CustomResourceDefinition', name: 'meshes.appmesh.k8s.aws', verdict: 'plain' });
    expect(parseAllDocuments(text, { version: '1.1' }).flatMap((d) => ('errors' in d ? d.errors : []))).toEqual([]);
  });

  it('leaves unread one of the four fields whose plain value runs onto the next line, for the parser', () => {
    const text = 'apiVersion: v1\nkind: Config\n  Map\nmetadata:\n  name: a\n';
    expect(indexYaml(text).map((d) => [d.apiVersion, d.kind, d.verdict])).toEqual([['v1', undefined, 'parse']]);
    expect(parseAllDocuments(text, { version: '1.1' })[0].toJS()).toMatchObject({ kind: 'Config Map' });
  });

  it('goes on after a quoted scalar closed lines later, counting the lines it spans', () => {
    const text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: 'one\n\n    two'\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n";
    expect(indexYaml(text).map((d) => [d.kind, d.name, d.firstLine, d.contentLine, d.verdict])).toEqual([
      ['ConfigMap', undefined, 1, 1, 'plain'],
      ['Secret', 's', 8, 8, 'plain'],
    ]);
  });
});
