// Round trips on real files: parse, migrate, print, and compare byte for byte with the
// expected file; then the error paths, where the text must come back untouched.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load.js';
import { resolveContext } from '../run-check.js';
import { fixManifestText, type TextReadings } from './fix-manifest.js';

const knowledge = loadKnowledge();
// Targets before the calendar's first version (1.20) need a calendar row for them, as `--data` adds one.
const withOldVersion = { ...knowledge, eks: { ...knowledge.eks, versions: [{ ...knowledge.eks.versions[0]!, version: '1.20' }, ...knowledge.eks.versions] } };
const at = (target: string) => resolveContext({ target }, withOldVersion);
const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

describe('round trips', () => {
  it.each([
    ['deployment.in.yaml', 'deployment.out.yaml', ['apps/v1', 'apps/v1']],
    ['ingress.in.yaml', 'ingress.out.yaml', ['networking.k8s.io/v1']],
    ['hpa.in.yaml', 'hpa.out.yaml', ['autoscaling/v2']],
    ['list.in.json', 'list.out.json', ['batch/v1', 'policy/v1']],
    ['misc.in.yaml', 'misc.out.yaml', ['admissionregistration.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1', 'apiextensions.k8s.io/v1']],
  ])('%s becomes %s, and a second run changes nothing', (input, output, targets) => {
    const first = fixManifestText(fixture(input), input, at('1.30'));
    expect(first.text).toBe(fixture(output));
    expect(first.changes.map((change) => change.to)).toEqual(targets);
    expect(first.manual).toEqual([]);
    const second = fixManifestText(first.text, input, at('1.30'));
    expect(second).toEqual({ text: first.text, changes: [], manual: [], problems: [] });
  });

  it.each([
    ['deployment.in.yaml', 2, 2],
    ['ingress.in.yaml', 1, 1],
    ['hpa.in.yaml', 1, 1],
    ['list.in.json', 1, undefined],
    ['misc.in.yaml', 4, 4],
  ])('fixes %s for each of several targets as it does for each alone, its %i documents parsed and its index of %s made once', (input, parses, indexed) => {
    const readings: TextReadings = { parsed: new Map() };
    const targets = ['1.16', '1.22', '1.26', '1.30'];
    const shared = targets.map((target) => fixManifestText(fixture(input), input, at(target), readings));
    expect(shared).toEqual(targets.map((target) => fixManifestText(fixture(input), input, at(target))));
    expect([readings.parsed.size, readings.index?.length]).toEqual([parses, indexed]);
  });

  it('reports where each change is, and why fields were added', () => {
    const fixed = fixManifestText(fixture('deployment.in.yaml'), 'deployment.in.yaml', at('1.30'));
    expect(fixed.changes).toEqual([
      {
        path: 'deployment.in.yaml', line: 2, kind: 'Deployment', namespace: 'shop', name: 'web', from: 'extensions/v1beta1', to: 'apps/v1', family: 'apps-workloads', severity: 'error',
        notes: [
          'spec.selector taken from the pod template labels (what the old API defaulted it to; immutable in apps/v1)',
          'spec.rollbackTo removed: apps/v1 has no such field',
        ],
      },
      {
        path: 'deployment.in.yaml', line: 22, kind: 'DaemonSet', name: 'agent', from: 'extensions/v1beta1', to: 'apps/v1', family: 'apps-workloads', severity: 'error',
        notes: ['spec.updateStrategy.type: OnDelete made explicit (the extensions/v1beta1 default; apps/v1 defaults to RollingUpdate)'],
      },
    ]);
  });

  it('leaves objects alone that the target still serves undeprecated', () => {
    const text = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: x\n';
    expect(fixManifestText(text, 'cron.yaml', at('1.20'))).toEqual({ text, changes: [], manual: [], problems: [] });
  });

  it('follows the replacement chain to the version the target serves', () => {
    const text = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta1\nkind: FlowSchema\nmetadata:\n  name: x\n';
    expect(fixManifestText(text, 'fs.yaml', at('1.27')).text).toBe(text.replace('v1beta1', 'v1beta2'));
    expect(fixManifestText(text, 'fs.yaml', at('1.29')).text).toBe(text.replace('v1beta1', 'v1'));
  });
});

