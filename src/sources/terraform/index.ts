// The Terraform source: groups .tf files by module directory, gives each `.tfvars` file
// (next to the module or below it, e.g. env-vars/prod.tfvars) its own environment, and
// reads from each environment its EKS version, node groups, add-ons and Helm releases, and
// once per directory the Kubernetes objects the kubernetes provider creates. A module another
// scanned module calls by a local path is read with each calling environment's arguments.
import { displayPath } from '../../core/display-path.js';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { Finding, Resource } from '../../core/types.js';
import type { ChartReference, EksAddonReference, EnvironmentFact, ValueSite } from '../../core/inventory.js';

import { inputInvalid } from '../input-problem.js';
import type { ManifestOptions } from '../manifest-text.js';
import { eksAddons } from './addons.js';
import { clusterVersion } from './eks-cluster.js';
import { helmReleases } from './helm-release.js';
import { kubernetesResources } from './kubernetes-resources.js';
import { nodeGroups } from './node-groups.js';
import { fargateProfiles } from './fargate-profiles.js';
import { hclParser, parseHcl } from './parse.js';
import { isTerragruntFile, terragruntUnit, unitNames, type TerragruntUnit } from './terragrunt.js';
import { environmentScope, tfvarsJsonValues, tfvarsValues, type EnvironmentScope, type ModuleFile, type VariableValues } from './variables.js';
import { isCreated, moduleBlocks } from './blocks.js';
import { evaluate } from './evaluate.js';

export interface InfrastructureContents {
  resources: Resource[];
  findings: Finding[];
  environments: EnvironmentFact[];
  charts: ChartReference[];
  eksAddons: EksAddonReference[];
}

export interface TerraformOptions extends ManifestOptions {
  cwd: string;
  /** Only these environments (--env); all when absent. */
  environments?: readonly string[];
}

// Parsing HCL costs far more than reading it, so a directory is parsed only when one of its
// files mentions something upshift reads (labels may be quoted or bare); the others cannot
// contribute a fact. A local copy of the EKS module is known by its version argument, a module
// wrapping helm_release by its chart_version.
const RELEVANT = /\bresource\s+"?(?:aws_eks_|helm_release\b|kubernetes_)|terraform-aws-modules\/eks\/aws|terraform-aws-eks|\b(?:kubernetes|cluster|chart)_version\s*=/;

