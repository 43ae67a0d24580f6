// The measured task: a full `upshift check` of the estate through the library.
import { runCheck } from '../../dist/index.js';

const started = performance.now();
const report = await runCheck({ paths: [process.argv[2]], target: '1.34', current: '1.28' });
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, findings: report.findings.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
