// `upshift check` as a library call: resolve the versions, stream every input through the
// per-resource checks, keep what the inventory checks need, and return the report.
import { displayPath } from './core/display-path.js';
import { resolve } from 'node:path';
import { compareKubeVersions, minorOf, requireKubeVersion } from './core/kube-version.js';
import { TOOL } from './core/tool.js';
import { UsageError } from './core/errors.js';
import { detached } from './core/detached-string.js';
import { isWorded } from './core/worded-finding.js';
import { appendAll } from './core/append-all.js';
import { sharedText, withSummary } from './core/workload-model/object-summary.js';
import { parseImageReference } from './addons/image-reference.js';
import type { Finding, Report, Resource } from './core/types.js';
import { checks as registeredChecks } from './checks/index.js';
import { CATALOG, isKnownFindingId } from './core/catalog.js';
import type { Check, CheckContext } from './checks/types.js';
import type { Inventory, Platform } from './core/inventory.js';
import { defaultTarget, isoDay, knownVersions, newestKnownVersion } from './knowledge/calendar.js';
import { loadKnowledge, type Knowledge } from './knowledge/load.js';
import { expandPaths, type FileScanOptions } from './sources/files.js';
import { readManifestBytes } from './sources/manifest-file.js';
import { startReading, type FileResult } from './sources/manifest-files.js';
import { readTerraform } from './sources/terraform/index.js';
import type { ClusterDescription } from './sources/eksctl.js';
import { lowestClusterVersion, versionDisagreements } from './sources/current-version.js';
import { scanChart, type ChartScan, type ChartScanOptions } from './sources/helm-chart.js';
import { resolveHelmBinary } from './sources/helm/helm-binary.js';
import { loadUserValues } from './sources/helm/values.js';
import { buildKustomization, kubectlOnPath, planKustomizations, type KustomizeBuild } from './sources/kustomize.js';
import { inOrder, limitTo, type InOrder } from './core/in-order.js';
import { cpuBudget } from './core/cpu-budget.js';
import { inputInvalid } from './sources/input-problem.js';
import { argoApplicationReferences, helmfileReferences, isHelmfile } from './sources/chart-references.js';
import { FLUX_KINDS, fluxCharts, isFluxObject } from './sources/flux-releases.js';
import { argoApplicationSetReferences } from './sources/argo-application-sets.js';
import { sortFindings, summarize } from './report/order.js';
import { withoutSuperseded } from './report/superseded.js';
import { oneFindingPerPlace } from './report/one-per-place.js';
import { dueOf } from './report/due.js';
import { isIgnoredByConfig, loadProjectConfig, type ProjectConfig } from './config/project-config.js';
import { unreadFieldsExcept } from './sources/unread-fields.js';

// How many charts or overlays past the one taken next may be rendered while this thread reads
// the files: enough to keep the processes busy through a long read, few enough that rendered
// objects do not pile up unread (each is held until its turn).
const PROCESSES_AHEAD = 16;

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
  /** Helm values files (--values) applied to every chart and environment, after the chart's own. */
  valuesFiles?: readonly string[];
  /** Helm --set assignments (a.b=c), applied after valuesFiles. */
  set?: readonly string[];
  /**
   * The helm binary that renders charts (--helm-bin): a path, a command on PATH, or `none` for
   * upshift's own renderer. Default: UPSHIFT_HELM_BIN, else `helm` on PATH, else the own renderer.
   */
  helmBinary?: string;
  /** Ecosystem component versions to judge their CRD versions against (cert-manager=1.15). */
  componentTargets?: ReadonlyMap<string, string>;
  cwd?: string;
  /** Only these environments of the infrastructure code (--env); all when absent. */
  environments?: readonly string[];
  /** Kinds to keep whole in the inventory even when no selected check asks for them (plan). */
  keepKinds?: readonly string[];
  /** Today, for the default target; tests pin it. */
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  /** Worker threads that read the manifest files (0: none); default: by the cores and the number of files (sources/manifest-files.ts). */
  workers?: number;
  /** The project configuration file (--config); default: .upshift.yaml in cwd when present. */
  configFile?: string;
  /** Already-loaded configuration (tests, simulate); configFile is then ignored. */
  config?: ProjectConfig;
  /** Receives the kept inventory after the scan (simulate builds its model from it). */
  onInventory?: (inventory: Inventory) => void;
}

