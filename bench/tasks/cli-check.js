// The measured task of the report's memory: `upshift check ESTATE -o FORMAT` as a user runs it,
// its report written to a file, timed from outside; its peak RSS is taken in the process itself
// (tasks/peak-rss.js, preloaded) and handed back on file descriptor 3.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [estate, format] = process.argv.slice(2);
const output = openSync(join(tmpdir(), `upshift-bench-report.${format}`), 'w');
const started = performance.now();
const run = spawnSync(
  process.execPath,
  ['--import', new URL('peak-rss.js', import.meta.url).href, new URL('../../bin/upshift.js', import.meta.url).pathname, 'check', estate, '--target', '1.34', '--current', '1.28', '-o', format, '--fail-on', 'none', '-q'],
  { stdio: ['ignore', output, 'pipe', 'pipe'], encoding: 'utf8' },
);
const seconds = (performance.now() - started) / 1000;
closeSync(output);
if (run.status !== 0) throw new Error(`upshift check ${estate} -o ${format} exited ${run.status}: ${run.stderr}`);
console.log(JSON.stringify({ seconds, maxRssMB: JSON.parse(run.output[3]).maxRssMB }));
