// `npm run knowledge:chart-versions -- [options] <checkout...>`: the chart ↔ app version rows of
// data/addons/*.yaml (`chartReleases:`), generated from what a chart project publishes rather than typed:
//   - a Helm repository index (index.yaml, a file, a directory holding one, or `--ref gh-pages` of a git dir);
//   - the history of a Chart.yaml in git (`--path charts/karpenter/Chart.yaml`): version/appVersion at each commit;
//   - the release tags (`--tags`), for projects whose chart version is their release tag (cert-manager, Istio).
//   (every branch: release branches carry the patch releases)
// Each app minor gets one row: the newest stable chart that ships it, so that a plan can name the exact chart of
// every step. Prints YAML rows to stdout; a checkout that cannot be read is named on stderr with exit code 2.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { parse } from 'yaml';

const USAGE = `usage: npm run knowledge:chart-versions -- --source URL [--chart NAME] [--path CHART_YAML | --tags | --ref REF] [--since X.Y] <checkout...>
  --source URL   where the rows come from (every row names it)
  --chart NAME   the index entry to read (default: the only entry, or the checkout's chart)
  --path FILE    read FILE's version/appVersion across the git history of the checkout
  --tags         the checkout's release tags are the chart (and app) versions
  --unprefixed-from X.Y  with --tags: charts from app minor X.Y on drop the tag's leading "v" (Karpenter from 0.35)
  --ref REF      read index.yaml at REF of the git checkout (e.g. gh-pages)
  --since X.Y    leave out app minors older than X.Y`;

class InputError extends Error {}

export function parseArguments(argv) {
  const options = { checkouts: [] };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new InputError(`${argument} needs a value\n${USAGE}`);
      return next;
    };
    if (argument === '--source') options.source = value();
    else if (argument === '--chart') options.chart = value();
    else if (argument === '--path') options.path = value();
    else if (argument === '--ref') options.ref = value();
    else if (argument === '--since') options.since = value();
    else if (argument === '--tags') options.tags = true;
    else if (argument === '--unprefixed-from') options.unprefixedFrom = value();
    else if (argument.startsWith('--')) throw new InputError(`unknown option ${argument}\n${USAGE}`);
    else options.checkouts.push(argument);
  }
  if (!options.source || !/^https?:\/\/\S+$/.test(options.source)) throw new InputError(`--source must be the http(s) URL the rows come from\n${USAGE}`);
  if (options.checkouts.length === 0) throw new InputError(`no checkout given\n${USAGE}`);
  for (const flag of ['since', 'unprefixedFrom']) {
    if (options[flag] && !/^\d+\.\d+$/.test(options[flag])) throw new InputError(`${options[flag]}: expected a minor such as 1.10`);
  }
  return options;
}

/** [{chart, app}] pairs a checkout publishes. */
export function readReleases(checkout, options) {
  if (options.tags) return gitLines(checkout, ['tag', '--list']).map((tag) => ({ chart: chartOfTag(tag, options.unprefixedFrom), app: tag }));
  if (options.path) return chartYamlHistory(checkout, options.path);
  const text = options.ref ? git(checkout, ['show', `${options.ref}:index.yaml`]) : readIndexFile(checkout);
  return indexReleases(text, checkout, options.chart);
}

function chartOfTag(tag, unprefixedFrom) {
  const version = semver.coerce(tag);
  if (!unprefixedFrom || !version || !tag.startsWith('v')) return tag;
  return semver.gte(`${version.major}.${version.minor}.0`, `${unprefixedFrom}.0`) ? tag.slice(1) : tag;
}

function readIndexFile(checkout) {
  const file = existsSync(checkout) && statSync(checkout).isDirectory() ? join(checkout, 'index.yaml') : checkout;
  if (!existsSync(file)) throw new InputError(`${checkout}: no index.yaml there; pass --path, --tags or --ref for a git checkout`);
  return readFileSync(file, 'utf8');
}

