// npm run knowledge:apis -- <kubernetes/api checkout> [<older checkout>...]
// Rewrites the Kubernetes rows of data/apis.yaml from the checkouts' prerelease-lifecycle tags and the reviewed
// overrides of data/apis-reviewed.yaml. Older checkouts (release branches) add kinds master no longer has; the
// first checkout that has a kind wins. Prints what it did; writes only when the text changes.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readLifecycleTags } from '../../dist/knowledge/upstream/lifecycle-tags.js';
import { regenerateApisFile } from '../../dist/knowledge/upstream/api-rows.js';

const checkouts = process.argv.slice(2);
if (checkouts.length === 0) fail('usage: npm run knowledge:apis -- <kubernetes/api checkout> [<older checkout>...]');
for (const checkout of checkouts) if (!existsSync(checkout)) fail(`${checkout}: no such directory; check out github.com/kubernetes/api there first`);

const tags = { kinds: [], introduced: new Map() };
const seen = new Set();
for (const checkout of checkouts) {
  const read = readLifecycleTags(checkout);
  if (read.kinds.length === 0) fail(`${checkout}: no +k8s:prerelease-lifecycle-gen tags found; is it a kubernetes/api checkout?`);
  for (const kind of read.kinds) {
    const key = `${kind.group}/${kind.version} ${kind.kind}`;
    if (!seen.has(key)) tags.kinds.push(kind), seen.add(key);
  }
  for (const [key, version] of read.introduced) if (!tags.introduced.has(key)) tags.introduced.set(key, version);
}

const file = 'data/apis.yaml';
const current = readFileSync(file, 'utf8');
let result;
try {
  result = regenerateApisFile(current, readFileSync('data/apis-reviewed.yaml', 'utf8'), tags);
} catch (error) {
  fail(error.message);
}
const { text, summary } = result;
process.stdout.write(`${summary.fromTags} Kubernetes rows from the tags, ${summary.kept.length} kept as reviewed (kind not in the checkout)\n`);
if (summary.added.length) process.stdout.write(`added: ${summary.added.join(', ')}\n`);
if (summary.unmatchedReviews.length) process.stdout.write(`warning: reviewed rows matching no kind: ${summary.unmatchedReviews.join(', ')}\n`);
if (text === current) {
  process.stdout.write(`${file} unchanged\n`);
} else {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  process.stdout.write(`${file} rewritten: review the diff (git diff ${file})\n`);
}

function fail(message) {
  process.stderr.write(`knowledge:apis: ${message}\n`);
  process.exit(1);
}
