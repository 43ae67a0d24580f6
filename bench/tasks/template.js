// The measured task: upshift's own renderer on each chart given, in one process, timed as the
// conformance harness times it (the renderer's modules loaded first; each chart read,
// rendered and ordered as `upshift template --helm-bin none` does).
import { runTemplate } from '../../dist/run-template.js';
import { loadKnowledge } from '../../dist/knowledge/load.js';

const charts = process.argv.slice(2);
const knowledge = loadKnowledge();
let bytes = 0;
const perChart = [];
for (const chart of charts) {
  const started = performance.now();
  bytes += (await runTemplate({ knowledge, chart, target: '1.33', helmBinary: 'none' })).text.length;
  perChart.push((performance.now() - started) / 1000);
}
const seconds = perChart.reduce((sum, value) => sum + value, 0);
console.log(JSON.stringify({ seconds, perChart, bytes, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
