// A small cluster whose objects were written the way real ones are — kubectl client-side
// apply, server-side apply over a stale last-applied annotation, Helm, controllers — together
// with the manifests the team holds for them, so a live scan can be compared with a file scan.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import type { ServedType } from './kube-api-server.js';

/** What a Kubernetes 1.21 API server serves (the part the estate uses), preferred version first. */
export const SERVED_1_21: ServedType[] = [
  { group: '', versions: ['v1'], resource: 'nodes', kind: 'Node', namespaced: false },
  { group: '', versions: ['v1'], resource: 'pods', kind: 'Pod', namespaced: true },
  { group: '', versions: ['v1'], resource: 'services', kind: 'Service', namespaced: true },
  { group: '', versions: ['v1'], resource: 'secrets', kind: 'Secret', namespaced: true },
  { group: '', versions: ['v1'], resource: 'events', kind: 'Event', namespaced: true },
  { group: 'apps', versions: ['v1'], resource: 'deployments', kind: 'Deployment', namespaced: true },
  { group: 'apps', versions: ['v1'], resource: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  { group: 'apps', versions: ['v1'], resource: 'daemonsets', kind: 'DaemonSet', namespaced: true },
  { group: 'apps', versions: ['v1'], resource: 'replicasets', kind: 'ReplicaSet', namespaced: true },
  { group: 'batch', versions: ['v1'], resource: 'jobs', kind: 'Job', namespaced: true },
  { group: 'batch', versions: ['v1', 'v1beta1'], resource: 'cronjobs', kind: 'CronJob', namespaced: true },
  { group: 'policy', versions: ['v1', 'v1beta1'], resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true },
  { group: 'policy', versions: ['v1beta1'], resource: 'podsecuritypolicies', kind: 'PodSecurityPolicy', namespaced: false },
  { group: 'autoscaling', versions: ['v1', 'v2beta1', 'v2beta2'], resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true },
  { group: 'networking.k8s.io', versions: ['v1', 'v1beta1'], resource: 'ingresses', kind: 'Ingress', namespaced: true },
  { group: 'extensions', versions: ['v1beta1'], resource: 'ingresses', kind: 'Ingress', namespaced: true },
  { group: 'rbac.authorization.k8s.io', versions: ['v1', 'v1beta1'], resource: 'roles', kind: 'Role', namespaced: true },
  { group: 'apiextensions.k8s.io', versions: ['v1'], resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false },
  { group: 'admissionregistration.k8s.io', versions: ['v1'], resource: 'validatingwebhookconfigurations', kind: 'ValidatingWebhookConfiguration', namespaced: false },
  { group: 'events.k8s.io', versions: ['v1'], resource: 'events', kind: 'Event', namespaced: true },
];

export interface Write {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  /** kubectl client-side apply: also records the last-applied-configuration annotation. */
  lastApplied?: boolean;
}

const csa = (apiVersion: string, time: string): Write => ({ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion, time, lastApplied: true });

let uid = 0;

/** The object as the server stores it after these writes. */
export function stored(manifest: string, writes: Write[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const object = parse(manifest) as Record<string, unknown> & { metadata: Record<string, unknown> };
  const metadata: Record<string, unknown> = { ...object.metadata, uid: `uid-${++uid}`, creationTimestamp: writes[0]?.time ?? '2020-01-01T00:00:00Z' };
  const applied = writes.filter((write) => write.lastApplied).at(-1);
  if (applied) {
    metadata.annotations = {
      ...(metadata.annotations as object | undefined),
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ ...object, apiVersion: applied.apiVersion }),
    };
  }
  const managed = writes.filter((write) => write.time >= '2020-03-25');
  if (managed.length > 0) {
    metadata.managedFields = managed.map(({ lastApplied: _lastApplied, ...entry }) => ({ ...entry, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }));
  }
  return { ...object, ...extra, metadata };
}

/** A Helm 3 storage secret: data.release = base64(base64(gzip(JSON release))). */
export function helmSecret(release: { name: string; namespace: string; revision: number; status: string; chart: string; version: string; manifest: string }): Record<string, unknown> {
  const body = { name: release.name, namespace: release.namespace, version: release.revision, info: { status: release.status }, chart: { metadata: { name: release.chart, version: release.version } }, manifest: release.manifest };
  const helmEncoded = gzipSync(Buffer.from(JSON.stringify(body))).toString('base64');
  return secret(release.namespace, `sh.helm.release.v1.${release.name}.v${release.revision}`, { name: release.name, owner: 'helm', status: release.status, version: String(release.revision) }, Buffer.from(helmEncoded).toString('base64'));
}

