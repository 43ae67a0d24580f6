// helm's manifest splitting and ordering, checked against the regexp Helm uses.
import { describe, expect, it, vi } from 'vitest';
import * as yaml from 'yaml';
import { sortManifests, splitManifests } from './manifest-order.js';

// Counts full parses, to show which documents the fast ways read.
vi.mock('yaml', async (importOriginal) => {
  const original = await importOriginal<typeof import('yaml')>();
  return { ...original, parseDocument: vi.fn(original.parseDocument) };
});

const HELM_SEPARATOR = /(?:^|\s*\n)---\s*/;

describe('splitManifests', () => {
  it('splits exactly where Go splits with (?:^|\\s*\\n)---\\s*', () => {
    const alphabet = ['-', '-', '-', '\n', ' ', '\t', 'a', ':', '\r'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 5000; round++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(splitManifests(text), JSON.stringify(text)).toEqual(text.split(HELM_SEPARATOR));
    }
  });

  it('keeps a --- that the previous separator consumed the newline of', () => {
    expect(splitManifests('a\n---\n---\nb')).toEqual(['a', '---\nb']);
  });
});

describe('sortManifests', () => {
  it('orders by install order, unknown kinds by name after them, hooks last, and drops unknown hooks and empty documents', () => {
    const text = 'kind: Deployment\n---\nkind: Zebra\n---\n\n---\nkind: Apple\n---\nkind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: post-install\n---\nkind: Secret\nmetadata:\n  annotations:\n    helm.sh/hook: nope\n---\nkind: Namespace';
    expect(sortManifests([{ name: 'c/templates/a.yaml', display: 'a.yaml', text }]).map((manifest) => `${manifest.kind}${manifest.hook ? ' (hook)' : ''}`)).toEqual([
      'Namespace',
      'Deployment',
      'Apple',
      'Zebra',
      'Job (hook)',
    ]);
  });

  it('reads the kind and hook of a document go-yaml takes and the yaml package refuses (a quoted scalar over unindented lines)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    "helm.sh/hook": pre-install\ndata:\n  walk: "a=alpha\nbeta;"\n---\nkind: Namespace\n';
    expect(sortManifests([{ name: 'c/templates/a.yaml', display: 'a.yaml', text }]).map((manifest) => [manifest.kind, manifest.hook])).toEqual([
      ['Namespace', false],
      ['ConfigMap', true],
    ]);
  });

  it('reads a hook from the metadata entry alone, and falls back to the whole document where that is not certain', () => {
    const spec = `spec:\n  versions:\n${Array.from({ length: 50 }, (_, index) => `  - name: v${index}\n    description: |\n      metadata: not the top level\n`).join('')}`;
    const documents = [
      // The fast way: one metadata entry at column 0, followed by another key.
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: crd\n  annotations:\n    helm.sh/hook: pre-install\n${spec}`,
      // A hook of an unknown event further down the metadata: dropped.
      `kind: ConfigMap\nmetadata:\n  annotations:\n    other: "x"\n    # comment at any indentation\n# and at column 0\n    helm.sh/hook: nope\ndata: {}\n`,
      // metadata twice: go-yaml keeps the last, which is no hook.
      'kind: Secret\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\nmetadata:\n  name: plain\n',
      // An annotation continued at column 0 inside a quoted scalar: the whole document is read.
      'kind: Job\nmetadata:\n  annotations:\n    note: "a\nb: c"\n    helm.sh/hook: post-install\n',
      // metadata last in the document.
      'kind: Pod\nspec: {}\nmetadata:\n  annotations: {helm.sh/hook: "test"}',
    ];
    vi.mocked(yaml.parseDocument).mockClear();
    expect(sortManifests([{ name: 'c/templates/a.yaml', display: 'a.yaml', text: documents[0] }]).map((manifest) => [manifest.kind, manifest.hook])).toEqual([['CustomResourceDefinition', true]]);
    expect(yaml.parseDocument).not.toHaveBeenCalled();
    expect(sortManifests([{ name: 'c/templates/a.yaml', display: 'a.yaml', text: documents.join('\n---\n') }]).map((manifest) => [manifest.kind, manifest.hook])).toEqual([
      ['Secret', false],
      ['CustomResourceDefinition', true],
      ['Pod', true],
      ['Job', true],
    ]);
  });

  it('refuses a document indented with a tab, as helm does', () => {
    expect(() => sortManifests([{ name: 'c/templates/a.yaml', display: 'a.yaml', text: 'kind: ConfigMap\ndata:\n\tkey: "x\n' }])).toThrow(
      'YAML parse error on c/templates/a.yaml: error converting YAML to JSON: yaml: line 3: found character that cannot start any token',
    );
  });
});
