// npm run knowledge:read -- <add-on> <checkout>
// Prints the compatibility rows an add-on project publishes in its repository, in the form of
// data/addons/<add-on>.yaml, for a person to compare with the file and paste. Without arguments, lists the readers.
import { compatibilityLine, matrixReaders } from '../../dist/knowledge/upstream/matrices/index.js';

const [addon, checkout] = process.argv.slice(2);
if (!addon) {
  for (const reader of matrixReaders.values()) process.stdout.write(`${reader.addon}\t${reader.repository}\n`);
  process.exit(0);
}
const reader = matrixReaders.get(addon);
if (!reader) fail(`no reader for "${addon}"; readers: ${[...matrixReaders.keys()].join(', ')}`);
if (!checkout) fail(`usage: npm run knowledge:read -- ${addon} <checkout of ${reader.repository}>`);
try {
  for (const row of reader.read(checkout)) process.stdout.write(`${compatibilityLine(row, reader.source)}\n`);
} catch (error) {
  fail(error.message);
}

function fail(message) {
  process.stderr.write(`knowledge:read: ${message}\n`);
  process.exit(1);
}
