// The measured task: a full `upshift check` of the estate through the library, as the package
// exports it (the bundle, see scripts/bundle.js).
// UPSHIFT_BENCH_WORKERS=N reads the files with N worker threads besides the main one, whatever
// the default for this machine's cores (sources/manifest-files.ts), to measure the parallel scan.
import { runCheck } from '../../dist/bundle/index.js';

const workers = process.env.UPSHIFT_BENCH_WORKERS === undefined ? undefined : Number(process.env.UPSHIFT_BENCH_WORKERS);
const started = performance.now();
const report = await runCheck({ paths: [process.argv[2]], target: '1.34', current: '1.28', workers });
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, findings: report.findings.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
