// The baseline: `helm template` (the binary given first) on each chart, told the target's
// served APIs as upshift tells it, one process per chart as a user runs it.
import { execFileSync } from 'node:child_process';
import { loadKnowledge } from '../../dist/knowledge/load.js';
import { servedApiVersions } from '../../dist/sources/helm/capabilities.js';

const [helm, ...charts] = process.argv.slice(2);
const apiVersions = servedApiVersions(loadKnowledge(), '1.33').join(',');
let bytes = 0;
const perChart = charts.map((chart) => {
  const started = performance.now();
  bytes += execFileSync(helm, ['template', 'release-name', chart, '--namespace', 'default', '--kube-version', 'v1.33.0', '--api-versions', apiVersions], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }).length;
  return (performance.now() - started) / 1000;
});
const seconds = perChart.reduce((sum, value) => sum + value, 0);
console.log(JSON.stringify({ seconds, perChart, bytes, maxRssMB: 0 }));
