// How each environment is applied, in the tooling the estate uses: Terraform through the
// wrapper script that takes the environment (`./launch.sh ENV`), or with -chdir and the
// environment's state selected (`init -backend-config=backend/ENV.hcl`, or its workspace);
// Terragrunt from the environment's terragrunt.hcl directory (or the module's, when Terragrunt
// wraps it); eksctl and CloudFormation with their files; the AWS CLI when no code declares the cluster.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Origin } from '../core/types.js';
import { originPath } from '../core/origin-path.js';
import type { NodeGroupFact } from '../core/inventory.js';
import type { PlannedEnvironment } from './environments.js';

export type Tool = 'terraform' | 'eksctl' | 'cloudformation' | 'aws';

export function toolOf(origin: Origin | undefined): Tool {
  if (origin?.type === 'terraform') return 'terraform';
  if (origin?.type === 'file' && /cloudformation|cfn/i.test(origin.path)) return 'cloudformation';
  if (origin?.type === 'file') return 'eksctl';
  return 'aws';
}

/** Stands for a cluster name the code does not let upshift compute; the manual says which expression names it. */
export const UNKNOWN_CLUSTER_NAME = '<cluster-name>';

/**
 * The cluster's name as commands take it: as the code computes it, else as the root module's
 * output prints it from the environment's state (see clusterNameCommands), else a placeholder.
 */
export function clusterName(env: PlannedEnvironment): string {
  if (env.cluster) return env.cluster;
  if (env.origin?.type === 'eks') return env.origin.cluster;
  const source = env.clusterNameSource;
  if (source?.output) return `"$(terraform -chdir=${moduleDirectory(env)} output -raw ${source.output})"`;
  return source || env.unnamed ? UNKNOWN_CLUSTER_NAME : env.name;
}

/** The cluster's name for a title: undefined when only a command or a placeholder stands for it. */
export function clusterLabel(env: PlannedEnvironment): string | undefined {
  const name = clusterName(env);
  return name === UNKNOWN_CLUSTER_NAME || name.startsWith('"$(') ? undefined : name;
}

/** What must run before the first command that reads the cluster's name from a Terraform output: the init that selects the environment's state. */
export function clusterNameCommands(env: PlannedEnvironment, cwd: string): string[] {
  return !env.cluster && env.clusterNameSource?.output ? terraformState(env, cwd).select : [];
}

/** The AWS CLI reads the region from the profile unless told: the code's own region, when it sets one. */
export function awsRegion(env: PlannedEnvironment): string {
  return env.region ? ` --region ${env.region}` : '';
}

/** The commands that apply the environment's infrastructure code as it stands. */
export function applyCommands(env: PlannedEnvironment, cwd: string): string[] {
  const path = originPath(env.origin);
  switch (toolOf(env.origin)) {
    case 'terraform':
      return terraformApply(env, cwd);
    case 'cloudformation':
      return [`aws cloudformation deploy${awsRegion(env)} --template-file ${path} --stack-name ${env.name}`];
    case 'eksctl':
      return [`eksctl upgrade cluster --config-file ${path} --approve`];
    case 'aws':
      return [];
  }
}

export function controlPlaneCommands(env: PlannedEnvironment, to: string, cwd: string): string[] {
  return toolOf(env.origin) === 'aws' ? [`aws eks update-cluster-version${awsRegion(env)} --name ${clusterName(env)} --kubernetes-version ${to}`] : applyCommands(env, cwd);
}

export function nodeGroupCommands(env: PlannedEnvironment, group: NodeGroupFact, to: string, cwd: string): string[] {
  switch (toolOf(group.origin ?? env.origin)) {
    case 'terraform':
    case 'cloudformation':
      return applyCommands(env, cwd);
    case 'eksctl':
      return [`eksctl upgrade nodegroup --cluster ${clusterName(env)}${awsRegion(env)} --name ${group.name} --kubernetes-version ${to}`];
    case 'aws':
      return [`aws eks update-nodegroup-version${awsRegion(env)} --cluster-name ${clusterName(env)} --nodegroup-name ${group.name} --kubernetes-version ${to}`];
  }
}

/** The node label that names a node's group: eksctl's on the self-managed groups it launches, EKS's on managed ones. */
export function nodeGroupLabel(group: NodeGroupFact): string {
  return group.selfManaged ? 'alpha.eksctl.io/nodegroup-name' : 'eks.amazonaws.com/nodegroup';
}

