// Second baseline: what the operating system's own tools take to find and read the same files
// (find | xargs cat), so the scan's ratio does not rest on Node's file reading alone.
import { execFileSync } from 'node:child_process';

const started = performance.now();
execFileSync('sh', ['-c', `find "$1" \\( -name .git -o -name node_modules \\) -prune -o -type f \\( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \\) -print0 | xargs -0 cat > /dev/null`, 'sh', process.argv[2]]);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
