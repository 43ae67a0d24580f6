// The measured task: the update model on every node group of the snapshot (parsed before
// the clock starts; the baseline measures that parse).
import { readFileSync } from 'node:fs';
import { loadKnowledge } from '../../dist/knowledge/load.js';
import { prepareCluster } from '../../dist/simulate/cluster.js';
import { simulateNodeGroup } from '../../dist/simulate/engine.js';
import { defaultSettings } from '../../dist/simulate/settings.js';

const snapshot = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const settings = { ...defaultSettings(loadKnowledge().drain), maxUnavailable: process.argv[3] ?? '1' };
const groups = [...new Set(snapshot.nodes.map((node) => node.nodeGroup))];
const started = performance.now();
const cluster = prepareCluster(snapshot);
const results = groups.map((group) => simulateNodeGroup(cluster, group, settings));
const seconds = (performance.now() - started) / 1000;
const durationSeconds = Math.max(...results.map((result) => result.durationSeconds));
console.log(JSON.stringify({ seconds, waves: results.reduce((sum, result) => sum + result.waves, 0), durationSeconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