/** Where and how a copy of an eksctl node group is declared: "under nodeGroups as NEW, with an AMI built for X ...". */
export function eksctlCopy(group: NodeGroupFact, newName: string, to: string): string {
  const ami = group.ami ? `, with an AMI built for ${to} in place of its ami ${group.ami}` : '';
  return `under ${group.selfManaged ? 'nodeGroups' : 'managedNodeGroups'} as ${newName}${ami}`;
}

/** Deletes an eksctl node group; eksctl drains its nodes first, as far as the PodDisruptionBudgets let it. */
export function eksctlDeleteNodeGroup(env: PlannedEnvironment, name: string): string {
  return `eksctl delete nodegroup --cluster ${clusterName(env)}${awsRegion(env)} --name ${name}`;
}

/**
 * Why `eksctl upgrade nodegroup` cannot move this group, if it cannot: eksctl upgrades only managed
 * node groups (a self-managed one, the config file's nodeGroups, is replaced, as eksctl's guide to
 * unmanaged nodegroups says), and of those only the AMIs it chooses itself (a pinned ami: needs
 * a launch template of one's own).
 */
export function eksctlCannotUpgrade(group: NodeGroupFact): string | undefined {
  if (group.selfManaged) return 'eksctl upgrades only managed node groups';
  if (group.ami) return `eksctl upgrade nodegroup keeps its pinned ami ${group.ami}`;
  return undefined;
}

/**
 * Replaces an eksctl node group that eksctl cannot upgrade (see eksctlCannotUpgrade): a copy under
 * a new name is created, which eksctl launches with the AMI of the control plane's version
 * (unless the copy pins an AMI of its own), then the old one is deleted.
 */
export function eksctlReplacement(env: PlannedEnvironment, group: NodeGroupFact, newName: string, to: string): { items: string[]; commands: string[] } {
  const path = originPath(group.origin ?? env.origin);
  return {
    items: [
      `In ${path}, copy node group ${group.name} ${eksctlCopy(group, newName, to)}, after the control plane is at ${to}`,
      `Once ${group.name} is deleted, remove it from ${path}`,
    ],
    commands: [`eksctl create nodegroup --config-file ${path} --include ${newName}`, eksctlDeleteNodeGroup(env, group.name)],
  };
}

export function updateConfigCommand(env: PlannedEnvironment, group: NodeGroupFact, maxUnavailable: string): string {
  const setting = maxUnavailable.endsWith('%') ? `maxUnavailablePercentage=${maxUnavailable.slice(0, -1)}` : `maxUnavailable=${maxUnavailable}`;
  return `aws eks update-nodegroup-config${awsRegion(env)} --cluster-name ${clusterName(env)} --nodegroup-name ${group.name} --update-config ${setting}`;
}

/** A node group named after its version ("general-1-28") is renamed for the new one. */
export function nodeGroupNameFor(name: string, from: string, to: string): string {
  const dashedFrom = from.replace('.', '-');
  const dashedTo = to.replace('.', '-');
  return name.endsWith(dashedFrom) ? `${name.slice(0, -dashedFrom.length)}${dashedTo}` : `${name}-${dashedTo}`;
}

/** Deleting the old cluster, in its own tooling, with the state or stack that holds it. */
export function deleteClusterCommands(env: PlannedEnvironment, cwd: string): string[] {
  const path = originPath(env.origin);
  switch (toolOf(env.origin)) {
    case 'terraform': {
      const unit = terragruntUnitDirectory(env);
      if (unit) return [inDirectory(unit, 'terragrunt destroy')];
      // Destroy from the environment's own state and variables, never whichever state is selected.
      const { select, run } = terraformState(env, cwd);
      return viaTerragrunt(env, cwd, [...select, `${run} destroy${varFileOption(env)}`]);
    }
    case 'cloudformation':
      return [`aws cloudformation delete-stack${awsRegion(env)} --stack-name ${env.name}`];
    case 'eksctl':
      return [`eksctl delete cluster --config-file ${path}`];
    case 'aws':
      return [`aws eks delete-cluster${awsRegion(env)} --name ${clusterName(env)}`];
  }
}

const WRAPPER_NAMES = /\.(sh|bash)$/;

/**
 * How a Terraform environment is applied: a wrapper script beside (or above) the module that
 * takes the environment's name; else `init -backend-config` with the environment's backend
 * file; else its workspace. Every command names the module directory.
 */
function terraformApply(env: PlannedEnvironment, cwd: string): string[] {
  const unit = terragruntUnitDirectory(env);
  if (unit) return [inDirectory(unit, 'terragrunt apply')];
  const wrapper = findWrapper(moduleDirectory(env), cwd);
  if (wrapper) {
    const at = dirname(wrapper);
    return [at === '.' ? `./${basename(wrapper)} ${env.name}` : `(cd ${at} && ./${basename(wrapper)} ${env.name})`];
  }
  const { select, run } = terraformState(env, cwd);
  return viaTerragrunt(env, cwd, [...select, `${run} apply${varFileOption(env)}`]);
}

