// A deterministic large cluster for the cluster bench: 2,000 nodes, 18,000 pods, 3,000
// workloads and 400 Helm releases, as a 1.28 API server would store them (managedFields included).
import { gzipSync } from 'node:zlib';

export const SERVED_1_28 = [
  ['', ['v1'], 'nodes', 'Node', false],
  ['', ['v1'], 'pods', 'Pod', true],
  ['', ['v1'], 'services', 'Service', true],
  ['', ['v1'], 'secrets', 'Secret', true],
  ['apps', ['v1'], 'deployments', 'Deployment', true],
  ['apps', ['v1'], 'statefulsets', 'StatefulSet', true],
  ['apps', ['v1'], 'daemonsets', 'DaemonSet', true],
  ['batch', ['v1'], 'jobs', 'Job', true],
  ['batch', ['v1'], 'cronjobs', 'CronJob', true],
  ['policy', ['v1'], 'poddisruptionbudgets', 'PodDisruptionBudget', true],
  ['autoscaling', ['v2', 'v1'], 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true],
  ['networking.k8s.io', ['v1'], 'ingresses', 'Ingress', true],
  ['apiextensions.k8s.io', ['v1'], 'customresourcedefinitions', 'CustomResourceDefinition', false],
  ['admissionregistration.k8s.io', ['v1'], 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false],
  ['admissionregistration.k8s.io', ['v1'], 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false],
].map(([group, versions, resource, kind, namespaced]) => ({ group, versions, resource, kind, namespaced }));

/** The resource types `kubectl get` lists for the same scan (Helm secrets separately, by selector). */
export const KUBECTL_TYPES = SERVED_1_28.filter((type) => type.resource !== 'secrets').map((type) => (type.group ? `${type.resource}.${type.group}` : type.resource));

let uid = 0;

