// The measured task: `upshift fix` as a dry run over the estate through the library.
import { runFix } from '../../dist/bundle/index.js';

const started = performance.now();
const report = await runFix({ paths: [process.argv[2]], target: '1.34', current: '1.28' });
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, changes: report.changes.length, files: report.files.length, manual: report.manual.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