function indexReleases(text, checkout, chart) {
  let index;
  try {
    index = parse(text);
  } catch (error) {
    throw new InputError(`${checkout}: index.yaml is not valid YAML: ${error.message}`);
  }
  const entries = index?.entries;
  if (!entries || typeof entries !== 'object') throw new InputError(`${checkout}: index.yaml has no entries`);
  const names = Object.keys(entries);
  const name = chart ?? (names.length === 1 ? names[0] : undefined);
  if (!name || !Array.isArray(entries[name])) {
    throw new InputError(`${checkout}: ${chart ? `no chart "${chart}" in index.yaml` : 'index.yaml lists several charts; pass --chart'} (charts: ${names.join(', ')})`);
  }
  return entries[name].map((entry) => ({ chart: String(entry.version), app: String(entry.appVersion ?? '') }));
}

/**
 * version/appVersion of a Chart.yaml at every commit that changed it, newest commit first; a chart version
 * keeps the appVersion of its newest commit (a commit may bump version before appVersion).
 */
function chartYamlHistory(checkout, path) {
  const commits = gitLines(checkout, ['log', '--all', '--format=%H', '--', path]);
  if (commits.length === 0) throw new InputError(`${checkout}: no commit changes ${path}`);
  const releases = [];
  const seen = new Set();
  for (const commit of commits) {
    let chart;
    try {
      chart = parse(git(checkout, ['show', `${commit}:${path}`]));
    } catch {
      continue; // a commit that deleted or broke the file publishes nothing
    }
    if (chart?.version === undefined || seen.has(String(chart.version))) continue;
    seen.add(String(chart.version));
    releases.push({ chart: String(chart.version), app: String(chart.appVersion ?? chart.version) });
  }
  return releases;
}

/** Bare mirrors (HEAD and objects/ at the top) take --git-dir; work trees take -C. */
function git(checkout, args) {
  const where = existsSync(join(checkout, 'objects')) && existsSync(join(checkout, 'HEAD')) ? [`--git-dir=${checkout}`] : ['-C', checkout];
  try {
    return execFileSync('git', [...where, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new InputError(`${checkout}: git ${args.join(' ')} failed: ${String(error.stderr || error.message).trim()}`);
  }
}

function gitLines(checkout, args) {
  return git(checkout, args).split('\n').filter(Boolean);
}

/** One row per app minor: the newest stable chart shipping it, with that chart's app version. */
export function newestChartPerAppMinor(releases, since) {
  const byMinor = new Map();
  for (const release of releases) {
    const chart = semver.parse(release.chart, { loose: true });
    const app = semver.parse(release.app, { loose: true }) ?? semver.coerce(release.app);
    if (!chart || !app || chart.prerelease.length > 0 || app.prerelease.length > 0) continue;
    const minor = `${app.major}.${app.minor}`;
    if (since && semver.lt(`${minor}.0`, `${since}.0`)) continue;
    const known = byMinor.get(minor);
    if (!known || semver.gt(chart, known.parsed)) byMinor.set(minor, { parsed: chart, chart: release.chart, app: release.app });
  }
  return [...byMinor.entries()]
    .sort(([a], [b]) => semver.compare(`${a}.0`, `${b}.0`))
    .map(([, row]) => ({ chart: row.chart, app: row.app }));
}

export function formatRows(rows, source) {
  return rows.map((row) => `      - { chart: "${row.chart}", app: "${row.app}", source: "${source}" }`).join('\n');
}

function main(argv) {
  const options = parseArguments(argv);
  const releases = options.checkouts.flatMap((checkout) => readReleases(checkout, options));
  const rows = newestChartPerAppMinor(releases, options.since);
  process.stdout.write(`    # ${rows.length} app minors from ${releases.length} published versions (npm run knowledge:chart-versions)\n    chartReleases:\n${formatRows(rows, options.source)}\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`chart-versions: ${error.message}\n`);
    process.exit(2);
  }
}
