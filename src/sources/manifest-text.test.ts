import { describe, expect, it } from 'vitest';
import { readManifestText } from './manifest-text.js';

const none = { objectKinds: new Set<string>() };

function summary(text: string, path = 'm.yaml', options = none) {
  const contents = readManifestText(text, path, options);
  return {
    resources: contents.resources.map((r) => `${r.apiVersion} ${r.kind} ${r.namespace ?? '-'}/${r.name ?? '-'} @${r.origin.type === 'file' ? `${r.origin.line}:${r.origin.column}` : ''}`),
    findings: contents.findings.map((f) => `${f.id} ${f.origin?.type === 'file' ? `${f.origin.line}:${f.origin.column}` : ''} ${f.message}`),
  };
}

describe('readManifestText', () => {
  it('reads every document of a multi-document file with its line', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n---\n# svc\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
    expect(summary(text)).toEqual({
      resources: ['apps/v1 Deployment shop/web @1:1', 'v1 Service -/web @8:1'],
      findings: [],
    });
  });

  it('expands kind: List and typed lists into their items, each at its own line', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: extensions/v1beta1\n  kind: Ingress\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b, namespace: ns}\n';
    expect(summary(text).resources).toEqual(['extensions/v1beta1 Ingress -/a @4:3', 'v1 Service ns/b @8:3']);
  });

  it('resolves anchors and aliases, and YAML 1.1 values', () => {
    const text = 'apiVersion: &v apps/v1\nkind: Deployment\nmetadata:\n  name: on\nspec:\n  template:\n    metadata:\n      labels: {app: x}\n';
    // YAML 1.1 reads an unquoted `on` as true: not a name, exactly as kubectl would refuse it.
    expect(summary(text, 'm.yaml', { objectKinds: new Set(['Deployment']) }).resources).toEqual(['apps/v1 Deployment -/- @1:1']);
  });

  it('reads what follows a document marker on its own line, and reports an error there', () => {
    // `--- {...}` holds a whole object; content after `...` is an error yaml reports at that line.
    const text = '--- {apiVersion: v1, kind: Pod, metadata: {name: p}}\n--- !!map\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n...   t\n';
    expect(summary(text)).toEqual({
      resources: ['v1 Pod -/p @1:5', 'v1 Service -/s @3:1'],
      findings: ['input-invalid 7:7 m.yaml:7:7: invalid YAML: Unexpected scalar at node end; fix the syntax (kubectl would reject this file too)'],
    });
  });

  it('keeps the whole object only for the kinds a check asked for', () => {
    const text = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec:\n  maxUnavailable: 0\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n';
    const contents = readManifestText(text, 'm.yaml', { objectKinds: new Set(['PodDisruptionBudget']) });
    expect(contents.resources.map((r) => r.object?.spec ?? null)).toEqual([{ maxUnavailable: 0 }, null]);
  });

  it('reports invalid YAML at its line in the file and goes on with the next document', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken: here\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: after\n';
    expect(summary(text, 'apps/cm.yaml')).toEqual({
      resources: ['v1 Service -/ok @1:1', 'v1 Secret -/after @11:1'],
      findings: [
        'input-invalid 9:9 apps/cm.yaml:9:9: invalid YAML: Nested mappings are not allowed in compact mappings; fix the syntax (kubectl would reject this file too)',
      ],
    });
  });

  it('reports a document that names its kind twice, whether or not its kind is read whole', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nkind: ConfigMap\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n';
    const expected = {
      resources: ['v1 Service -/svc @7:1'],
      findings: [
        'input-invalid 3:1 m.yaml:3:1: invalid YAML: the key kind is written twice in one mapping, which YAML forbids; kubectl and helm keep the last value and drop the earlier one without a word, kustomize rejects the file; keep one of them',
      ],
    };
    expect(summary(text)).toEqual(expected);
    expect(summary(text, 'm.yaml', { objectKinds: new Set(['Deployment', 'Service']) })).toEqual(expected);
  });

  // What helm renders from a chart whose labels helper already holds `app` (aws/eks-charts'
  // aws-dranet, 2026-12): helm template accepts it, kubectl keeps the last value, kustomize refuses.
  it('names the key written twice, quoted or not, where the second one is, and judges the object as kubectl reads it', () => {
    const text = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: dranet\n  labels:\n    app: dranet\n    tier: node\n    "app": dranet-2\n';
    expect(summary(text, 'ds.yaml')).toEqual({
      resources: ['apps/v1 DaemonSet -/dranet @1:1'],
      findings: [
        'input-invalid 8:5 ds.yaml:8:5: invalid YAML: the key "app" is written twice in one mapping, which YAML forbids; kubectl and helm keep the last value and drop the earlier one without a word (this scan judges the object so), kustomize rejects the file; keep one of them',
      ],
    });
    const [daemonSet] = readManifestText(text, 'ds.yaml', { objectKinds: new Set(['DaemonSet']) }).resources;
    expect(daemonSet.object?.metadata).toEqual({ name: 'dranet', labels: { app: 'dranet-2', tier: 'node' } });
  });

  it('judges no object whose name or namespace is written twice: which one kubectl applies is then unclear', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  "name": b\n';
    expect(summary(text, 's.yaml')).toEqual({
      resources: [],
      findings: [
        'input-invalid 5:3 s.yaml:5:3: invalid YAML: the key "name" is written twice in one mapping, which YAML forbids; kubectl and helm keep the last value and drop the earlier one without a word, kustomize rejects the file; keep one of them',
      ],
    });
  });

  it('ignores YAML that is not a Kubernetes object', () => {
    const workflow = 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n    - run: npm test\n';
    const compose = "version: '3.8'\nservices:\n  db:\n    image: postgres:16\n";
    expect(summary(workflow)).toEqual({ resources: [], findings: [] });
    expect(summary(compose)).toEqual({ resources: [], findings: [] });
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    const started = Date.now();
    const result = summary(bomb.join('\n') + '\n');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.resources).toEqual([]);
    expect(result.findings).toEqual([
      'input-invalid 1:1 m.yaml:1:1: invalid YAML: the document expands too many aliases (more than 100); refusing a possible alias bomb; fix the syntax (kubectl would reject this file too)',
    ]);
  });

  it('reports absurd nesting instead of overflowing the stack', () => {
    const deep = 'apiVersion: v1\nkind: ConfigMap\ndata: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n';
    const result = summary(deep, 'm.yaml', { objectKinds: new Set(['ConfigMap']) });
    expect(result.resources).toEqual([]);
    expect(result.findings).toEqual([
      expect.stringMatching(/^input-invalid 3:\d+ m\.yaml:3:\d+: invalid YAML: the document nests too deeply to parse; fix the syntax/),
    ]);
  });

  it('reads JSON objects and JSON lists', () => {
    expect(summary('{\n  "apiVersion": "batch/v1beta1",\n  "kind": "CronJob",\n  "metadata": {"name": "nightly", "namespace": "ops"}\n}\n', 'c.json').resources).toEqual([
      'batch/v1beta1 CronJob ops/nightly @1:1',
    ]);
    const list = '{"apiVersion": "v1", "kind": "List", "items": [\n  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}},\n  {"apiVersion": "policy/v1beta1", "kind": "PodSecurityPolicy", "metadata": {"name": "b"}}\n]}\n';
    expect(summary(list, 'l.json').resources).toEqual(['v1 Service -/a @2:3', 'policy/v1beta1 PodSecurityPolicy -/b @3:3']);
  });

  it('reports invalid JSON at its line', () => {
    expect(summary('{\n  "apiVersion": "v1",\n  "kind": "Service",,\n}\n', 'bad.json').findings).toEqual([
      'input-invalid 3:21 bad.json:3:21: invalid JSON: Expected double-quoted property name; fix the syntax',
    ]);
  });

  it('suggests rendering a YAML document with {{ }} actions that does not parse', () => {
    expect(summary('apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Name }}-svc\n', 'svc.yaml').findings).toEqual([
      'input-invalid 4:20 svc.yaml:4:20: invalid YAML: Unexpected scalar at node end; fix the syntax (kubectl would reject this file too); if this file is a template with {{ }} placeholders, render it and scan the output',
    ]);
  });

  // As istio/istio's manifests/zzz_profile.yaml and its envoy bootstrap templates (2026-12).
  it('calls a file that opens with {{ a Go template, and suggests rendering a JSON file with {{ in it', () => {
    expect(summary('{{/* values in order of precedence */}}\n{{- $x := .Values }}\napiVersion: v1\n', 'profile.yaml').findings).toEqual([
      'input-invalid 1:2 profile.yaml:1:2: a Go template ({{ }} actions), not JSON or YAML yet: render it with what fills it (helm template, say) and scan the output, or exclude it with --exclude',
    ]);
    expect(summary('{\n  "kind": "ConfigMap",\n  "data": {\n    "id": {{ .ID }}\n  }\n}\n', 'bootstrap.json').findings).toEqual([
      "input-invalid 4:12 bootstrap.json:4:12: invalid JSON: Expected property name or '}'; fix the syntax, or, if this file is a template with {{ }} placeholders, render it and scan the output",
    ]);
  });

  // As onedr0p/home-ops's .vscode/settings.json and istio/istio's envoy bootstrap templates (2026-12).
  it('passes over a JSON file that does not parse and names no apiVersion or kind, as it passes over a valid one', () => {
    expect(summary('{\n  // editor settings\n  "files.associations": {"*.json5": "jsonc"},\n}\n', 'settings.json')).toEqual({ resources: [], findings: [] });
    expect(summary('{\n  "node": {\n    "id": {{ .ID }}\n  }\n}\n', 'bootstrap.json')).toEqual({ resources: [], findings: [] });
    expect(summary('{\n  "apiVersion": "v1", // a Service\n  "kind": "Service"\n}\n', 'svc.json').findings).toEqual([
      'input-invalid 2:23 svc.json:2:23: invalid JSON: Expected double-quoted property name; fix the syntax',
    ]);
  });
});