/** The directory of the environment's own terragrunt.hcl (its values are that file's inputs), when it has one. */
function terragruntUnitDirectory(env: PlannedEnvironment): string | undefined {
  const file = env.terraform?.varFile;
  return file && basename(file) === 'terragrunt.hcl' ? dirname(file) : undefined;
}

function inDirectory(directory: string, command: string): string {
  return directory === '.' ? command : `(cd ${directory} && ${command})`;
}

/**
 * A module directory with its own terragrunt.hcl (Terragrunt generates its backend and providers)
 * is run through Terragrunt, which passes the same arguments on to Terraform.
 */
function viaTerragrunt(env: PlannedEnvironment, cwd: string, commands: string[]): string[] {
  const directory = moduleDirectory(env);
  if (!existsSync(resolve(cwd, directory, 'terragrunt.hcl'))) return commands;
  const prefix = `terraform -chdir=${directory} `;
  return commands.map((command) => (command.startsWith(prefix) ? inDirectory(directory, `terragrunt ${command.slice(prefix.length)}`) : command));
}

/**
 * The commands that apply the Terraform root module in `directory` when it is none of the
 * planned environments: a root of add-ons alone, whose providers reach a cluster its code does not
 * name. Applying an environment's root does not apply it.
 */
export function rootApplyCommands(directory: string, cwd: string): string[] {
  if (existsSync(resolve(cwd, directory, 'terragrunt.hcl'))) return [inDirectory(directory, 'terragrunt apply')];
  return [`terraform -chdir=${directory} init`, `terraform -chdir=${directory} apply`];
}

/** Whether `path` (a file of Terraform code) is in the environment's root module directory. */
export function inEnvironmentRoot(env: PlannedEnvironment, path: string): boolean {
  return dirname(path) === moduleDirectory(env);
}

function moduleDirectory(env: PlannedEnvironment): string {
  return env.terraform?.directory ?? dirname(originPath(env.origin) ?? '.');
}

/** The commands that select the environment's state: its backend file, else its workspace. */
function terraformState(env: PlannedEnvironment, cwd: string): { select: string[]; run: string } {
  const directory = moduleDirectory(env);
  const run = `terraform -chdir=${directory}`;
  const backend = findBackendConfig(directory, env.name, cwd);
  if (backend) return { select: [`${run} init -reconfigure -backend-config=${backend}`], run };
  if (env.terraform?.varFile) return { select: [`${run} init`, `${run} workspace select ${env.name}`], run };
  return { select: [`${run} init`], run };
}

/** -var-file is read relative to the -chdir directory. */
function varFileOption(env: PlannedEnvironment): string {
  return env.terraform?.varFile ? ` -var-file=${relative(moduleDirectory(env), env.terraform.varFile)}` : '';
}

/** A shell script in the module directory or a parent (up to the current one) that runs terraform with its first argument. */
function findWrapper(directory: string, cwd: string): string | undefined {
  for (let at = directory; ; at = dirname(at)) {
    for (const name of listFiles(resolve(cwd, at))) {
      if (!WRAPPER_NAMES.test(name)) continue;
      const text = readText(resolve(cwd, at, name));
      if (text && /\bterraform\b/.test(text) && /\$\{?1\b/.test(text) && /\b(init|apply)\b/.test(text)) return join(at, name);
    }
    if (at === '.' || at === dirname(at) || resolve(cwd, at) === resolve(cwd)) return undefined;
  }
}

/** backend/ENV.hcl, backends/ENV.tfbackend, ENV.backend.hcl... relative to the module directory. */
function findBackendConfig(directory: string, env: string, cwd: string): string | undefined {
  const root = resolve(cwd, directory);
  const candidates = [root, ...listFiles(root).map((name) => join(root, name)).filter(isDirectory)];
  for (const folder of candidates) {
    for (const name of listFiles(folder)) {
      const stem = name.replace(/(\.backend)?\.(hcl|tfbackend)$/, '');
      if (stem === name || name === 'terragrunt.hcl') continue;
      if (stem === env || stem === `backend-${env}` || stem === `backend.${env}` || stem === `${env}.backend`) return relative(root, join(folder, name));
    }
  }
  return undefined;
}

function listFiles(directory: string): string[] {
  try {
    return readdirSync(directory).sort();
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readText(path: string): string | undefined {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