export interface ScanResult {
  /** One finding per problem per place (see report/one-per-place.ts). */
  report: Report;
  /** The report's findings as each environment has them, before they were made one per place (the plan works per environment). */
  environmentFindings: Finding[];
  /** What the sources found: environments, add-ons, charts and the kept resources. */
  inventory: Inventory;
  context: CheckContext;
  /** When the scan read nothing to judge (empty stdin, no Kubernetes object), why; also in report.notes. */
  nothingRead?: string;
}

export async function runCheck(options: CheckOptions): Promise<Report> {
  return (await runScan(options)).report;
}

/** `check`: reads files, stdin, charts, kustomizations and infrastructure code into one scan. */
export async function runScan(options: CheckOptions): Promise<ScanResult> {
  const scan = startScan(options);
  const { context, inventory } = scan;
  const cwd = options.cwd ?? process.cwd();
  const scanOptions: FileScanOptions = { cwd, exclude: options.exclude, maxFileBytes: options.maxFileBytes, objectKinds: scan.objectKinds, dropped: unreadFieldsExcept(context.knowledge.fields.map((row) => row.path)) };
  const describe = (description: ClusterDescription) => {
    scan.report(description.findings);
    inventory.environments.push(...description.environments.filter((environment) => isEnvironmentSelected(environment.name, options)));
    inventory.eksAddons.push(...description.eksAddons.filter((addon) => addon.env === undefined || isEnvironmentSelected(addon.env, options)));
  };

  const helm = resolveHelmBinary(options.helmBinary, cwd);
  // Aborted when the scan fails: the helm and kubectl processes already running are ended.
  const abandon = new AbortController();
  const chartOptions: ChartScanOptions = {
    ...scanOptions,
    knowledge: context.knowledge,
    target: context.target,
    userValues: loadUserValues(options.valuesFiles ?? [], options.set ?? [], cwd),
    helm: helm ? { binary: helm, valuesFiles: (options.valuesFiles ?? []).map((file) => resolve(cwd, file)), set: options.set ?? [], signal: abandon.signal } : undefined,
  };
  const renderChart = (chart: string) => scanChart(chart, chartOptions);
  // helm template and kubectl kustomize run as processes of their own, as many at once as there
  // are cores, within the cgroup's CPU quota (kubernetes/ingress-nginx's 20 overlays took 1.45 s one
  // after another and 0.83 s two at a time on two cores); their results are taken in the order the
  // charts and overlays were found. The processes start as soon as the files are listed and run
  // while this thread reads the files.
  const cores = cpuBudget();
  const processes = limitTo(cores);
  let charts: InOrder<ChartScan> | undefined;
  let builds: InOrder<KustomizeBuild> | undefined;
  // The manifest files are read as the paths are expanded (see sources/manifest-files.ts).
  const reading = startReading(scanOptions, options.workers);
  let expanded: ReturnType<typeof expandPaths>;
  let canBuild = false;
  let kustomize: ReturnType<typeof planKustomizations>;
  let done = 0;
  let total = 0;
  try {
    try {
      // Listed folder group by folder group only when a worker can read the first groups' files meanwhile.
      const onFiles = (found: readonly string[]) => reading.add(found);
      expanded = expandPaths(options.paths ?? [], { cwd, exclude: options.exclude, ...(reading.parallel ? { onFiles } : {}) });
      if (!reading.parallel) reading.add(expanded.files);
      kustomize = planKustomizations(expanded.kustomizations);
      canBuild = kustomize.builds.length > 0 && kubectlOnPath();
      // Charts first, as their results are taken first; upshift's own renderer works on this
      // thread, so its charts are rendered in their turn, after the files.
      if (helm) charts = inOrder(expanded.charts, processes, renderChart, PROCESSES_AHEAD);
      if (canBuild) builds = inOrder(kustomize.builds, processes, (kustomization) => buildKustomization(kustomization, kustomize, scanOptions, abandon.signal), PROCESSES_AHEAD);
      // What an overlay that will be built owns is scanned as the overlay renders it, not file by file.
      const owned = (file: string) => canBuild && kustomize.owned.has(file);
      expanded.files = expanded.files.filter((file) => !owned(file));
      total = expanded.files.length + expanded.charts.length + (canBuild ? kustomize.builds.length : 0) + (expanded.terraform.length > 0 ? 1 : 0) + (options.stdin ? 1 : 0);
      if (options.stdin) {
        const contents = readManifestBytes(options.stdin, 'stdin', scanOptions);
        scan.accept(contents.resources, contents.findings);
        options.onProgress?.(++done, total);
      }
      // Results come back in file order whichever thread read them, so the output is the same.
      // A batch of files at a time, handed on by a function of its own: a loop over every file
      // in this long function would have V8 compile all of it to swap it in mid-loop.
      const acceptBatch = (batch: readonly [string, FileResult][]) => {
        for (const [file, contents] of batch) {
          if (isHelmfile(file)) inventory.charts.push(...helmfileReferences(file, cwd));
          scan.accept(contents.resources, contents.findings);
          if (contents.infrastructure) describe(contents.infrastructure);
          options.onProgress?.(++done, total);
        }
      };
      for await (const batch of reading.results(owned)) acceptBatch(batch);
    } finally {
      await reading.stop();
    }
    expanded.files = [];
    if (expanded.terraform.length > 0) {
      const terraform = await readTerraform(expanded.terraform, { ...scanOptions, environments: options.environments });
      scan.accept(terraform.resources, terraform.findings);
      inventory.environments.push(...terraform.environments);
      inventory.eksAddons.push(...terraform.eksAddons);
      inventory.charts.push(...terraform.charts);
      options.onProgress?.(++done, total);
    }
    // (Upshift's own renderer takes no process: its charts do not wait for kubectl's.)
    for await (const contents of charts ?? inOrder(expanded.charts, limitTo(cores), renderChart, cores)) {
      scan.accept(contents.resources, contents.findings);
      inventory.charts.push(...contents.charts);
      if (contents.silentWorkloads.length > 0) (inventory.silentWorkloads ??= []).push(...contents.silentWorkloads);
      options.onProgress?.(++done, total);
    }
    for await (const contents of builds ?? []) {
      scan.accept(contents.resources, contents.findings);
      options.onProgress?.(++done, total);
    }
  } catch (error) {
    // No more processes are started, and those running are ended.
    charts?.stop();
    builds?.stop();
    abandon.abort();
    throw error;
  }
  if (!canBuild) {
    for (const kustomization of kustomize.builds) {
      const path = displayPath(kustomization, cwd);
      scan.report([inputInvalid({ type: 'file', path, line: 1, column: 1 }, `${path}: kubectl is not on PATH, so this kustomization was not built and its files were scanned one by one; install kubectl to scan what the overlay applies`)]);
    }
  }
  checkEnvironmentSelection(options, inventory, scan.renderedEnvironments);
  const report = scan.finish();
  const nothingRead = nothingReadNote(options, total, scan.resourcesRead, inventory, report.findings.filter((finding) => finding.id === 'input-invalid').length);
  if (nothingRead) report.notes = [...(report.notes ?? []), nothingRead];
  return { report, inventory, context, environmentFindings: scan.environmentFindings, ...(nothingRead ? { nothingRead } : {}) };
}

