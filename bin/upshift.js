#!/usr/bin/env node
// Launcher for `upshift` and `kubectl-upshift`: the program itself is built into dist/bundle/
// (by `npm ci`/`npm install` in a checkout, through the prepare script, and before `npm pack`;
// see scripts/bundle.js).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(`upshift: ${new URL('..', import.meta.url).pathname} is not built (no dist/); run npm run build there, or npm ci, which builds it\n`);
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
