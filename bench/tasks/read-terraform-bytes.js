// Baseline: find the estate's Terraform files the way `check` does and read every byte.
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';

const started = performance.now();
const files = globSync('**/*.{tf,tfvars}', { cwd: process.argv[2], absolute: true, dot: true, ignore: ['**/.git/**', '**/node_modules/**', '**/.terraform/**'] });
let bytes = 0;
for (const file of files) bytes += readFileSync(file).length;
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, files: files.length, bytes, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