/**
 * Why a scan had nothing to judge, or undefined when it read something. A pipeline pointed at
 * the wrong directory, or fed by a `helm template` that failed, would otherwise pass with
 * "No findings".
 */
function nothingReadNote(options: CheckOptions, total: number, resourcesRead: number, inventory: Inventory, unreadable: number): string | undefined {
  const paths = (options.paths ?? []).join(', ');
  if (total === 0) return `nothing was scanned: no .yaml, .yml or .json manifest, Helm chart, kustomization or Terraform file in ${paths}; check the path (and --exclude)`;
  if (options.stdin?.every(isWhitespaceByte)) {
    return 'standard input is empty, so nothing was read from it; did the command that feeds it (helm template, kustomize build) fail?';
  }
  const foundInfrastructure = inventory.environments.length + inventory.eksAddons.length + inventory.charts.length > 0;
  if (resourcesRead > 0 || foundInfrastructure) return undefined;
  const inputs = [...(options.stdin ? ['standard input'] : []), ...(options.paths ?? [])].join(', ');
  if (unreadable > 0) return `no Kubernetes object was read from ${inputs}: ${unreadable === 1 ? 'an input' : `${unreadable} inputs`} could not be read (see the input-invalid finding${unreadable === 1 ? '' : 's'})`;
  return `no Kubernetes object was read from ${inputs}: no document has both apiVersion and kind, and no cluster, add-on or chart was found; check that these are the manifests to scan`;
}

