// The measured task: a full `upshift cluster` of the bench server through the library.
import { runCluster } from '../../dist/bundle/index.js';

const started = performance.now();
const result = await runCluster({ kubeconfig: process.argv[2], target: '1.34' });
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, findings: result.report.findings.length, unread: result.unread, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