export async function readTerraform(paths: readonly string[], options: TerraformOptions): Promise<InfrastructureContents> {
  const contents: InfrastructureContents = { resources: [], findings: [], environments: [], charts: [], eksAddons: [] };
  const modules = new Map<string, string[]>();
  const tfvars: string[] = [];
  const terragrunt: string[] = [];
  for (const path of paths) {
    if (path.endsWith('.tf')) {
      const directory = dirname(path);
      const files = modules.get(directory);
      if (files) files.push(path);
      else modules.set(directory, [path]);
    } else if (isTerragruntFile(path)) terragrunt.push(path);
    else tfvars.push(path);
  }
  // Code-unit order rather than localeCompare: the output must not depend on the machine's
  // locale, and the first localeCompare of a process spends 20-40 ms loading ICU's collator.
  const sorted = [...modules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Each directory's texts are kept only when it is relevant: holding all of them until the
  // parsing began carried the bench estate's 2,000 irrelevant files through V8's scavenges
  // (GC pauses 17-22 ms a run against 10-11 ms, --trace-gc, six runs each).
  const relevant: [string, { file: string; text: string | undefined }[]][] = [];
  const called = new Set<string>();
  for (const [directory, files] of sorted) {
    const texts = files.map((file) => ({ file, text: readText(file, options.cwd, contents.findings) }));
    for (const { text } of texts) for (const target of localSources(directory, text)) called.add(target);
    if (texts.some(({ text }) => text !== undefined && RELEVANT.test(text))) relevant.push([directory, texts]);
  }
  // How much HCL the scan parses decides how V8 compiles the parser (see hclParser).
  let relevantBytes = 0;
  for (const [, texts] of relevant) for (const { text } of texts) relevantBytes += text?.length ?? 0;
  const units = terragrunt.length > 0 ? await terragruntEnvironments(terragrunt, relevantBytes, options, contents.findings) : new Map<string, NamedUnit[]>();
  // The module directories that other scanned modules call by a local path.
  const children = new Set([...called].filter((target) => modules.has(target)));
  const parsedModules = new Map<string, ModuleFile[]>();
  let parser: Parser | undefined;
  for (const [directory, texts] of relevant) {
    parser ??= await hclParser(relevantBytes);
    const parsed: ModuleFile[] = [];
    for (const { file, text } of texts) {
      if (text === undefined) continue;
      const path = displayPath(file, options.cwd);
      const result = parseHcl(parser, text);
      if (result.ok) parsed.push({ path, body: result.body });
      else contents.findings.push(invalidHcl(path, result));
    }
    parsedModules.set(directory, parsed);
  }
  const environmentsOf = new Map([...parsedModules].map(([directory, parsed]) => [directory, moduleEnvironments(directory, parsed, parser!, tfvars, modules, units, options, contents.findings)]));
  const calls = localModuleCalls(parsedModules, environmentsOf);
  for (const [directory, parsed] of parsedModules) {
    const { environments, scopes, varFiles } = environmentsOf.get(directory)!;
    // With several variables files, the module's .tf lines are shared by every environment.
    const shared = environments > 1;
    // A module another scanned module calls is no cluster of its own: its variables' defaults
    // are not what the caller passes (aws-ia/terraform-aws-eks-blueprints' blue-green-upgrade
    // calls modules/eks_cluster at 1.26 and 1.27; read alone, its default 1.25 was reported as
    // a cluster past its support, and was the version the whole scan started from). Its add-ons
    // and charts are read with what each caller environment passes it (the enable_* switches of
    // aws-ia/terraform-aws-eks-blueprints-addons, all off by default), in that environment.
    const child = environments === 0 && children.has(directory);
    const called = child ? calls.get(directory) : undefined;
    const reads = called ? called.map((call) => ({ name: call.env ?? call.caller, env: call.env, scope: environmentScope(parsed, call.values, call.env) })) : scopes;
    for (const { name, env, scope } of reads) {
      const cluster = child ? undefined : clusterVersion(parsed, scope, env, shared);
      const groups = child ? [] : nodeGroups(parsed, scope, env, cluster?.version, cluster?.site, shared);
      const fargate = child ? [] : fargateProfiles(parsed, scope, env);
      if (cluster || groups.length > 0 || fargate.length > 0) {
        const fact: EnvironmentFact = { name, ...(cluster ? { clusterVersion: cluster.version, origin: cluster.origin } : {}), nodeGroups: groups };
        if (fargate.length > 0) fact.fargateProfiles = fargate;
        if (cluster?.site) fact.versionSite = cluster.site;
        if (cluster?.cluster) fact.cluster = cluster.cluster;
        if (cluster?.clusterNameSource) fact.clusterNameSource = cluster.clusterNameSource;
        if (cluster?.otherClusters) fact.otherClusters = cluster.otherClusters;
        if (cluster?.region) fact.region = cluster.region;
        const varFile = varFiles.get(name);
        fact.terraform = { directory: displayPath(directory, options.cwd), ...(varFile ? { varFile } : {}) };
        contents.environments.push(fact);
      }
      const addons = eksAddons(parsed, scope, env, shared);
      const charts = helmReleases(parsed, scope, env, shared);
      if (called) for (const reference of [...addons, ...charts]) markCalledModule(reference, directory, options.cwd);
      contents.eksAddons.push(...addons);
      contents.charts.push(...charts);
    }
    if (reads.length > 0) contents.resources.push(...kubernetesResources(parsed, reads.map(({ scope }) => scope), options));
  }
  return contents;
}

/** A version set in the lines of a called module (not in what its caller passes) is shared by every caller. */
function markCalledModule(reference: { versionSite?: ValueSite }, directory: string, cwd: string): void {
  const site = reference.versionSite;
  const module = displayPath(directory, cwd);
  if (site && dirname(resolve(cwd, site.path)) === directory) site.shared = { calledModule: module };
}

/** A module directory's environments: one per tfvars file or terragrunt unit (--env selects), else one named by the directory. */
interface ModuleEnvironments {
  /** How many environments the module has of its own (tfvars files, terragrunt units), before --env. */
  environments: number;
  /** The environments read; `env` is undefined for the one a module without environments is read as. */
  scopes: { name: string; env: string | undefined; scope: EnvironmentScope }[];
  varFiles: Map<string, string>;
}

function moduleEnvironments(directory: string, parsed: readonly ModuleFile[], parser: Parser, tfvars: readonly string[], modules: ReadonlyMap<string, string[]>, units: ReadonlyMap<string, NamedUnit[]>, options: TerraformOptions, findings: Finding[]): ModuleEnvironments {
  const owned = tfvars.filter((file) => ownerOf(file, modules) === directory);
  const varFiles = new Map(owned.map((file) => [environmentName(file), displayPath(file, options.cwd)]));
  const environments = [...readEnvironments(parser, owned, options, findings)];
  // Each terragrunt.hcl that applies this module is an environment; its inputs are the values.
  for (const { name, unit } of units.get(resolve(options.cwd, directory)) ?? []) {
    environments.push([name, unit.values]);
    varFiles.set(name, displayPath(unit.file, options.cwd));
  }
  const selected = environments.filter(([name]) => !options.environments || options.environments.includes(name));
  const scopes = selected.map(([name, values]) => ({ name, env: name as string | undefined, scope: environmentScope(parsed, values, name) }));
  if (environments.length === 0) scopes.push({ name: displayPath(directory, options.cwd), env: undefined, scope: environmentScope(parsed, undefined, undefined) });
  return { environments: environments.length, scopes, varFiles };
}

/** What one environment of a module passes to a module it calls by a local path. */
interface LocalModuleCall {
  /** The calling environment (undefined when the caller has none of its own). */
  env: string | undefined;
  /** The caller's name for that environment: its environment, else its directory. */
  caller: string;
  values: VariableValues;
}

// Arguments of a module block that are Terraform's, not the called module's variables.
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** Every call of a scanned module by a local path, by the called directory, with each calling environment's arguments. */
function localModuleCalls(parsedModules: ReadonlyMap<string, readonly ModuleFile[]>, environmentsOf: ReadonlyMap<string, ModuleEnvironments>): Map<string, LocalModuleCall[]> {
  const calls = new Map<string, LocalModuleCall[]>();
  for (const [directory, parsed] of parsedModules) {
    const found = moduleBlocks(parsed, (source) => /^\.\.?(\/|$)/.test(source) && parsedModules.has(resolve(directory, source)));
    for (const { file, block } of found) {
      const source = block.body.attributes.get('source')!.value;
      const target = resolve(directory, (source as { value: string }).value);
      if (target === directory) continue;
      for (const { name, env, scope } of environmentsOf.get(directory)!.scopes) {
        if (!isCreated(block, scope)) continue;
        const values: VariableValues = new Map();
        for (const attribute of block.body.attributes.values()) {
          if (!META_ARGUMENTS.has(attribute.name)) values.set(attribute.name, { value: evaluate(attribute.value, scope), origin: { type: 'terraform', path: file.path, line: attribute.line } });
        }
        calls.set(target, [...(calls.get(target) ?? []), { env, caller: name, values }]);
      }
    }
  }
  return calls;
}

interface NamedUnit {
  name: string;
  unit: TerragruntUnit;
}

/** The terragrunt.hcl units of local modules, by the module's absolute directory, each with its environment name. */
async function terragruntEnvironments(files: readonly string[], moduleBytes: number, options: TerraformOptions, findings: Finding[]): Promise<Map<string, NamedUnit[]>> {
  const parser = await hclParser(moduleBytes);
  const byModule = new Map<string, TerragruntUnit[]>();
  for (const file of [...files].sort()) {
    const text = readText(file, options.cwd, findings);
    if (text === undefined) continue;
    const path = displayPath(file, options.cwd);
    const result = parseHcl(parser, text);
    if (!result.ok) {
      findings.push(invalidHcl(path, result));
      continue;
    }
    const unit = terragruntUnit(resolve(options.cwd, file), result.body, path);
    if (unit) byModule.set(unit.module, [...(byModule.get(unit.module) ?? []), unit]);
  }
  const named = new Map<string, NamedUnit[]>();
  for (const [module, list] of byModule) {
    const names = unitNames(list, options.cwd);
    named.set(module, list.map((unit, index) => ({ name: names[index], unit })));
  }
  return named;
}

// A module call by a local path: `source = "../modules/eks"` (Terraform requires the ./ or ../).
const LOCAL_SOURCE = /\bsource\s*=\s*"(\.\.?(?:\/[^"]*)?)"/g;

