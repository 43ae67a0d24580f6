#!/usr/bin/env node
// Differential test of upshift's own Helm renderer against real helm:
//   npm run conformance:helm -- [--helm 3|4] [--target 1.33] [--json FILE] [-q] DIR...
// Every chart under each DIR (a directory with Chart.yaml that is not inside another chart's
// charts/) is rendered by upshift (as `upshift template --helm-bin none`) and by helm
// (`helm template --kube-version vX.Y.0 --api-versions <what the target serves>`). Both
// outputs are parsed, objects are paired by (apiVersion, kind, namespace, name) and compared
// field by field, ignoring what differs between two helm runs of the same chart (rand*, gen*,
// uuidv4, now, and checksums of them). Each chart prints identical / different / failed with
// the first difference; the totals and both renderers' times close the run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { installHelm, helmVersion } from './helm-oracle.js';

const DIST = new URL('../dist/', import.meta.url);

/** Chart directories under `root`, sorted; charts vendored in a chart's charts/ are its parts, not charts of their own. */
export function findCharts(root) {
  const charts = [];
  const walk = (directory) => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((entry) => entry.isFile() && entry.name === 'Chart.yaml')) {
      charts.push(directory);
      return;
    }
    for (const entry of entries) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      // A symbolic link to a chart counts as the chart (a corpus may be a folder of links).
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(join(directory, entry.name), { throwIfNoEntry: false })?.isDirectory())) walk(join(directory, entry.name));
    }
  };
  walk(resolve(root));
  return charts.sort();
}

/** The objects of a multi-document manifest stream by (apiVersion, kind, namespace, name). */
export function readObjects(text, readRenderedDocument) {
  const objects = new Map();
  // A `---` line at column 0 always separates documents (block scalar content is indented).
  for (const source of text.split(/^---[ \t]*$/m)) {
    // Read as upshift reads helm's output; a document go-yaml takes and the yaml package refuses
    // is compared as text, under the template that wrote it.
    const read = readRenderedDocument(source);
    const object = read ? read.value : { unparsed: /^# Source: (.*)$/m.exec(source)?.[1] ?? '', text: source.replace(/^# Source: .*$/m, '').trim() };
    if (object === null || object === undefined) continue;
    const metadata = typeof object === 'object' && object.metadata && typeof object.metadata === 'object' ? object.metadata : {};
    let key = object.unparsed !== undefined ? `(not read by the yaml package) ${object.unparsed}` : [object.apiVersion, object.kind, metadata.namespace ?? '', metadata.name ?? ''].map((part) => String(part ?? '')).join(' ');
    // The same identity twice (a chart may write it twice): keep both, in order.
    for (let index = 2; objects.has(key); index++) key = `${key.replace(/ #\d+$/, '')} #${index}`;
    objects.set(key, object);
  }
  return objects;
}

/** Paths (object key + JSON path) whose values differ between two renders; a missing object is its key. */
export function differences(left, right, limit = Infinity) {
  const found = [];
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    if (!left.has(key) || !right.has(key)) found.push({ path: [key], left: left.get(key) === undefined ? undefined : '(object)', right: right.get(key) === undefined ? undefined : '(object)' });
    else compareValues(left.get(key), right.get(key), [key], found, limit);
    if (found.length >= limit) break;
  }
  return found;
}

function compareValues(a, b, path, found, limit) {
  if (found.length >= limit) return;
  if (a === b) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = Array.isArray(a) ? [...Array(Math.max(a.length, b.length)).keys()] : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) compareValues(a[key], b[key], [...path, key], found, limit);
    return;
  }
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return;
  found.push({ path, left: a, right: b });
}

const pathKey = (path) => JSON.stringify(path);

/** An object's identity without its name: where a chart names objects at random (test pods), pairs cannot be found. */
const unnamed = (key) => key.split(' ').slice(0, 3).join(' ');

/** Differences not at or below a masked path, nor an object whose kind helm itself names differently run to run. */
function unmasked(found, masked) {
  const volatileNames = new Set([...masked].map((key) => JSON.parse(key)).filter((path) => path.length === 1).map(([key]) => unnamed(key)));
  return found.filter(({ path }) => !path.some((_, index) => masked.has(pathKey(path.slice(0, index + 1)))) && !(path.length === 1 && volatileNames.has(unnamed(path[0]))));
}

function describe(difference) {
  const [key, ...rest] = difference.path;
  const where = rest.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
  const show = (value) => (value === undefined ? '(absent)' : JSON.stringify(value)?.slice(0, 160));
  return `${key}${where}: upshift ${show(difference.left)}, helm ${show(difference.right)}`;
}

