#!/usr/bin/env node
// Launcher for `upshift` and `kubectl-upshift`: the program itself is built into dist/.
import { main } from '../dist/cli/main.js';

await main(process.argv);
