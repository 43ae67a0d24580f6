// The releases an add-on upgrade goes through (data/addons `upgradePath`): no more minors per step than the
// project allows, through the releases it requires (with the migration made there), each named with the exact
// chart that ships it (`chartReleases`).
import semver from 'semver';
import type { AddonDefinition, ChartReleaseRow } from '../knowledge/addon-schema.js';

export interface AddonRelease {
  /** The app release ("v1.12.17", "1.29.0"). */
  version: string;
  /** The chart version that ships it, when the knowledge base knows it. */
  chart?: string;
}

export interface AddonPathStep extends AddonRelease {
  /** What to do at this release (a required release's migration), with its source. */
  migration?: { text: string; source: string };
}

/**
 * The steps from `installed` to `wanted` ("1.16.x" means the newest known 1.16 release). Empty when the
 * installed release is already at or past the wanted line.
 */
export function addonUpgradePath(addon: AddonDefinition, installed: string, wanted: string): AddonPathStep[] {
  let current: semver.SemVer | null = semver.coerce(installed);
  const goal = semver.coerce(wanted);
  if (!current || !goal) return [];
  const goalLine = lineOf(goal);
  const exactGoal = /^v?\d+\.\d+\.\d+$/.test(wanted.trim()) ? wanted.trim() : undefined;
  const rules = addon.upgradePath;
  const steps: AddonPathStep[] = [];
  // Every step moves to a newer line, so the walk ends; the bound guards against a bad row.
  for (let guard = 0; guard < 100 && compareLines(lineOf(current), goalLine) < 0; guard++) {
    const from: semver.SemVer = current;
    const required = (rules?.requiredReleases ?? [])
      .filter((row) => isAhead(addon, row.line, from) && compareLines(row.line, goalLine) <= 0)
      .filter((row) => semver.satisfies(from, row.from) && semver.satisfies(goal, row.to))
      .sort((a, b) => compareLines(a.line, b.line))[0];
    let line = required?.line ?? goalLine;
    const max = rules?.maxMinorsPerStep;
    if (max !== undefined && majorOf(line) === from.major && minorOf(line) - from.minor > max) line = `${from.major}.${from.minor + max}`;
    const release = line === goalLine && exactGoal ? withChart(addon, exactGoal) : newestRelease(addon, line);
    const step: AddonPathStep = { ...release };
    if (required && required.line === line) step.migration = { text: required.migration, source: required.source };
    steps.push(step);
    current = semver.coerce(release.version)!;
  }
  if (exactGoal && lineOf(current) === goalLine && semver.lt(current, semver.coerce(exactGoal)!)) steps.push(withChart(addon, exactGoal));
  return steps;
}

/** The newest known release of a line ("1.29") with its chart; "1.29.0" when no chart row names one. */
export function newestRelease(addon: AddonDefinition, line: string): AddonRelease {
  const row = newestChartRow(addon, line);
  if (row) return { version: row.app, chart: row.chart };
  return withChart(addon, `${line}.0`);
}

/** The chart that ships an app release: a chartReleases row for it, or the release itself where chart = app. */
export function chartFor(addon: AddonDefinition, version: string): string | undefined {
  const parsed = semver.coerce(version);
  if (!parsed) return undefined;
  const row = (addon.chartReleases ?? []).find((entry) => semver.coerce(entry.app)?.version === parsed.version);
  if (row) return row.chart;
  return addon.chartVersionIsAppVersion ? version : undefined;
}

/** A newer line, or the installed line when a newer patch of it is known (Karpenter's v1 path wants the latest patch). */
function isAhead(addon: AddonDefinition, line: string, installed: semver.SemVer): boolean {
  const order = compareLines(line, lineOf(installed));
  if (order !== 0) return order > 0;
  const newest = semver.coerce(newestRelease(addon, line).version);
  return newest !== null && semver.lt(installed, newest);
}

function withChart(addon: AddonDefinition, version: string): AddonRelease {
  const chart = chartFor(addon, version);
  return chart === undefined ? { version } : { version, chart };
}

function newestChartRow(addon: AddonDefinition, line: string): ChartReleaseRow | undefined {
  return (addon.chartReleases ?? [])
    .filter((row) => {
      const app = semver.coerce(row.app);
      return app !== null && lineOf(app) === line;
    })
    .sort((a, b) => semver.compare(semver.coerce(b.app)!, semver.coerce(a.app)!))[0];
}

function lineOf(version: semver.SemVer): string {
  return `${version.major}.${version.minor}`;
}

function majorOf(line: string): number {
  return Number(line.split('.')[0]);
}

function minorOf(line: string): number {
  return Number(line.split('.')[1]);
}

function compareLines(a: string, b: string): number {
  return majorOf(a) - majorOf(b) || minorOf(a) - minorOf(b);
}