function firstLine(message) {
  return String(message).split('\n').map((line) => line.trim()).find(Boolean) ?? 'failed';
}

/** Renders one chart with both and compares; returns { status, detail, ownMs, helmMs }. */
export async function compareChart(chart, context) {
  const { runTemplate, knowledge, helm, target, apiVersions, helmDefaults, readRenderedDocument, major } = context;
  // helm 4 renamed the package of the values type; upshift follows helm 3.17 (its HelmVersion).
  const asHelm3 = (text) => (major === 4 ? text.replaceAll('common.Values', 'chartutil.Values') : text);
  const objectsOf = (text) => readObjects(asHelm3(text), readRenderedDocument);
  const ownStart = performance.now();
  let own;
  let ownError;
  try {
    own = (await runTemplate({ knowledge, chart, target, helmBinary: 'none', cwd: chart })).text;
  } catch (error) {
    ownError = error;
  }
  const ownMs = performance.now() - ownStart;
  const helmStart = performance.now();
  const helmRun = () => runHelm(helm, chart, target, apiVersions);
  let first;
  try {
    first = helmRun();
  } catch (error) {
    return { status: 'helm-failed', detail: firstLine(error.message), ownMs, helmMs: performance.now() - helmStart };
  }
  const helmMs = performance.now() - helmStart;
  if (ownError) return { status: 'failed', detail: firstLine(ownError.message), ownMs, helmMs };
  let ownObjects;
  let helmObjects;
  try {
    helmObjects = objectsOf(first);
  } catch (error) {
    return { status: 'helm-failed', detail: firstLine(error.message), ownMs, helmMs };
  }
  try {
    ownObjects = objectsOf(own);
  } catch (error) {
    return { status: 'failed', detail: `upshift's ${firstLine(error.message)}`, ownMs, helmMs };
  }
  let found = differences(ownObjects, helmObjects);
  if (found.length === 0) return { status: 'identical', ownMs, helmMs };
  // What differs between two helm runs (random values, generated certificates, time) is masked.
  const masked = new Set(differences(objectsOf(helmRun()), helmObjects).map(({ path }) => pathKey(path)));
  found = unmasked(found, masked);
  if (found.length === 0) return { status: 'identical', detail: `${masked.size} volatile path(s) masked`, ownMs, helmMs };
  // Counted apart: helm's own default API list holds APIs the target does not serve, and the chart asks for one.
  if (helmDefaults) {
    try {
      const widened = (await runTemplate({ knowledge, chart, target, helmBinary: 'none', cwd: chart, apiVersions: helmDefaults })).text;
      if (unmasked(differences(objectsOf(widened), helmObjects), masked).length === 0) {
        return { status: 'capabilities', detail: `differs only by .Capabilities.APIVersions: ${describe(found[0])}`, ownMs, helmMs };
      }
    } catch {
      // Not a capabilities-only difference.
    }
  }
  return { status: 'different', detail: `${found.length} difference(s); first: ${describe(found[0])}`, ownMs, helmMs };
}

function runHelm(helm, chart, target, apiVersions) {
  try {
    return execFileSync(helm, ['template', 'release-name', chart, '--namespace', 'default', '--kube-version', `v${target}.0`, '--api-versions', apiVersions.join(',')], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Generous: on a loaded machine a large chart (bitnami's with their subcharts) takes minutes.
      timeout: 600_000,
      env: { ...process.env, HELM_CACHE_HOME: join(tmpdir(), 'upshift-conformance-helm-cache'), HELM_CONFIG_HOME: join(tmpdir(), 'upshift-conformance-helm-config') },
    });
  } catch (error) {
    if (error.signal) throw new Error(`helm was stopped by ${error.signal} (after 600 s, or killed)`);
    const lines = String(error.stderr ?? error.message).split('\n').map((line) => line.trim()).filter(Boolean);
    throw new Error(lines.find((line) => line.startsWith('Error: ')) ?? lines.at(-1) ?? 'helm failed');
  }
}

/** The API versions helm lists by default (without --api-versions) for this kube version. */
export function helmDefaultApiVersions(helm, target) {
  const chart = mkdtempSync(join(tmpdir(), 'upshift-capabilities-'));
  try {
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: capabilities\nversion: 0.1.0\n');
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'templates', 'list.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: list\ndata:\n  list: {{ join "," .Capabilities.APIVersions | quote }}\n');
    const output = execFileSync(helm, ['template', 'x', chart, '--kube-version', `v${target}.0`], { encoding: 'utf8' });
    return parse(output.split('\n').filter((line) => !line.startsWith('#')).join('\n').replace(/^---\n/, '')).data.list.split(',');
  } finally {
    rmSync(chart, { recursive: true, force: true });
  }
}

