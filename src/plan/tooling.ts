// The concrete change in the team's own tooling for each kind of step: the tfvars line when
// Terraform declares the version, the eksctl command for eksctl configs, the CloudFormation
// parameter for stacks, the AWS CLI otherwise.
import type { Origin } from '../core/types.js';
import type { NodeGroupFact } from '../core/inventory.js';
import type { PlannedEnvironment } from './environments.js';
import type { Change } from './types.js';

type Tool = 'terraform' | 'eksctl' | 'cloudformation' | 'aws';

function toolOf(origin: Origin | undefined): Tool {
  if (origin?.type === 'terraform') return 'terraform';
  if (origin?.type === 'file' && /cloudformation|cfn/i.test(origin.path)) return 'cloudformation';
  if (origin?.type === 'file') return 'eksctl';
  return 'aws';
}

export function clusterName(env: PlannedEnvironment): string {
  return env.origin?.type === 'eks' ? env.origin.cluster : env.name;
}

function pathOf(origin: Origin | undefined): string | undefined {
  return origin && 'path' in origin ? origin.path : undefined;
}

function lineOf(origin: Origin | undefined): number | undefined {
  return origin && 'line' in origin ? origin.line : undefined;
}

/** The edit to one version line, in the file that declares it. */
function versionEdit(origin: Origin | undefined, from: string, to: string): Change {
  const tool = toolOf(origin);
  const quoted = (version: string) =>
    tool === 'terraform' ? `cluster_version = "${version}"` : tool === 'cloudformation' ? `Default: '${version}'` : `version: "${version}"`;
  return { file: pathOf(origin), line: lineOf(origin), from: quoted(from), to: quoted(to) };
}

export function controlPlaneChange(env: PlannedEnvironment, from: string, to: string): Change {
  const path = pathOf(env.origin);
  switch (toolOf(env.origin)) {
    case 'terraform':
      return { ...versionEdit(env.origin, from, to), command: `terraform apply -var-file=${path}` };
    case 'cloudformation':
      return { ...versionEdit(env.origin, from, to), command: `aws cloudformation deploy --template-file ${path} --stack-name ${env.name} --parameter-overrides KubernetesVersion=${to}` };
    case 'eksctl':
      return { ...versionEdit(env.origin, from, to), command: `eksctl upgrade cluster --config-file ${path} --approve` };
    case 'aws':
      return { command: `aws eks update-cluster-version --name ${clusterName(env)} --kubernetes-version ${to}` };
  }
}

export function nodeGroupChange(env: PlannedEnvironment, group: NodeGroupFact, from: string, to: string): Change {
  const origin = group.origin ?? env.origin;
  switch (toolOf(origin)) {
    case 'terraform':
      return { file: pathOf(origin), line: lineOf(origin), from, to, command: `terraform apply -var-file=${pathOf(env.origin) ?? pathOf(origin)}` };
    case 'eksctl':
      return { command: `eksctl upgrade nodegroup --cluster ${clusterName(env)} --name ${group.name} --kubernetes-version ${to}` };
    default:
      return { command: `aws eks update-nodegroup-version --cluster-name ${clusterName(env)} --nodegroup-name ${group.name} --kubernetes-version ${to}` };
  }
}

export function updateConfigCommand(env: PlannedEnvironment, group: NodeGroupFact, maxUnavailable: string): string {
  const setting = maxUnavailable.endsWith('%') ? `maxUnavailablePercentage=${maxUnavailable.slice(0, -1)}` : `maxUnavailable=${maxUnavailable}`;
  return `aws eks update-nodegroup-config --cluster-name ${clusterName(env)} --nodegroup-name ${group.name} --update-config ${setting}`;
}

export function newNodeGroupChange(env: PlannedEnvironment, group: NodeGroupFact, newName: string, to: string): Change {
  const origin = group.origin ?? env.origin;
  switch (toolOf(origin)) {
    case 'terraform':
      return { file: pathOf(origin), line: lineOf(origin), from: group.name, to: `${group.name} + ${newName} (version ${to})`, command: `terraform apply -var-file=${pathOf(env.origin) ?? pathOf(origin)}` };
    case 'eksctl':
      return { file: pathOf(origin), line: lineOf(origin), to: newName, command: `eksctl create nodegroup --config-file ${pathOf(origin)} --include ${newName}` };
    default:
      return { command: `aws eks create-nodegroup --cluster-name ${clusterName(env)} --nodegroup-name ${newName} --kubernetes-version ${to} --node-role <node-role-arn> --subnets <subnet-ids>` };
  }
}

export function newClusterChange(env: PlannedEnvironment, newName: string, from: string, to: string): Change {
  const path = pathOf(env.origin);
  switch (toolOf(env.origin)) {
    case 'terraform': {
      const copy = path!.replace(/(\.tfvars)?$/, `-${to.replace('.', '-')}.tfvars`);
      return { ...versionEdit(env.origin, from, to), file: copy, command: `cp ${path} ${copy} && terraform workspace new ${newName} && terraform apply -var-file=${copy}` };
    }
    case 'cloudformation':
      return { ...versionEdit(env.origin, from, to), command: `aws cloudformation deploy --template-file ${path} --stack-name ${newName} --parameter-overrides KubernetesVersion=${to}` };
    case 'eksctl':
      return { ...versionEdit(env.origin, from, to), command: `eksctl create cluster --config-file <copy of ${path} with metadata.name ${newName}>` };
    case 'aws':
      return { command: `aws eks create-cluster --name ${newName} --kubernetes-version ${to} --role-arn <cluster-role-arn> --resources-vpc-config subnetIds=<subnet-ids>` };
  }
}

export function deleteClusterCommand(env: PlannedEnvironment): string {
  switch (toolOf(env.origin)) {
    case 'terraform':
      return `terraform workspace select default && terraform destroy -var-file=${pathOf(env.origin)}`;
    case 'cloudformation':
      return `aws cloudformation delete-stack --stack-name ${env.name}`;
    case 'eksctl':
      return `eksctl delete cluster --config-file ${pathOf(env.origin)}`;
    case 'aws':
      return `aws eks delete-cluster --name ${clusterName(env)}`;
  }
}

/** A node group named after its version ("general-1-28") is renamed for the new one. */
export function nodeGroupNameFor(name: string, from: string, to: string): string {
  const dashedFrom = from.replace('.', '-');
  const dashedTo = to.replace('.', '-');
  return name.endsWith(dashedFrom) ? `${name.slice(0, -dashedFrom.length)}${dashedTo}` : `${name}-${dashedTo}`;
}
