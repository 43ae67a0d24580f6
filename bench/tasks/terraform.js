// The measured task: the Terraform source on the estate (expand, read, parse, evaluate), in a
// process that is upshift's own, as the command line's is (core/process-owner.ts).
import { ownProcess } from '../../dist/core/process-owner.js';
import { expandPaths } from '../../dist/sources/files.js';
import { readTerraform } from '../../dist/sources/terraform/index.js';

ownProcess();
const started = performance.now();
const cwd = process.cwd();
const { terraform } = expandPaths([process.argv[2]], { cwd });
const contents = await readTerraform(terraform, { cwd, objectKinds: new Set() });
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, environments: contents.environments.length, resources: contents.resources.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