export async function loadRenderer() {
  const [{ runTemplate }, { loadKnowledge }, { servedApiVersions }, { resolveContext }, { readRenderedDocument }] = await Promise.all([
    import(new URL('run-template.js', DIST)),
    import(new URL('knowledge/load.js', DIST)),
    import(new URL('sources/helm/capabilities.js', DIST)),
    import(new URL('run-check.js', DIST)),
    import(new URL('sources/helm/read-rendered.js', DIST)),
  ]);
  return { runTemplate, loadKnowledge, servedApiVersions, resolveContext, readRenderedDocument };
}

/** Runs the comparison over the charts under `roots`; `log` gets one line per chart, then the totals. */
export async function runConformance({ roots, major = 3, target, log = (line) => process.stdout.write(`${line}\n`), helm = installHelm(major) }) {
  const renderer = await loadRenderer();
  const knowledge = renderer.loadKnowledge();
  const resolvedTarget = renderer.resolveContext({ target }, knowledge).target;
  const apiVersions = renderer.servedApiVersions(knowledge, resolvedTarget);
  const helmDefaults = helmDefaultApiVersions(helm, resolvedTarget);
  const context = { runTemplate: renderer.runTemplate, knowledge, helm, target: resolvedTarget, apiVersions, helmDefaults, readRenderedDocument: renderer.readRenderedDocument, major };
  log(`# helm ${helmVersion(helm)} (${helm}) against upshift's own renderer, target ${resolvedTarget}`);
  const results = [];
  for (const root of roots) {
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`${root}: not a directory`);
    for (const chart of findCharts(root)) {
      let result;
      if (isLibrary(chart)) result = { status: 'library', ownMs: 0, helmMs: 0 };
      else result = await compareChart(chart, context);
      const name = relative(process.cwd(), chart) || chart;
      results.push({ chart: name, ...result });
      log(`${result.status.padEnd(12)} ${name}${result.detail ? `: ${result.detail}` : ''}`);
    }
  }
  const count = (status) => results.filter((result) => result.status === status).length;
  const rendered = results.filter((result) => !['helm-failed', 'library'].includes(result.status));
  const ownMs = rendered.reduce((sum, result) => sum + result.ownMs, 0);
  const helmMs = rendered.reduce((sum, result) => sum + result.helmMs, 0);
  const totals = {
    charts: results.length,
    helmRenders: rendered.length,
    identical: count('identical'),
    capabilities: count('capabilities'),
    different: count('different'),
    failed: count('failed'),
    helmFailed: count('helm-failed'),
    library: count('library'),
    ownSeconds: Number((ownMs / 1000).toFixed(2)),
    helmSeconds: Number((helmMs / 1000).toFixed(2)),
  };
  const percent = rendered.length ? ((100 * totals.identical) / rendered.length).toFixed(1) : '0';
  log(
    `# ${totals.identical} identical, ${totals.capabilities} differ only by helm's default API list, ${totals.different} different, ${totals.failed} failed in upshift, of ${rendered.length} charts helm renders (${percent}% identical); ` +
      `${totals.helmFailed} helm cannot render, ${totals.library} library charts; of ${totals.charts} charts`,
  );
  log(`# time on the charts helm renders: upshift ${totals.ownSeconds} s, helm ${totals.helmSeconds} s (upshift ${(helmMs / Math.max(ownMs, 1)).toFixed(1)}x faster)`);
  return { totals, results };
}

function isLibrary(chart) {
  try {
    return /^type:\s*["']?library["']?\s*$/m.test(readFileSync(join(chart, 'Chart.yaml'), 'utf8'));
  } catch {
    return false;
  }
}

async function main(argv) {
  const roots = [];
  let major = 3;
  let target;
  let json;
  let quiet = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--helm') major = Number(argv[++index]);
    else if (arg === '--target') target = argv[++index];
    else if (arg === '--json') json = argv[++index];
    else if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}; usage: npm run conformance:helm -- [--helm 3|4] [--target X.Y] [--json FILE] [-q] DIR...`);
    else roots.push(arg);
  }
  if (roots.length === 0) throw new Error('usage: npm run conformance:helm -- [--helm 3|4] [--target X.Y] [--json FILE] [-q] DIR...');
  const log = (line) => {
    if (!quiet || line.startsWith('#')) process.stdout.write(`${line}\n`);
  };
  const outcome = await runConformance({ roots, major, target, log });
  if (json) writeFileSync(json, `${JSON.stringify(outcome, null, 2)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`conformance:helm: ${error.message}\n`);
    process.exitCode = 1;
  });
}