export function secret(namespace: string, name: string, labels: Record<string, string>, release: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Secret', type: 'helm.sh/release.v1', metadata: { namespace, name, labels, uid: `uid-${++uid}` }, data: { release } };
}

const MANIFESTS = {
  ingressWeb: `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec: { backend: { serviceName: web, servicePort: 80 } }
`,
  ingressApi: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: shop
spec: { defaultBackend: { service: { name: api, port: { number: 80 } } } }
`,
  hpa: `apiVersion: autoscaling/v2beta2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec: { minReplicas: 2, maxReplicas: 5, scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web } }
`,
  deployment: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec: { replicas: 2, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: web, image: web:1 } ] } } }
`,
  pdb: `apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec: { minAvailable: 1, selector: { matchLabels: { app: web } } }
`,
  psp: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: restricted
spec: { privileged: false, seLinux: { rule: RunAsAny }, runAsUser: { rule: MustRunAsNonRoot }, supplementalGroups: { rule: RunAsAny }, fsGroup: { rule: RunAsAny } }
`,
  role: `apiVersion: rbac.authorization.k8s.io/v1beta1
kind: Role
metadata:
  name: reader
  namespace: shop
rules: [ { apiGroups: [""], resources: [pods], verbs: [get] } ]
`,
};

// The chart's rendered manifest as Helm stores it: namespaced objects carry no namespace.
const REPORTS_CHART = `---
# Source: reports/templates/cronjob.yaml
apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: reports
spec:
  schedule: "0 3 * * *"
  jobTemplate: { spec: { template: { spec: { restartPolicy: OnFailure, containers: [ { name: r, image: reports:1 } ] } } } }
