// Baseline: read the snapshot and parse its JSON.
import { readFileSync } from 'node:fs';

const started = performance.now();
const snapshot = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, pods: snapshot.pods.length, nodes: snapshot.nodes.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
