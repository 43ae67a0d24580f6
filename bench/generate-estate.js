// Writes a deterministic synthetic estate of Kubernetes manifests for the benchmarks:
// services with Deployments, Services, ConfigMaps, Ingresses, HPAs and PDBs, a share of
// them on legacy APIs, plus noise files that are not Kubernetes objects.
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// A tiny linear congruential generator: the same estate on every machine and run.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function deployment(name, ns, rnd, legacy) {
  const env = Array.from({ length: 16 + Math.floor(rnd() * 40) }, (_, i) =>
    `        - name: SETTING_${i}\n          value: "${Math.floor(rnd() * 1e9)}"`).join('\n');
  return `# ${name}: the main ${ns} workload
apiVersion: ${legacy ? 'extensions/v1beta1' : 'apps/v1'}
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: ${ns}
spec:
  replicas: ${1 + Math.floor(rnd() * 5)}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        app.kubernetes.io/part-of: ${ns}
    spec:
      containers:
      - name: app
        image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/${ns}/${name}:1.${Math.floor(rnd() * 40)}.${Math.floor(rnd() * 9)}
        ports:
        - containerPort: 8080
          name: http
        resources:
          requests: { cpu: 100m, memory: 256Mi }
          limits: { memory: 512Mi }
        readinessProbe:
          httpGet: { path: /healthz, port: http }
          initialDelaySeconds: ${Math.floor(rnd() * 20)}
        env:
${env}
`;
}

function service(name, ns) {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
  - name: http
    port: 80
    targetPort: http
`;
}

function configMap(name, ns, rnd) {
  const lines = Array.from({ length: 60 + Math.floor(rnd() * 120) }, (_, i) =>
    `    key.${i} = ${Math.floor(rnd() * 1e12).toString(36)}`).join('\n');
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
data:
  application.properties: |
${lines}
`;
}

function ingress(name, ns, legacy) {
  return legacy
    ? `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
  annotations:
    kubernetes.io/ingress.class: alb
spec:
  rules:
  - host: ${name}.${ns}.example.com
    http:
      paths:
      - path: /
        backend:
          serviceName: ${name}
          servicePort: 80
`
    : `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  ingressClassName: alb
  rules:
  - host: ${name}.${ns}.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: ${name}
            port:
              number: 80
`;
}

function hpaAndPdb(name, ns, legacy) {
  return `apiVersion: ${legacy ? 'autoscaling/v2beta2' : 'autoscaling/v2'}
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${name} }
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: { type: Utilization, averageUtilization: 70 }
---
apiVersion: ${legacy ? 'policy/v1beta1' : 'policy/v1'}
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
`;
}

const NOISE = `name: ci
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
    - uses: actions/checkout@v4
    - run: npm test
`;

/** Writes `files` files into `dir` (skipped when the same estate is already there). */
export function generateEstate(dir, files, seed = 42) {
  const stamp = join(dir, '.estate.json');
  const wanted = JSON.stringify({ files, seed, format: 3 });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  const rnd = random(seed);
  for (let i = 0; i < files; i++) {
    const ns = `team-${i % 97}`;
    const name = `svc-${i}`;
    const folder = join(dir, ns, name);
    mkdirSync(folder, { recursive: true });
    const legacy = rnd() < 0.1;
    let text;
    switch (i % 5) {
      case 0: text = deployment(name, ns, rnd, legacy) + '---\n' + service(name, ns); break;
      case 1: text = configMap(name, ns, rnd) + '---\n' + configMap(`${name}-extra`, ns, rnd); break;
      case 2: text = ingress(name, ns, legacy) + '---\n' + deployment(`${name}-worker`, ns, rnd, false); break;
      case 3: text = hpaAndPdb(name, ns, legacy) + '---\n' + configMap(name, ns, rnd); break;
      default: text = i % 50 === 4 ? NOISE : deployment(name, ns, rnd, false) + '---\n' + configMap(name, ns, rnd);
    }
    writeFileSync(join(folder, i % 50 === 4 ? 'workflow.yml' : 'manifests.yaml'), text);
  }
  writeFileSync(stamp, wanted);
}