---
# Source: reports/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: reports
spec: { ports: [ { port: 80 } ] }
`;

const OLD_REPORTS_CHART = `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: reports
spec: { backend: { serviceName: reports, servicePort: 80 } }
`;

export interface Estate {
  /** A directory holding the team's manifests, as `upshift check` reads them. */
  directory: string;
  objects: Record<string, unknown>[];
  metrics: string;
}

export function buildEstate(): Estate {
  const directory = mkdtempSync(join(tmpdir(), 'upshift-estate-'));
  for (const [name, text] of Object.entries(MANIFESTS)) writeFileSync(join(directory, `${name}.yaml`), text);
  writeFileSync(join(directory, 'reports-chart.yaml'), REPORTS_CHART.replace(/name: reports\n/g, 'name: reports\n  namespace: shop\n'));
  const helmWrite: Write[] = [{ manager: 'helm', operation: 'Update', apiVersion: 'batch/v1beta1', time: '2023-02-01T00:00:00Z' }];
  const objects = [
    stored(MANIFESTS.ingressWeb, [csa('extensions/v1beta1', '2020-05-01T00:00:00Z')]),
    // Applied client-side long ago, then moved to server-side apply: the annotation is stale.
    stored(MANIFESTS.ingressApi, [csa('extensions/v1beta1', '2020-04-01T00:00:00Z'), { manager: 'kubectl', operation: 'Apply', apiVersion: 'networking.k8s.io/v1', time: '2024-03-01T00:00:00Z' }]),
    stored(MANIFESTS.hpa, [csa('autoscaling/v2beta2', '2022-01-01T00:00:00Z'), { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'autoscaling/v1', time: '2024-06-01T00:00:00Z', subresource: 'status' }]),
    stored(MANIFESTS.deployment, [csa('apps/v1', '2021-01-01T00:00:00Z'), { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', time: '2024-06-01T00:00:00Z' }]),
    stored(MANIFESTS.pdb, [csa('policy/v1beta1', '2021-01-01T00:00:00Z')]),
    stored(MANIFESTS.psp, [{ manager: 'kubectl-create', operation: 'Update', apiVersion: 'policy/v1beta1', time: '2020-06-01T00:00:00Z' }]),
    // Written before managedFields existed (1.18): only the annotation tells.
    stored(MANIFESTS.role, [{ ...csa('rbac.authorization.k8s.io/v1beta1', '2019-06-01T00:00:00Z') }]),
    stored(REPORTS_CHART.split('---')[1].replace('name: reports', 'name: reports\n  namespace: shop'), helmWrite),
    stored(REPORTS_CHART.split('---')[2].replace('name: reports', 'name: reports\n  namespace: shop'), [{ ...helmWrite[0], apiVersion: 'v1' }]),
    // What the controllers made from those templates, as they store it: the Deployment's
    // ReplicaSet and its Pods, the CronJob's Job and its Pod, each naming its controller.
    ...controllerMade(),
    // What people wrote without a controller: a one-off Job and a debugging Pod.
    stored('apiVersion: batch/v1\nkind: Job\nmetadata: { name: migrate, namespace: shop }\nspec: { template: { spec: { restartPolicy: Never, containers: [ { name: migrate, image: web:1 } ] } } }\n', [csa('batch/v1', '2024-05-01T00:00:00Z')]),
    stored('apiVersion: v1\nkind: Pod\nmetadata: { name: debug, namespace: shop }\nspec: { containers: [ { name: shell, image: busybox:1.36 } ] }\n', [csa('v1', '2024-05-02T00:00:00Z')]),
    helmSecret({ name: 'reports', namespace: 'shop', revision: 1, status: 'superseded', chart: 'reports', version: '1.1.0', manifest: OLD_REPORTS_CHART }),
    helmSecret({ name: 'reports', namespace: 'shop', revision: 2, status: 'deployed', chart: 'reports', version: '1.2.0', manifest: REPORTS_CHART }),
    node('ip-10-0-1-1', 'general', 'v1.21.5-eks-1', 'us-east-1a'),
    node('ip-10-0-1-2', 'general', 'v1.21.5-eks-1', 'us-east-1b'),
    node('ip-10-0-2-1', 'legacy', 'v1.20.7-eks-1', 'us-east-1a'),
  ];
  const metrics = [
    '# HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested, broken out by API group, version, resource, subresource, and removed_release.',
    '# TYPE apiserver_requested_deprecated_apis gauge',
    'apiserver_requested_deprecated_apis{group="extensions",removed_release="1.22",resource="ingresses",subresource="",version="v1beta1"} 1',
    'apiserver_request_total{code="200",verb="LIST"} 12',
    '',
  ].join('\n');
  return { directory, objects, metrics };
}

/** The ReplicaSet and Pods of Deployment shop/web and the Job and Pod of CronJob shop/reports, with ownerReferences as controllers write them. */
function controllerMade(): Record<string, unknown>[] {
  const controllerWrite: Write[] = [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2024-06-01T00:00:00Z' }];
  const owner = (apiVersion: string, kind: string, name: string) => ({ ownerReferences: [{ apiVersion, kind, name, uid: `uid-owner-${name}`, controller: true, blockOwnerDeletion: true }] });
  const withOwner = (manifest: string, reference: ReturnType<typeof owner>, writes: Write[]) => {
    const object = stored(manifest, writes) as { metadata: Record<string, unknown> };
    return { ...object, metadata: { ...object.metadata, ...reference } };
  };
  const webPod = (name: string) =>
    withOwner(`apiVersion: v1\nkind: Pod\nmetadata: { name: ${name}, namespace: shop, labels: { app: web, pod-template-hash: 5d4 } }\nspec: { nodeName: ip-10-0-1-1, containers: [ { name: web, image: web:1 } ] }\n`, owner('apps/v1', 'ReplicaSet', 'web-5d4'), controllerWrite);
  return [
    withOwner('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: { name: web-5d4, namespace: shop, labels: { app: web, pod-template-hash: 5d4 } }\nspec: { replicas: 2, selector: { matchLabels: { app: web, pod-template-hash: 5d4 } }, template: { metadata: { labels: { app: web, pod-template-hash: 5d4 } }, spec: { containers: [ { name: web, image: web:1 } ] } } }\n', owner('apps/v1', 'Deployment', 'web'), [{ ...controllerWrite[0], apiVersion: 'apps/v1' }]),
    webPod('web-5d4-x7k2p'),
    webPod('web-5d4-q9m4z'),
    withOwner('apiVersion: batch/v1\nkind: Job\nmetadata: { name: reports-28400000, namespace: shop }\nspec: { template: { spec: { restartPolicy: OnFailure, containers: [ { name: r, image: reports:1 } ] } } }\n', owner('batch/v1', 'CronJob', 'reports'), [{ ...controllerWrite[0], apiVersion: 'batch/v1' }]),
    withOwner('apiVersion: v1\nkind: Pod\nmetadata: { name: reports-28400000-abcde, namespace: shop, labels: { job-name: reports-28400000 } }\nspec: { nodeName: ip-10-0-1-2, restartPolicy: OnFailure, containers: [ { name: r, image: reports:1 } ] }\n', owner('batch/v1', 'Job', 'reports-28400000'), controllerWrite),
  ];
}

export function node(name: string, group: string, kubelet: string, zone: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${++uid}`, labels: { 'eks.amazonaws.com/nodegroup': group, 'topology.kubernetes.io/zone': zone, 'kubernetes.io/arch': 'amd64' } },
    status: { nodeInfo: { kubeletVersion: kubelet, kubeProxyVersion: kubelet, osImage: 'Amazon Linux 2', containerRuntimeVersion: 'containerd://1.6.6' } },
  };
}