/** Space, tab, CR or LF: all a failed `helm template | upshift check -f -` leaves on stdin. */
function isWhitespaceByte(byte: number): boolean {
  return byte === 32 || byte === 9 || byte === 10 || byte === 13;
}

/** One scan in progress: sources hand it resources as they read them; finish() builds the report. */
export interface Scan {
  context: CheckContext;
  /** Kinds some selected check wants whole (Check.objectKinds); sources keep `object` only for these. */
  objectKinds: ReadonlySet<string>;
  inventory: Inventory;
  accept(resources: readonly Resource[], problems?: readonly Finding[]): void;
  /** How many resources the sources have handed over so far. */
  readonly resourcesRead: number;
  /** The environments resources were rendered for: Helm values files', Kustomize overlays'. */
  readonly renderedEnvironments: ReadonlySet<string>;
  /** Findings a source made itself (deprecated-api-called from metrics, EKS insights). */
  report(findings: readonly Finding[]): void;
  finish(): Report;
  /** After finish(): the report's findings before they were made one per problem and place. */
  readonly environmentFindings: Finding[];
}

/** Streams resources through the per-resource checks and keeps what the inventory checks need. */
export function startScan(options: CheckOptions): Scan {
  const knowledge = options.knowledge ?? loadKnowledge(options.dataFiles);
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? loadProjectConfig(cwd, options.configFile);
  const context: CheckContext = { ...resolveContext(options, knowledge), config };
  const selected = selectChecks(options);
  const wanted = (check: Check) => [...(check.objectKinds ?? []), ...(check.knowledgeKinds?.(knowledge) ?? [])];
  // Argo CD Applications and ApplicationSets, and Flux HelmReleases and their sources, are read
  // whole for the charts they deploy (inventory.charts: Argo CD's taken in accept, Flux's in finish).
  const objectKinds = new Set([...selected.flatMap(wanted), ...(options.keepKinds ?? []), 'Application', 'ApplicationSet', ...FLUX_KINDS]);
  // Objects stay in the inventory only for the checks that read it after the scan (and the
  // caller's keepKinds); a per-resource check has used its objects by then, so memory does not
  // grow with, say, every Service the field checks read.
  const inventoryKinds = new Set([...selected.filter((check) => check.checkInventory).flatMap(wanted), ...(options.keepKinds ?? [])]);
  const keepsInInventory = (kind: string) => inventoryKinds.has(kind) || inventoryKinds.has('*');
  // The inventory checks read summaries (core/workload-model/object-summary.ts), taken as the
  // objects stream past (or once the per-resource checks have read them, when resources wait for
  // the current version): a large estate's workloads, PDBs and HPAs are kept to the end of the
  // scan, and their decoded objects took several times the memory. Whole objects stay only for a
  // caller that reads them: keepKinds (plan), onInventory (simulate).
  const keptText = sharedText();
  const keepsWhole = (kind: string) => options.onInventory !== undefined || options.keepKinds?.includes(kind) === true || options.keepKinds?.includes('*') === true;
  const namesAddon = (image: string) => knowledge.addons.byImage(parseImageReference(image).repository) !== undefined;
  const compacted = (resource: Resource) => (resource.object && !keepsWhole(resource.kind) ? withSummary(resource, resource.object, keptText, namesAddon) : resource);
  const findings: Finding[] = [];
  // Findings are kept until the report is made; their messages, flat (see detached), unless worded when read.
  const keep = (made: readonly Finding[]) => {
    for (const finding of made) {
      if (!isWorded(finding)) finding.message = detached(finding.message);
      findings.push(finding);
    }
  };
  const inventory: Inventory = { resources: [], charts: [], eksAddons: [], environments: [] };
  const fluxObjects: Resource[] = [];
  // Without --current, the version comes from the infrastructure code, which is only fully
  // known after the scan: resources wait for it instead of being checked as they stream past.
  const waiting: Resource[] | undefined = context.current === undefined ? [] : undefined;
  const checkResources = (resources: readonly Resource[]) => {
    for (const resource of resources) {
      for (const check of selected) if (check.checkResource) keep(check.checkResource(resource, context));
    }
  };
  let environmentFindings: Finding[] = [];
  let resourcesRead = 0;
  const renderedEnvironments = new Set<string>();
  return {
    context,
    objectKinds,
    inventory,
    get environmentFindings() {
      return environmentFindings;
    },
    renderedEnvironments,
    get resourcesRead() {
      return resourcesRead;
    },
    accept(resources, problems = []) {
      resourcesRead += resources.length;
      for (const { origin } of resources) if (origin && 'env' in origin && origin.env) renderedEnvironments.add(origin.env);
      keep(problems);
      if (waiting) appendAll(waiting, resources);
      else checkResources(resources);
      for (const resource of resources) {
        if (resource.object && keepsInInventory(resource.kind)) inventory.resources.push(waiting ? resource : compacted(resource));
        inventory.charts.push(...argoApplicationReferences(resource, cwd), ...argoApplicationSetReferences(resource, cwd));
        if (isFluxObject(resource)) fluxObjects.push(resource);
      }
    },
    report(made) {
      keep(made);
    },
    finish() {
      const { references: fluxReferences, chartless } = fluxCharts(fluxObjects, cwd);
      inventory.charts.push(...fluxReferences);
      fluxObjects.length = 0;
      const inferred = waiting ? lowestClusterVersion(inventory.environments) : undefined;
      if (inferred) {
        if (compareKubeVersions(inferred.version, context.target) > 0) {
          throw new UsageError(`the current version ${inferred.version} (environment ${inferred.environment}) is newer than --target ${context.target}; pass --target, or --env to pick environments`);
        }
        context.current = inferred.version;
      }
      if (waiting) {
        checkResources(waiting);
        waiting.length = 0;
        // The objects waited whole for the per-resource checks; they can go now.
        const kept = inventory.resources;
        for (let index = 0; index < kept.length; index++) kept[index] = compacted(kept[index]);
      }
      // The checks share what they work out from the inventory (the readiness model, the add-on
      // detections), cached per Inventory object: handed a copy of it, they let go of all that once
      // they are done, so that a collection while the report is ordered (when a large scan needs
      // the most memory) can free it. simulate reuses the model: it gets the same copy.
      const judged: Inventory = { ...inventory };
      for (const check of selected) if (check.checkInventory) keep(check.checkInventory(judged, context));
      options.onInventory?.(judged);

      environmentFindings = sortFindings(withoutSuperseded(findings.filter((finding) => isSelected(finding.id, options) && isInSelectedEnvironments(finding, options) && !isIgnoredByConfig(finding, config))));
      const places = oneFindingPerPlace(environmentFindings, (finding) => dueOf(finding, context).rank);
      // Where nothing merged (a scan of plain files), the findings are in order already.
      const reported = places.length === environmentFindings.length && places.every((finding, index) => finding === environmentFindings[index]) ? places : sortFindings(places);
      const report: Report = {
        tool: { ...TOOL },
        platform: context.platform,
        target: context.target,
        findings: reported,
        summary: summarize(reported),
      };
      if (context.current) report.current = context.current;
      report.knowledgeDate = context.knowledge.date;
      if (inferred) report.currentFrom = { environment: inferred.environment, ...(inferred.origin ? { origin: inferred.origin } : {}) };
      const notes = [...beyondCalendar(context), ...versionDisagreements(inventory.environments), ...unnamedCharts(chartless)];
      if (notes.length > 0) report.notes = notes;
      return report;
    },
  };
}

