// A deterministic chart for the render benchmark: 40 templates in the idioms real charts
// use (helpers, include | nindent, toYaml, range, capability checks) and 20 environments'
// values files; plus the same chart's output, rendered once, as plain YAML for the baseline.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChartDirectory } from '../dist/sources/helm/chart.js';
import { renderChart } from '../dist/sources/helm/render.js';
import { capabilitiesFor } from '../dist/sources/helm/capabilities.js';
import { findEnvironments } from '../dist/sources/helm/values.js';
import { loadKnowledge } from '../dist/knowledge/load.js';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';

const HELPERS = `{{- define "bench.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "bench.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
team: {{ required "team is required" .Values.team | quote }}
{{- end }}
`;

function template(index) {
  return `{{- if .Values.component${index % 10}.enabled }}
{{- if semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}
apiVersion: networking.k8s.io/v1
{{- else }}
apiVersion: networking.k8s.io/v1beta1
{{- end }}
kind: Ingress
metadata:
  name: {{ include "bench.fullname" . }}-${index}
  labels:
    {{- include "bench.labels" . | nindent 4 }}
  annotations:
    {{- toYaml .Values.annotations | nindent 4 }}
spec:
  rules:
    {{- range .Values.hosts }}
    - host: {{ . | quote }}
    {{- end }}
---
apiVersion: {{ if .Capabilities.APIVersions.Has "policy/v1" }}policy/v1{{ else }}policy/v1beta1{{ end }}
kind: PodDisruptionBudget
metadata:
  name: {{ include "bench.fullname" . }}-${index}
spec:
  minAvailable: {{ .Values.minAvailable | default 1 }}
---
apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: {{ include "bench.fullname" . }}-${index}
spec:
  schedule: {{ .Values.schedule | quote }}
{{- end }}
`;
}

export function generateChart(root) {
  rmSync(root, { recursive: true, force: true });
  const chart = join(root, 'chart');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: bench\nversion: 1.0.0\n');
  const components = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`component${i}`, { enabled: true }]));
  writeFileSync(join(chart, 'values.yaml'), JSON.stringify({ team: 'platform', schedule: '*/5 * * * *', annotations: { 'acme.io/owner': 'platform' }, hosts: ['a.example.com', 'b.example.com'], ...components }, null, 2));
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), HELPERS);
  for (let i = 0; i < 40; i++) writeFileSync(join(chart, 'templates', `t${String(i).padStart(2, '0')}.yaml`), template(i));
  for (let e = 0; e < 20; e++) writeFileSync(join(chart, `values-env${String(e).padStart(2, '0')}.yaml`), `minAvailable: ${1 + (e % 3)}\nhosts: [env${e}.example.com]\n`);

  const rendered = join(root, 'rendered');
  mkdirSync(rendered);
  const loaded = loadChartDirectory(chart, root);
  const capabilities = capabilitiesFor(loadKnowledge(), '1.33');
  for (const env of findEnvironments(chart)) {
    const values = parse(readFileSync(env.file, 'utf8'));
    const result = renderChart(loaded, values, capabilities, { name: 'release-name', namespace: 'default' });
    writeFileSync(join(rendered, `${env.name}.yaml`), result.templates.map((t) => t.text).join('\n---\n'));
  }
  return { chart, rendered, renders: 20 * 40 };
}
