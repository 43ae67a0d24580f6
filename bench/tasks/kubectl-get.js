// The baseline: kubectl listing the same resource types from the same server, as JSON, with
// its default paging (500 per page); Helm release secrets by the selectors upshift uses.
import { spawnSync } from 'node:child_process';
import { KUBECTL_TYPES } from '../generate-cluster.js';

const kubeconfig = process.argv[2];
const runs = [
  ['get', KUBECTL_TYPES.join(','), '-A', '-o', 'json'],
  ['get', 'secrets', '-A', '--field-selector', 'type=helm.sh/release.v1', '-l', 'owner=helm,status=deployed', '--chunk-size', '50', '-o', 'json'],
];
const started = performance.now();
let maxRssMB = 0;
for (const args of runs) {
  const run = spawnSync('/usr/bin/time', ['-f', '%M', 'kubectl', '--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${run.stderr}`);
  maxRssMB = Math.max(maxRssMB, Number(run.stderr.trim().split('\n').at(-1)) / 1024);
}
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, maxRssMB }));