/**
 * A target must lie between the oldest and the newest Kubernetes version the knowledge base
 * speaks of (API lifecycles, forecasts included, and the platform's support calendar): outside,
 * nothing about it is known, and a judgement would look complete without being so.
 */
function requireKnownTarget(target: string, knowledge: Knowledge, platform: Platform): void {
  const calendar = knownVersions(knowledge, platform);
  const lifecycles = knowledge.apis.rows
    .flatMap((row) => (row.component === 'kubernetes' ? [row.deprecatedIn, row.removedIn] : []))
    .filter((version): version is string => typeof version === 'string')
    .sort(compareKubeVersions);
  const known = [...lifecycles, ...calendar].sort(compareKubeVersions);
  const [oldest, newest] = [known[0], known.at(-1)];
  if (oldest && newest && compareKubeVersions(target, oldest) >= 0 && compareKubeVersions(target, newest) <= 0) return;
  throw new UsageError(
    `--target ${target} is outside the versions the knowledge base knows, ${oldest} to ${newest} (API lifecycles ${lifecycles[0]} to ${lifecycles.at(-1)}, the ${platform} support calendar ${calendar[0]} to ${calendar.at(-1)}; knowledge dated ${knowledge.date}); give a version in that range, update upshift, or add rows for ${target} with --data`,
  );
}