describe('what is left for a person', () => {
  it.each([
    [
      'a PDB whose empty selector changes meaning',
      'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: all\nspec:\n  minAvailable: 1\n  selector: {}\n',
      'spec.selector is {}: in policy/v1beta1 it selects no pods, in policy/v1 every pod in the namespace; set matchLabels for the pods it should protect, or delete the PDB',
    ],
    [
      'a webhook whose side effects only its author knows',
      'apiVersion: admissionregistration.k8s.io/v1beta1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: policy\nwebhooks:\n- name: a.example.com\n  clientConfig:\n    url: https://a.example.com\n',
      "webhook a.example.com: sideEffects is unset (Unknown); v1 accepts only None or NoneOnDryRun, and only the webhook's author knows which is true — set it, then run fix again",
    ],
    [
      'an Ingress port that is a quoted number',
      'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: "8080"\n',
      'servicePort "8080" of service web is neither a number nor a port name; choose port.number or port.name by hand',
    ],
    [
      'a workload without template labels to take a selector from',
      'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: bare\nspec:\n  template:\n    spec:\n      containers: []\n',
      'apps/v1 requires spec.selector and the pod template has no labels to take it from; add template labels and a matching selector',
    ],
    [
      'an edit through an alias',
      'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: shared\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /a\n        backend: &web\n          serviceName: web\n          servicePort: 80\n      - path: /b\n        backend: *web\n',
      'the change to networking.k8s.io/v1 could not be written without disturbing the file (spec.rules[0].http.paths[1].backend is not a mapping); make it by hand',
    ],
    [
      'a structural change inside a JSON file',
      '{"apiVersion": "policy/v1beta1", "kind": "PodSecurityPolicy", "metadata": {"name": "p"}}\n',
      'PodSecurityPolicy has no replacement API: label the namespaces it protected with pod-security.kubernetes.io/enforce (privileged, baseline or restricted), then delete this object and the RBAC rules that grant "use" on it',
    ],
    [
      'a JSON Ingress whose backends change shape',
      '{"apiVersion": "extensions/v1beta1", "kind": "Ingress", "metadata": {"name": "j"}, "spec": {"backend": {"serviceName": "j", "servicePort": 80}}}\n',
      'the change to networking.k8s.io/v1 could not be written without disturbing the file (spec.defaultBackend is a flow mapping ({...}); edit it by hand); make it by hand',
    ],
  ])('%s', (_label, text, reason) => {
    const fixed = fixManifestText(text, 'x.yaml', at('1.30'));
    expect(fixed.text).toBe(text);
    expect(fixed.changes).toEqual([]);
    expect(fixed.manual.map((item) => [item.severity, item.reason])).toEqual([['error', reason]]);
  });

  it('reads past the index only a file with something to change: documents beyond it that need nothing are parsed only then', () => {
    // (a flow mapping over several lines is beyond the index; this one is never closed)
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: a\nspec: {group: x,\n';
    const alone = fixManifestText(crd, 'crd.yaml', at('1.30'));
    expect([alone.text, alone.changes, alone.problems]).toEqual([crd, [], []]);
    const withCronJob = fixManifestText(`apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: ok\n---\n${crd}`, 'both.yaml', at('1.30'));
    expect([withCronJob.changes, withCronJob.problems.map((problem) => problem.message.split(': ')[0])]).toEqual([[], ['both.yaml:11:1']]);
  });

  it('reads a JSON file with YAML only when an object in it is to be migrated', () => {
    // A key written twice is valid JSON but not valid YAML: what the YAML parser would say shows whether it read the file.
    const configMap = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "1", "k": "2"}}\n';
    const untouched = fixManifestText(configMap, 'cm.json', at('1.30'));
    expect([untouched.text, untouched.changes, untouched.problems]).toEqual([configMap, [], []]);
    const cronJob = configMap.replace('"v1", "kind": "ConfigMap"', '"batch/v1beta1", "kind": "CronJob"');
    const read = fixManifestText(cronJob, 'cron.json', at('1.30'));
    expect([read.text, read.changes, read.problems.length]).toEqual([cronJob, [], 1]);
  });

  it('never touches a file with a document that does not parse, and says where', () => {
    const text = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  labels: {a: 1\n';
    const fixed = fixManifestText(text, 'broken.yaml', at('1.30'));
    expect(fixed.text).toBe(text);
    expect(fixed.changes).toEqual([]);
    expect(fixed.problems.map((problem) => problem.message)).toEqual([
      'broken.yaml:11:1: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }; the file was not changed — fix the syntax and run fix again',
    ]);
  });
});