function managed(manager, apiVersion, time, subresource) {
  return { manager, operation: 'Update', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:replicas': {}, 'f:template': { 'f:spec': { 'f:containers': {} } } } }, ...(subresource ? { subresource } : {}) };
}

function meta(name, namespace, extra = {}) {
  return { name, ...(namespace ? { namespace } : {}), uid: `uid-${++uid}`, resourceVersion: String(uid), creationTimestamp: '2024-01-01T00:00:00Z', labels: { app: name, team: `team-${uid % 40}` }, ...extra };
}

const container = (name) => ({ name, image: `registry.example/${name}:1.${uid % 9}`, ports: [{ containerPort: 8080 }], resources: { requests: { cpu: '100m', memory: '128Mi' } }, readinessProbe: { httpGet: { path: '/ready', port: 8080 } } });

export function generateCluster({ nodes = 2000, pods = 18000, workloads = 3000, releases = 400 } = {}) {
  const objects = [];
  for (let i = 0; i < nodes; i++) {
    objects.push({
      kind: 'Node',
      metadata: meta(`ip-10-${i >> 8}-${i & 255}-1.ec2.internal`, undefined, { labels: { 'eks.amazonaws.com/nodegroup': `ng-${i % 8}`, 'topology.kubernetes.io/zone': `us-east-1${'abc'[i % 3]}`, 'kubernetes.io/arch': 'amd64' } }),
      spec: { providerID: `aws:///us-east-1a/i-${i.toString(16).padStart(17, '0')}` },
      status: { nodeInfo: { kubeletVersion: 'v1.28.5-eks-5e0fdde', kubeProxyVersion: 'v1.28.5-eks-5e0fdde', osImage: i % 4 === 0 ? 'Amazon Linux 2' : 'Amazon Linux 2023.5.20240701', containerRuntimeVersion: 'containerd://1.7.11' }, conditions: [{ type: 'Ready', status: 'True' }], capacity: { cpu: '8', memory: '32Gi', pods: '110' } },
    });
  }
  const kinds = ['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'];
  for (let i = 0; i < workloads; i++) {
    const kind = kinds[i % kinds.length];
    const namespace = `ns-${i % 60}`;
    const writer = kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
    objects.push({
      kind,
      metadata: meta(`app-${i}`, namespace, { managedFields: [managed('kubectl-client-side-apply', writer, '2024-02-01T00:00:00Z'), managed('kube-controller-manager', writer, '2024-06-01T00:00:00Z', 'status')] }),
      spec: kind === 'CronJob' ? { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { containers: [container(`app-${i}`)] } } } } } : { replicas: 3, selector: { matchLabels: { app: `app-${i}` } }, template: { metadata: { labels: { app: `app-${i}` } }, spec: { containers: [container(`app-${i}`)] } } },
    });
    if (i % 3 === 0) objects.push({ kind: 'Service', metadata: meta(`app-${i}`, namespace), spec: { selector: { app: `app-${i}` }, ports: [{ port: 80, targetPort: 8080 }] } });
    if (i % 5 === 0) objects.push({ kind: 'PodDisruptionBudget', metadata: meta(`app-${i}`, namespace, { managedFields: [managed('helm', 'policy/v1', '2024-02-01T00:00:00Z')] }), spec: { minAvailable: 1, selector: { matchLabels: { app: `app-${i}` } } } });
    // A tenth of the HPAs were written as autoscaling/v2beta2 before 1.26 and never re-applied.
    if (i % 10 === 0) objects.push({ kind: 'HorizontalPodAutoscaler', metadata: meta(`app-${i}`, namespace, { managedFields: [managed('kubectl-client-side-apply', i % 20 === 0 ? 'autoscaling/v2beta2' : 'autoscaling/v2', '2023-01-01T00:00:00Z')] }), spec: { minReplicas: 2, maxReplicas: 6 } });
  }
  for (let i = 0; i < pods; i++) {
    objects.push({
      kind: 'Pod',
      metadata: meta(`app-${i % workloads}-${i.toString(36)}`, `ns-${i % 60}`, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `app-${i % workloads}-5d4f`, uid: 'rs', controller: true }], managedFields: [managed('kube-controller-manager', 'v1', '2024-06-01T00:00:00Z'), managed('kubelet', 'v1', '2024-06-01T00:00:00Z', 'status')] }),
      spec: { nodeName: `ip-10-0-${i % 255}-1.ec2.internal`, containers: [container(`app-${i % workloads}`)], serviceAccountName: 'default' },
      status: { phase: 'Running', podIP: `10.1.${(i >> 8) & 255}.${i & 255}`, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  for (let i = 0; i < releases; i++) {
    const namespace = `ns-${i % 60}`;
    const manifest = [0, 1, 2, 3, 4].map((j) => `---\n# Source: chart-${i}/templates/t${j}.yaml\napiVersion: ${j === 4 && i % 8 === 0 ? 'policy/v1beta1' : 'apps/v1'}\nkind: ${j === 4 ? 'PodDisruptionBudget' : 'Deployment'}\nmetadata:\n  name: rel-${i}-${j}\n  labels:\n    app: rel-${i}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: rel-${i}-${j}\n  template:\n    spec:\n      containers:\n        - name: main\n          image: registry.example/rel-${i}:2.${j}\n`).join('');
    const body = { name: `rel-${i}`, namespace, version: 3, info: { status: 'deployed' }, chart: { metadata: { name: `chart-${i}`, version: '1.0.0' }, templates: [{ name: 'x', data: Buffer.alloc(4000, 'a').toString('base64') }] }, manifest };
    const data = Buffer.from(gzipSync(Buffer.from(JSON.stringify(body))).toString('base64')).toString('base64');
    for (const revision of [2, 3]) {
      objects.push({ kind: 'Secret', type: 'helm.sh/release.v1', metadata: meta(`sh.helm.release.v1.rel-${i}.v${revision}`, namespace, { labels: { name: `rel-${i}`, owner: 'helm', status: revision === 3 ? 'deployed' : 'superseded', version: String(revision) } }), data: { release: data } });
    }
  }
  return objects;
}
