// `upshift check` as a library call: resolve the versions, stream every input through the
// per-resource checks, keep what the inventory checks need, and return the report.
import { compareKubeVersions, minorOf, requireKubeVersion } from './core/kube-version.js';
import { TOOL } from './core/tool.js';
import { UsageError } from './core/errors.js';
import type { Finding, Report, Resource } from './core/types.js';
import { checks as registeredChecks } from './checks/index.js';
import { CATALOG, isKnownFindingId } from './checks/catalog.js';
import type { Check, CheckContext, Inventory, Platform } from './checks/types.js';
import { defaultTarget, isoDay } from './knowledge/calendar.js';
import { loadKnowledge, type Knowledge } from './knowledge/load.js';
import { expandPaths, readManifestBytes, readManifestFile, type FileScanOptions } from './sources/files.js';
import { scanChartLexically } from './sources/helm-chart-lexical.js';
import { sortFindings, summarize } from './report/index.js';

export interface CheckOptions {
  /** Files and directories to scan. */
  paths?: readonly string[];
  /** Manifest text read from standard input (`-f -`). */
  stdin?: Buffer;
  target?: string;
  current?: string;
  platform?: Platform;
  /** Extra knowledge files (--data). */
  dataFiles?: readonly string[];
  /** Already-loaded knowledge (tests, long-running callers); dataFiles is then ignored. */
  knowledge?: Knowledge;
  /** Only these finding ids (--checks); input problems are always reported. */
  only?: readonly string[];
  /** Never these finding ids (--skip-checks). */
  skip?: readonly string[];
  exclude?: readonly string[];
  maxFileBytes?: number;
  /** Ecosystem component versions to judge their CRD versions against (cert-manager=1.15). */
  componentTargets?: ReadonlyMap<string, string>;
  cwd?: string;
  /** Today, for the default target; tests pin it. */
  now?: Date;
  onProgress?: (done: number, total: number) => void;
}


export async function runCheck(options: CheckOptions): Promise<Report> {
  const scan = startScan(options);
  const cwd = options.cwd ?? process.cwd();
  const scanOptions: FileScanOptions = { cwd, exclude: options.exclude, maxFileBytes: options.maxFileBytes, objectKinds: scan.objectKinds };

  const expanded = expandPaths(options.paths ?? [], { cwd, exclude: options.exclude });
  const total = expanded.files.length + expanded.charts.length + (options.stdin ? 1 : 0);
  let done = 0;
  if (options.stdin) {
    const contents = readManifestBytes(options.stdin, 'stdin', scanOptions);
    scan.accept(contents.resources, contents.findings);
    options.onProgress?.(++done, total);
  }
  // Files are read one after another on purpose: measured on 2 cores, worker threads were
  // slower (startup and copying results back cost more than the parallel indexing saved).
  for (const file of expanded.files) {
    const contents = readManifestFile(file, scanOptions);
    scan.accept(contents.resources, contents.findings);
    options.onProgress?.(++done, total);
  }
  for (const chart of expanded.charts) {
    const contents = scanChartLexically(chart, cwd, 'no chart renderer is available in this version of upshift');
    scan.accept(contents.resources, contents.findings);
    options.onProgress?.(++done, total);
  }
  return scan.finish();
}

/** One scan in progress: sources hand it resources as they read them; finish() builds the report. */
export interface Scan {
  context: CheckContext;
  /** Kinds some selected check wants whole (Check.objectKinds); sources keep `object` only for these. */
  objectKinds: ReadonlySet<string>;
  inventory: Inventory;
  accept(resources: readonly Resource[], problems?: readonly Finding[]): void;
  /** Findings a source made itself (deprecated-api-called from metrics, EKS insights). */
  report(findings: readonly Finding[]): void;
  finish(): Report;
}

/** Streams resources through the per-resource checks and keeps what the inventory checks need. */
export function startScan(options: CheckOptions): Scan {
  const knowledge = options.knowledge ?? loadKnowledge(options.dataFiles);
  const context = resolveContext(options, knowledge);
  const selected = selectChecks(options);
  const objectKinds = new Set(selected.flatMap((check) => check.objectKinds ?? []));
  const findings: Finding[] = [];
  const inventory: Inventory = { resources: [], charts: [], eksAddons: [], environments: [] };
  return {
    context,
    objectKinds,
    inventory,
    accept(resources, problems = []) {
      findings.push(...problems);
      for (const resource of resources) {
        for (const check of selected) if (check.checkResource) findings.push(...check.checkResource(resource, context));
        if (resource.object) inventory.resources.push(resource);
      }
    },
    report(made) {
      findings.push(...made);
    },
    finish() {
      for (const check of selected) if (check.checkInventory) findings.push(...check.checkInventory(inventory, context));
      const reported = sortFindings(findings.filter((finding) => isSelected(finding.id, options)));
      const report: Report = {
        tool: { ...TOOL },
        platform: context.platform,
        target: context.target,
        findings: reported,
        summary: summarize(reported),
      };
      if (context.current) report.current = context.current;
      return report;
    },
  };
}

export function resolveContext(options: CheckOptions, knowledge: Knowledge): CheckContext {
  const platform = options.platform ?? 'eks';
  const today = isoDay(options.now ?? new Date());
  const targetText = options.target ?? defaultTarget(knowledge, platform, today);
  if (!targetText) throw new UsageError(`no ${platform} version is in standard support on ${today} according to the knowledge base; pass --target`);
  const target = minorOf(requireKubeVersion(targetText, '--target'));
  const current = options.current === undefined ? undefined : minorOf(requireKubeVersion(options.current, '--current'));
  if (current && compareKubeVersions(current, target) > 0) {
    throw new UsageError(`--current ${current} is newer than --target ${target}; upshift plans upgrades, not downgrades`);
  }
  return { platform, target, current, knowledge, componentTargets: options.componentTargets ?? new Map() };
}

function selectChecks(options: CheckOptions): Check[] {
  for (const id of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!isKnownFindingId(id)) {
      throw new UsageError(`unknown check id "${id}"; known ids: ${Object.keys(CATALOG).join(', ')}`);
    }
  }
  return Object.values(registeredChecks).filter((check) => check.ids.some((id) => isSelected(id, options)));
}

function isSelected(id: string, options: CheckOptions): boolean {
  if (id === 'input-invalid' || id === 'input-unrendered-template') return true;
  if (options.only?.length && !options.only.includes(id)) return false;
  return !options.skip?.includes(id);
}