/** The other directories a module file in `directory` calls by a local path. */
function localSources(directory: string, text: string | undefined): string[] {
  const targets = [...(text?.matchAll(LOCAL_SOURCE) ?? [])].map((match) => resolve(directory, match[1]));
  return targets.filter((target) => target !== directory);
}

/** A tfvars file belongs to the nearest module directory at or above it. */
function ownerOf(file: string, modules: ReadonlyMap<string, string[]>): string | undefined {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    if (modules.has(directory)) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

function* readEnvironments(parser: Parser, files: readonly string[], options: TerraformOptions, findings: Finding[]): Generator<[string, VariableValues]> {
  for (const file of [...files].sort()) {
    const text = readText(file, options.cwd, findings);
    if (text === undefined) continue;
    const path = displayPath(file, options.cwd);
    const name = environmentName(file);
    if (file.endsWith('.json')) {
      const values = tfvarsJsonValues(text, path);
      if (values instanceof Map) yield [name, values];
      else findings.push(inputInvalid({ type: 'terraform', path, line: values.line, column: values.column }, `${path}:${values.line}:${values.column}: invalid JSON variable file: ${values.message}; fix the syntax`));
      continue;
    }
    const result = parseHcl(parser, text);
    if (result.ok) yield [name, tfvarsValues(result.body, path)];
    else findings.push(invalidHcl(path, result));
  }
}

/** A variables file names its environment: env-vars/prod.tfvars is "prod". */
function environmentName(file: string): string {
  return basename(file).replace(/\.tfvars(\.json)?$/, '');
}

function invalidHcl(path: string, problem: { line: number; column: number; message: string }): Finding {
  return inputInvalid(
    { type: 'terraform', path, line: problem.line, column: problem.column },
    `${path}:${problem.line}:${problem.column}: invalid HCL: ${problem.message}; fix the syntax (terraform validate reports the same error)`,
  );
}

function readText(file: string, cwd: string, findings: Finding[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const path = displayPath(file, cwd);
    findings.push(inputInvalid({ type: 'terraform', path, line: 1 }, `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check that it is a readable file`));
    return undefined;
  }
}
