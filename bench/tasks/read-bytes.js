// Baseline: find the estate's manifest files with a globbing library, as a Node program would,
// and read every byte. (check lists them with fdir, the crawler under tinyglobby, without a glob
// match per path, so a little of its ratio against this baseline comes from the listing.)
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';

const started = performance.now();
const files = globSync('**/*.{yaml,yml,json}', { cwd: process.argv[2], absolute: true, dot: true, ignore: ['**/.git/**', '**/node_modules/**'] });
let bytes = 0;
for (const file of files) bytes += readFileSync(file).length;
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, files: files.length, bytes, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
