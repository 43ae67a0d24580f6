// One start of a Node program, timed from outside as a shell would see it: `node ARGS...` with
// its output discarded. Baseline and measured task of the startup bench alike.
import { spawnSync } from 'node:child_process';

const started = performance.now();
const run = spawnSync(process.execPath, process.argv.slice(2), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
const seconds = (performance.now() - started) / 1000;
if (run.status !== 0) throw new Error(`node ${process.argv.slice(2).join(' ')} exited ${run.status}: ${run.stderr}`);
console.log(JSON.stringify({ seconds, maxRssMB: 0 }));
