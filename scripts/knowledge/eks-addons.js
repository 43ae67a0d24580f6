// npm run knowledge:eks-addons -- [--write] <describe-addon-versions.json>...
// Prints the EKS add-on table (default and newest version per Kubernetes version) from the saved output of
//   aws eks describe-addon-versions --addon-name coredns --output json > coredns.json   (one file per add-on or page)
// With --write, replaces the `recommended:` rows of data/addons/<add-on>.yaml with the default versions.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { addonVersionRows, recommendedLines, replaceRecommended } from '../../dist/knowledge/upstream/eks-addon-versions.js';

const args = process.argv.slice(2);
const write = args.includes('--write');
const files = args.filter((arg) => arg !== '--write');
if (files.length === 0) fail('usage: npm run knowledge:eks-addons -- [--write] <describe-addon-versions.json>...');

let rows;
try {
  rows = addonVersionRows(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
} catch (error) {
  fail(error.code === 'ENOENT' ? `${error.path}: no such file` : error.message);
}
process.stdout.write('ADDON\tKUBERNETES\tDEFAULT\tLATEST\n');
for (const row of rows) process.stdout.write(`${row.addon}\t${row.kubernetes}\t${row.defaultVersion ?? '-'}\t${row.latestVersion}\n`);

if (write) {
  for (const addon of new Set(rows.map((row) => row.addon))) {
    const file = `data/addons/${addon}.yaml`;
    if (!existsSync(file)) {
      process.stdout.write(`${addon}: no ${file}; not written\n`);
      continue;
    }
    const text = replaceRecommended(readFileSync(file, 'utf8'), recommendedLines(rows, addon));
    if (text === undefined) {
      process.stdout.write(`${addon}: ${file} has no recommended: list; not written\n`);
      continue;
    }
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
    process.stdout.write(`${file}: recommended rows rewritten (review with git diff)\n`);
  }
}

function fail(message) {
  process.stderr.write(`knowledge:eks-addons: ${message}\n`);
  process.exit(1);
}
