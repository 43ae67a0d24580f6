// Writes a deterministic cluster snapshot for the simulate benchmark: nodes over three
// zones in a few node groups, pods of many workloads spread over them, one PDB per workload.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function generateSnapshot(file, { nodes, pods, workloads, seed = 11 }) {
  if (existsSync(file)) return;
  const rnd = random(seed);
  const groups = ['general', 'memory', 'batch', 'system'];
  const snapshot = { nodes: [], pods: [], pdbs: [] };
  for (let node = 0; node < nodes; node++) {
    snapshot.nodes.push({ name: `ip-10-${node >> 8}-${node & 255}-${node % 7}`, zone: `eu-west-1${'abc'[node % 3]}`, nodeGroup: groups[node % groups.length] });
  }
  const perWorkload = pods / workloads;
  for (let workload = 0; workload < workloads; workload++) {
    const namespace = `team-${workload % 25}`;
    const app = `svc-${workload}`;
    const budget = workload % 10 === 0 ? { minAvailable: '75%' } : { maxUnavailable: workload % 3 === 0 ? '10%' : 1 };
    snapshot.pdbs.push({ namespace, name: app, selector: { matchLabels: { 'app.kubernetes.io/name': app } }, ...budget });
    for (let replica = 0; replica < perWorkload; replica++) {
      snapshot.pods.push({
        namespace,
        name: `${app}-${replica.toString(36)}`,
        nodeName: snapshot.nodes[Math.floor(rnd() * nodes)].name,
        labels: { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': namespace, 'pod-template-hash': '7d9f8c' },
        ownerKind: 'ReplicaSet',
        ownerName: `${app}-7d9f8c`,
        startupSeconds: 10 + Math.floor(rnd() * 50),
        terminationGracePeriodSeconds: 30 + Math.floor(rnd() * 60),
      });
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(snapshot));
}
