// Typed kubernetes_* resources as the objects the provider writes: names, lists, maps kept as
// written, provider-only arguments left out, and values known only at apply time marked.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expandPaths } from '../files.js';
import { readTerraform } from './index.js';
import { UNKNOWN_VALUE } from '../../core/fields.js';
import { typedObject } from './kubernetes-object.js';
import { hclParser, parseHcl } from './parse.js';
import { environmentScope } from './variables.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const DIR = 'test/fixtures/terraform/typed';

async function objects() {
  const { terraform } = expandPaths([DIR], { cwd: ROOT });
  const contents = await readTerraform(terraform, { cwd: ROOT, objectKinds: new Set(['*']) });
  return Object.fromEntries(contents.resources.map((resource) => [`${resource.kind}/${resource.name}`, resource.object]));
}

describe('typedObject', () => {
  it('writes a kubernetes_deployment_v1 as the apps/v1 Deployment it creates', async () => {
    expect((await objects())['Deployment/api']).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'api' } },
      spec: {
        replicas: 1,
        minReadySeconds: 10,
        revisionHistoryLimit: 5,
        selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'api' } },
          spec: {
            terminationGracePeriodSeconds: 30,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'api',
                image: 'acme/api:1.4.2',
                ports: [{ containerPort: 8080 }],
                resources: { limits: { memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
              },
            ],
            volumes: [{ name: 'source', gitRepo: { repository: 'https://github.com/acme/api-config.git', revision: 'main' } }],
          },
        },
      },
    });
  });

  it('keeps the provider string budget and writes Service external_ips as externalIPs', async () => {
    const found = await objects();
    expect(found['PodDisruptionBudget/api']).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'api', namespace: 'shop' },
      spec: { maxUnavailable: '0', selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } },
    });
    expect(found['Service/api']).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'api', namespace: 'shop' },
      spec: { selector: { 'app.kubernetes.io/name': 'api' }, externalIPs: ['203.0.113.10'], ports: [{ port: 80, targetPort: 8080 }] },
    });
  });

  it('marks values known only at apply time and dynamic blocks, and leaves out wait_for_rollout', async () => {
    const worker = (await objects())['StatefulSet/worker'] as { spec: Record<string, unknown> & { template: { spec: Record<string, unknown> } } };
    expect(Object.keys(worker)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(worker.spec.replicas).toBe(UNKNOWN_VALUE);
    expect((await objects())['Service/worker']?.spec).toEqual({ selector: { app: 'worker' }, externalIPs: UNKNOWN_VALUE, ports: [{ port: 9090 }] });
    expect(worker.spec.template.spec).toEqual({
      containers: [
        {
          name: 'worker',
          image: UNKNOWN_VALUE,
          readinessProbe: { httpGet: { path: '/ready', port: 9090 } },
          livenessProbe: { tcpSocket: { port: 9090 } },
          ports: [{ containerPort: 9090 }],
        },
      ],
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'worker' } } },
      ],
      tolerations: UNKNOWN_VALUE,
    });
  });

  it('tells apart a required affinity term that is one object (node) from one that is a list (pods)', async () => {
    const parsed = parseHcl(
      await hclParser(),
      `resource "kubernetes_pod_v1" "p" {
  spec {
    affinity {
      node_affinity {
        required_during_scheduling_ignored_during_execution {
          node_selector_term {
            match_expressions {
              key      = "eks.amazonaws.com/nodegroup"
              operator = "In"
              values   = ["general"]
            }
          }
        }
      }
      pod_anti_affinity {
        required_during_scheduling_ignored_during_execution {
          topology_key = "kubernetes.io/hostname"
          label_selector {
            match_labels = { app = "p" }
          }
        }
      }
    }
  }
}
`,
    );
    if (!parsed.ok) throw new Error(parsed.message);
    const files = [{ path: 'main.tf', body: parsed.body }];
    expect(typedObject('v1', 'Pod', parsed.body.blocks[0].body, environmentScope(files, undefined, undefined)).spec).toEqual({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'eks.amazonaws.com/nodegroup', operator: 'In', values: ['general'] }] }],
          },
        },
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'p' } } }],
        },
      },
    });
  });
});