/** Flux releases whose chart source is not in the scan are not judged as add-ons: say which. */
function unnamedCharts(releases: readonly string[]): string[] {
  if (releases.length === 0) return [];
  const shown = releases.length > 5 ? `${releases.slice(0, 5).join(', ')} and ${releases.length - 5} more` : releases.join(', ');
  const one = releases.length === 1;
  return [
    `${one ? 'a Flux HelmRelease names a chart source' : `${releases.length} Flux HelmReleases name chart sources`} the scan does not hold (${shown}), so ${one ? 'its chart is not judged as an add-on; scan the folder that holds that source' : 'their charts are not judged as add-ons; scan the folders that hold those sources'} too`,
  ];
}

/** A target past the calendar (planning ahead) is judged on forecasts only: say so. */
function beyondCalendar(context: CheckContext): string[] {
  const newest = newestKnownVersion(context.knowledge, context.platform);
  if (!newest || compareKubeVersions(context.target, newest) <= 0) return [];
  return [
    `--target ${context.target} is newer than the newest ${context.platform} version the support calendar lists (${newest}, knowledge dated ${context.knowledge.date}): its support dates, add-on support and skew rules are not known, and API removals after ${newest} only as forecasts; update upshift or add rows with --data`,
  ];
}

function isEnvironmentSelected(name: string, options: CheckOptions): boolean {
  return !options.environments || options.environments.includes(name);
}

/**
 * --env keeps the findings bound to a named environment (a values file's or an overlay's, a
 * Terraform environment's) and those bound to none, such as a manifest every environment applies.
 */
function isInSelectedEnvironments(finding: Finding, options: CheckOptions): boolean {
  if (!options.environments) return true;
  const fromOrigin = finding.origin && 'env' in finding.origin ? finding.origin.env : undefined;
  const fromDetails = typeof finding.details?.env === 'string' ? finding.details.env : undefined;
  const bound = fromOrigin ?? fromDetails;
  return bound === undefined || isEnvironmentSelected(bound, options);
}

function checkEnvironmentSelection(options: CheckOptions, inventory: Inventory, rendered: ReadonlySet<string>): void {
  const found = new Set([...inventory.environments.map((environment) => environment.name), ...rendered]);
  const missing = (options.environments ?? []).filter((name) => !found.has(name));
  if (missing.length > 0) {
    throw new UsageError(
      `--env ${missing.join(', ')}: no such environment in the scanned Terraform, eksctl or CloudFormation files, Helm values files or Kustomize overlays${found.size ? `; found: ${[...found].join(', ')}` : ''}`,
    );
  }
}

export function resolveContext(options: CheckOptions, knowledge: Knowledge): CheckContext {
  const platform = options.platform ?? 'eks';
  const today = isoDay(options.now ?? new Date());
  const targetText = options.target ?? defaultTarget(knowledge, platform, today);
  if (!targetText) throw new UsageError(`no ${platform} version is in standard support on ${today} according to the knowledge base; pass --target`);
  const target = minorOf(requireKubeVersion(targetText, '--target'));
  requireKnownTarget(target, knowledge, platform);
  const current = options.current === undefined ? undefined : minorOf(requireKubeVersion(options.current, '--current'));
  if (current && compareKubeVersions(current, target) > 0) {
    throw new UsageError(`--current ${current} is newer than --target ${target}; upshift plans upgrades, not downgrades`);
  }
  return { platform, target, current, knowledge, today, componentTargets: options.componentTargets ?? new Map() };
}

function selectChecks(options: CheckOptions): Check[] {
  for (const id of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!isKnownFindingId(id)) {
      throw new UsageError(`unknown check id "${id}"; known ids: ${Object.keys(CATALOG).join(', ')}`);
    }
  }
  const both = (options.only ?? []).filter((id) => options.skip?.includes(id));
  if (both.length > 0) throw new UsageError(`--checks and --skip-checks both name ${both.join(', ')}, which would check nothing for it; keep it in one of them`);
  return Object.values(registeredChecks).filter((check) => check.ids.some((id) => isSelected(id, options)));
}

function isSelected(id: string, options: CheckOptions): boolean {
  if (id === 'input-invalid' || id === 'input-unrendered-template') return true;
  if (options.only?.length && !options.only.includes(id)) return false;
  return !options.skip?.includes(id);
}
