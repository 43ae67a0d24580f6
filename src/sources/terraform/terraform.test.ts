// The Terraform source on the example estate (six tfvars environments) and on small
// fixtures: exact environments, add-ons, charts, Kubernetes objects and input problems.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expandPaths } from '../files.js';
import { readTerraform } from './index.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

async function read(path: string, environments?: string[]) {
  const { terraform } = expandPaths([path], { cwd: ROOT });
  return readTerraform(terraform, { cwd: ROOT, objectKinds: new Set(), environments });
}

const TF = 'examples/estate/infra/terraform';

describe('the example estate', () => {
  it('gives one environment per tfvars file, with versions resolved through variables and locals', async () => {
    const contents = await read(TF);
    expect(contents.findings).toEqual([]);
    expect(contents.environments.map((env) => [env.name, env.clusterVersion, env.origin, env.nodeGroups.map((group) => [group.name, group.version, group.amiType, group.maxUnavailable, group.desiredSize])])).toEqual([
      ['dev', '1.29', { type: 'terraform', path: `${TF}/env-vars/dev.tfvars`, line: 5, env: 'dev', address: 'module.eks' }, [['general-1-29', '1.29', 'AL2023_x86_64_STANDARD', '33%', 3], ['batch-1-29', '1.29', 'AL2023_x86_64_STANDARD', '1', 1]]],
      ['lab', '1.28', { type: 'terraform', path: `${TF}/env-vars/lab.tfvars`, line: 3, env: 'lab', address: 'module.eks' }, [['general-1-28', '1.28', 'AL2023_x86_64_STANDARD', '33%', 2], ['batch-1-28', '1.28', 'AL2023_x86_64_STANDARD', '1', 0]]],
      ['production', '1.28', { type: 'terraform', path: `${TF}/env-vars/production.tfvars`, line: 2, env: 'production', address: 'module.eks' }, [['general-1-28', '1.28', 'AL2_x86_64', '33%', 12], ['batch-1-28', '1.28', 'AL2_x86_64', '1', 2]]],
      ['staging-2', '1.28', { type: 'terraform', path: `${TF}/env-vars/staging-2.tfvars`, line: 4, env: 'staging-2', address: 'module.eks' }, [['general-1-27', '1.27', 'AL2_x86_64', '33%', 3], ['batch-1-27', '1.27', 'AL2_x86_64', '1', 1]]],
      ['staging', '1.28', { type: 'terraform', path: `${TF}/env-vars/staging.tfvars`, line: 2, env: 'staging', address: 'module.eks' }, [['general-1-28', '1.28', 'AL2_x86_64', '33%', 3], ['batch-1-28', '1.28', 'AL2_x86_64', '1', 1]]],
      ['work', '1.28', { type: 'terraform', path: `${TF}/env-vars/work.tfvars`, line: 3, env: 'work', address: 'module.eks' }, [['general-1-28', '1.28', 'AL2_x86_64', '33%', 2], ['batch-1-28', '1.28', 'AL2_x86_64', '1', 0]]],
    ]);
    expect(contents.environments[0].nodeGroups[0].origin).toEqual({ type: 'terraform', path: `${TF}/main.tf`, line: 85, env: 'dev', address: 'module.eks' });
    // Where each environment's versions are set: coalesce(var.node_group_version, var.cluster_version) is followed to the tfvars line that wins.
    expect(contents.environments.map((env) => [env.name, env.cluster, env.terraform, env.versionSite, env.nodeGroups[0].versionSite])).toEqual([
      ['dev', 'acme-dev', { directory: TF, varFile: `${TF}/env-vars/dev.tfvars` }, { path: `${TF}/env-vars/dev.tfvars`, line: 5, value: '1.29' }, { path: `${TF}/env-vars/dev.tfvars`, line: 5, value: '1.29' }],
      ['lab', 'acme-lab', { directory: TF, varFile: `${TF}/env-vars/lab.tfvars` }, { path: `${TF}/env-vars/lab.tfvars`, line: 3, value: '1.28' }, { path: `${TF}/env-vars/lab.tfvars`, line: 3, value: '1.28' }],
      ['production', 'acme-production', { directory: TF, varFile: `${TF}/env-vars/production.tfvars` }, { path: `${TF}/env-vars/production.tfvars`, line: 2, value: '1.28' }, { path: `${TF}/env-vars/production.tfvars`, line: 2, value: '1.28' }],
      ['staging-2', 'acme-staging-2', { directory: TF, varFile: `${TF}/env-vars/staging-2.tfvars` }, { path: `${TF}/env-vars/staging-2.tfvars`, line: 4, value: '1.28' }, { path: `${TF}/env-vars/staging-2.tfvars`, line: 5, value: '1.27' }],
      ['staging', 'acme-staging', { directory: TF, varFile: `${TF}/env-vars/staging.tfvars` }, { path: `${TF}/env-vars/staging.tfvars`, line: 2, value: '1.28' }, { path: `${TF}/env-vars/staging.tfvars`, line: 2, value: '1.28' }],
      ['work', 'acme-work', { directory: TF, varFile: `${TF}/env-vars/work.tfvars` }, { path: `${TF}/env-vars/work.tfvars`, line: 3, value: '1.28' }, { path: `${TF}/env-vars/work.tfvars`, line: 3, value: '1.28' }],
    ]);
  });

  it('reads the pinned EKS add-ons and the helm_release charts per environment, honouring count', async () => {
    const contents = await read(TF, ['work']);
    expect(contents.eksAddons).toEqual([
      // Literal versions in addons.tf, which every environment's tfvars shares.
      { name: 'vpc-cni', version: 'v1.15.0-eksbuild.2', versionSite: { path: `${TF}/addons.tf`, line: 8, value: 'v1.15.0-eksbuild.2', shared: {} }, env: 'work', origin: { type: 'terraform', path: `${TF}/addons.tf`, line: 5, address: 'aws_eks_addon.vpc_cni', env: 'work' } },
      { name: 'coredns', version: 'v1.10.1-eksbuild.2', versionSite: { path: `${TF}/addons.tf`, line: 23, value: 'v1.10.1-eksbuild.2', shared: {} }, env: 'work', origin: { type: 'terraform', path: `${TF}/addons.tf`, line: 20, address: 'aws_eks_addon.coredns', env: 'work' } },
      { name: 'kube-proxy', version: 'v1.28.1-eksbuild.1', versionSite: { path: `${TF}/addons.tf`, line: 32, value: 'v1.28.1-eksbuild.1', shared: {} }, env: 'work', origin: { type: 'terraform', path: `${TF}/addons.tf`, line: 29, address: 'aws_eks_addon.kube_proxy', env: 'work' } },
      { name: 'aws-ebs-csi-driver', version: 'v1.22.0-eksbuild.2', versionSite: { path: `${TF}/addons.tf`, line: 39, value: 'v1.22.0-eksbuild.2', shared: {} }, env: 'work', origin: { type: 'terraform', path: `${TF}/addons.tf`, line: 36, address: 'aws_eks_addon.ebs_csi', env: 'work' } },
    ]);
    expect(contents.charts.map((chart) => [chart.release, chart.chart, chart.version, chart.repository, chart.origin.type === 'terraform' && chart.origin.line])).toEqual([
      ['cluster-autoscaler', 'cluster-autoscaler', '9.29.0', 'https://kubernetes.github.io/autoscaler', 4],
      ['aws-load-balancer-controller', 'aws-load-balancer-controller', '1.4.2', 'https://aws.github.io/eks-charts', 46],
      ['ingress-nginx', 'ingress-nginx', '4.7.1', 'https://kubernetes.github.io/ingress-nginx', 74],
      ['metrics-server', 'metrics-server', '3.10.0', 'https://kubernetes-sigs.github.io/metrics-server/', 85],
    ]);
    expect((await read(TF, ['production'])).charts.map((chart) => chart.chart)).toEqual(['cluster-autoscaler', 'aws-load-balancer-controller', 'ingress-nginx', 'metrics-server', 'base', 'istiod']);
  });

  it('turns kubernetes_* resources into Resources once, at their file, line and address', async () => {
    const contents = await read(TF);
    expect(contents.resources.map((resource) => [resource.apiVersion, resource.kind, resource.namespace, resource.name, resource.origin])).toEqual([
      ['apps/v1', 'Deployment', 'platform', 'backoffice', { type: 'terraform', path: `${TF}/backoffice.tf`, line: 4, address: 'kubernetes_deployment_v1.backoffice' }],
      ['v1', 'Namespace', undefined, 'platform', { type: 'terraform', path: `${TF}/kubernetes.tf`, line: 4, address: 'kubernetes_namespace.platform' }],
      ['extensions/v1beta1', 'Ingress', 'platform', 'backoffice', { type: 'terraform', path: `${TF}/kubernetes.tf`, line: 14, address: 'kubernetes_ingress.backoffice' }],
      ['policy/v1beta1', 'PodDisruptionBudget', 'kube-system', 'coredns-pdb', { type: 'terraform', path: `${TF}/kubernetes.tf`, line: 40, address: 'kubernetes_pod_disruption_budget.coredns' }],
      ['batch/v1beta1', 'CronJob', 'platform', 'velero-backup-report', { type: 'terraform', path: `${TF}/kubernetes.tf`, line: 56, address: 'kubernetes_cron_job.velero_backup_report' }],
      ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'kube-system', 'coredns', { type: 'terraform', path: `${TF}/kubernetes.tf`, line: 89, address: 'kubernetes_horizontal_pod_autoscaler_v2beta2.coredns' }],
      ['karpenter.sh/v1alpha5', 'Provisioner', undefined, 'default', { type: 'terraform', path: `${TF}/kubernetes.tf`, line: 118, address: 'kubernetes_manifest.karpenter_provisioner_default' }],
      ['cert-manager.io/v1', 'ClusterIssuer', undefined, 'letsencrypt-prod', { type: 'terraform', path: `${TF}/kubernetes.tf`, line: 146, address: 'kubernetes_manifest.letsencrypt_issuer' }],
    ]);
  });
});

describe('fixtures', () => {
  it('reads aws_eks_cluster and aws_eks_node_group without tfvars, as one environment named after the directory', async () => {
    const contents = await read('test/fixtures/terraform/node-group');
    const path = 'test/fixtures/terraform/node-group/main.tf';
    expect(contents.environments).toEqual([
      {
        name: 'test/fixtures/terraform/node-group',
        clusterVersion: '1.27',
        origin: { type: 'terraform', path, line: 8, address: 'aws_eks_cluster.this' },
        versionSite: { path, line: 8, value: '1.27' },
        cluster: 'legacy',
        terraform: { directory: 'test/fixtures/terraform/node-group' },
        nodeGroups: [
          { name: 'general', version: '1.26', versionSite: { path, line: 15, value: '1.26' }, releaseVersion: '1.27.9-20240213', amiType: 'AL2_x86_64', amiTypeSite: { path, line: 17, value: 'AL2_x86_64' }, desiredSize: 4, maxUnavailable: '25%', origin: { type: 'terraform', path, line: 12, address: 'aws_eks_node_group.general' } },
        ],
      },
    ]);
    expect(contents.resources).toEqual([
      { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', name: 'restricted', origin: { type: 'terraform', path, line: 30, address: 'kubernetes_pod_security_policy.restricted' } },
    ]);
  });

  it('takes a local module called with the EKS module\'s version argument for the EKS module', async () => {
    const contents = await read('test/fixtures/terraform/local-eks-module');
    const path = 'test/fixtures/terraform/local-eks-module/main.tf';
    expect(contents.environments.map(({ clusterVersion, cluster, origin, nodeGroups }) => ({ clusterVersion, cluster, origin, nodeGroups: nodeGroups?.map(({ name, version, amiType }) => ({ name, version, amiType })) }))).toEqual([
      { clusterVersion: '1.31', cluster: 'shop-prod', origin: { type: 'terraform', path, line: 10, address: 'module.eks' }, nodeGroups: [{ name: 'general', version: '1.31', amiType: 'AL2023_x86_64_STANDARD' }] },
    ]);
    expect(contents.eksAddons.map(({ name, version }) => ({ name, version }))).toEqual([{ name: 'kube-proxy', version: 'v1.30.6-eksbuild.3' }]);
  });

  it('reads Fargate profiles from the EKS module\'s map and from aws_eks_fargate_profile, with their namespaces', async () => {
    const contents = await read('test/fixtures/terraform/fargate');
    const path = 'test/fixtures/terraform/fargate/main.tf';
    expect(contents.environments.map((env) => [env.clusterVersion, env.fargateProfiles])).toEqual([
      [
        '1.30',
        [
          { name: 'shop-jobs', namespaces: ['batch'], origin: { type: 'terraform', path, line: 30, address: 'aws_eks_fargate_profile.jobs' } },
          { name: 'karpenter', namespaces: ['karpenter'], origin: { type: 'terraform', path, line: 14, address: 'module.eks' } },
          { name: 'kube-system-coredns', namespaces: ['kube-system'], origin: { type: 'terraform', path, line: 14, address: 'module.eks' } },
        ],
      ],
    ]);
  });

  it('takes a module that another scanned module calls by a local path for no cluster of its own, unless it is scanned alone', async () => {
    const both = await read('test/fixtures/terraform/child-module');
    expect(both.environments.map(({ name, clusterVersion, nodeGroups }) => [name, clusterVersion, nodeGroups.map((group) => group.name)])).toEqual([['test/fixtures/terraform/child-module/blue', '1.30', []]]);
    const alone = await read('test/fixtures/terraform/child-module/modules/cluster');
    expect(alone.environments.map(({ name, clusterVersion, nodeGroups }) => [name, clusterVersion, nodeGroups.map((group) => [group.name, group.version])])).toEqual([
      ['test/fixtures/terraform/child-module/modules/cluster', '1.25', [['general', '1.25']]],
    ]);
  });

  // As aws-ia/terraform-aws-eks-blueprints-addons' tests/complete, which calls the repository's root module.
  it('reads the charts of a called module with what each calling environment passes it, modules wrapping helm_release included', async () => {
    const DIR = 'test/fixtures/terraform/called-addons';
    const contents = await read(DIR);
    expect(contents.findings).toEqual([]);
    expect(contents.environments.map(({ name, clusterVersion }) => [name, clusterVersion])).toEqual([['dev', '1.31'], ['prod', '1.30']]);
    // The versions are lines of the called module, which no environment's tfvars file reaches.
    const site = (line: number, value: string) => ({ path: `${DIR}/addons/main.tf`, line, value, shared: { calledModule: `${DIR}/addons` } });
    const origin = (line: number, address: string, env: string) => ({ type: 'terraform', path: `${DIR}/addons/main.tf`, line, address, env });
    expect(contents.charts).toEqual([
      // dev leaves cert-manager off (addons_on false); karpenter is off everywhere.
      { chart: 'metrics-server', version: '3.8.2', versionSite: site(48, '3.8.2'), repository: 'https://kubernetes-sigs.github.io/metrics-server/', release: 'metrics-server', env: 'dev', origin: origin(44, 'helm_release.metrics_server', 'dev') },
      { chart: 'metrics-server', version: '3.8.2', versionSite: site(48, '3.8.2'), repository: 'https://kubernetes-sigs.github.io/metrics-server/', release: 'metrics-server', env: 'prod', origin: origin(44, 'helm_release.metrics_server', 'prod') },
      { chart: 'cert-manager', version: 'v1.14.3', versionSite: site(30, 'v1.14.3'), repository: 'https://charts.jetstack.io', release: 'cert-manager', env: 'prod', origin: origin(23, 'module.cert_manager', 'prod') },
    ]);
    // Read alone, the add-ons module switches everything off.
    expect((await read(`${DIR}/addons`)).charts).toEqual([]);
  });

  it('marks the EKS module\'s add-ons without addon_version as following the control plane: v21 the most recent, v20 EKS\'s default', async () => {
    const v21 = await read('test/fixtures/terraform/eks-module-addons');
    expect(v21.eksAddons.map(({ name, version, followsControlPlane }) => [name, version, followsControlPlane])).toEqual([
      // A plain aws_eks_addon without addon_version keeps the version it was created with: Terraform sees no diff.
      ['eks-pod-identity-agent', undefined, undefined],
      ['coredns', undefined, 'most-recent'],
      ['kube-proxy', undefined, 'most-recent'],
      ['vpc-cni', undefined, 'default'],
      ['aws-ebs-csi-driver', 'v1.40.0-eksbuild.1', undefined],
    ]);
    const v20 = await read('test/fixtures/terraform/eks-module-v20');
    expect(v20.eksAddons.map(({ name, version, followsControlPlane }) => [name, version, followsControlPlane])).toEqual([
      ['aws-ebs-csi-driver', undefined, undefined],
      ['coredns', undefined, 'default'],
      ['kube-proxy', undefined, 'most-recent'],
    ]);
  });

  it('says where the code names a cluster it does not let be computed, and which output prints the name; the module\'s node groups default to 33% unavailable', async () => {
    const v21 = await read('test/fixtures/terraform/eks-module-addons');
    // The default aws provider's region (not an aliased one's) is the cluster's.
    expect(v21.environments.map((env) => env.region)).toEqual(['eu-west-1']);
    expect(v21.environments.map(({ cluster, clusterNameSource, nodeGroups }) => [cluster, clusterNameSource, nodeGroups.map((group) => group.maxUnavailable)])).toEqual([
      [undefined, { path: 'test/fixtures/terraform/eks-module-addons/main.tf', line: 22 }, ['33%']],
    ]);
    const v20 = await read('test/fixtures/terraform/eks-module-v20');
    expect(v20.environments.map(({ cluster, clusterNameSource, nodeGroups }) => [cluster, clusterNameSource, nodeGroups.map((group) => group.maxUnavailable)])).toEqual([
      [undefined, { path: 'test/fixtures/terraform/eks-module-v20/main.tf', line: 7, output: 'eks_cluster_name' }, ['1']],
    ]);
  });

  it('names the other clusters of a root module, and gives each module call\'s node groups its own control plane\'s version', async () => {
    const contents = await read('test/fixtures/terraform/two-clusters');
    const path = 'test/fixtures/terraform/two-clusters/main.tf';
    expect(contents.environments.map(({ cluster, clusterVersion, versionSite, otherClusters }) => [cluster, clusterVersion, versionSite, otherClusters])).toEqual([
      ['shop-blue', '1.32', { path, line: 4, value: '1.32' }, [
        { address: 'module.green', path, line: 26, versionSite: { path, line: 26, value: '1.31' } },
        { address: 'module.auto', path, line: 40, versionSite: { path, line: 4, value: '1.32' } },
      ]],
    ]);
    expect(contents.environments[0].nodeGroups.map((group) => [group.name, group.version, group.versionSite?.line, group.origin?.type === 'terraform' && group.origin.address])).toEqual([
      ['general', '1.32', 4, 'module.blue'],
      ['general', '1.31', 26, 'module.green'],
    ]);
  });

  it('reports malformed HCL as input-invalid at its file and line, and reads the other files', async () => {
    const contents = await read('test/fixtures/terraform/broken');
    expect(contents.findings).toEqual([
      {
        id: 'input-invalid',
        severity: 'error',
        message: 'test/fixtures/terraform/broken/main.tf:1:1: invalid HCL: this block is never closed (no matching "}" before the end of the file); fix the syntax (terraform validate reports the same error)',
        origin: { type: 'terraform', path: 'test/fixtures/terraform/broken/main.tf', line: 1, column: 1 },
      },
    ]);
    expect(contents.charts.map((chart) => `${chart.chart}@${chart.version}`)).toEqual(['metrics-server@3.10.0']);
  });

  it('reads bare labels, comparisons on variables and legacy indexes, and reports variable files it cannot read at their line', async () => {
    const contents = await read('test/fixtures/terraform/variables');
    const dir = 'test/fixtures/terraform/variables';
    expect(contents.findings.map((finding) => [finding.id, finding.origin, finding.message])).toEqual([
      ['input-invalid', { type: 'terraform', path: `${dir}/env-vars/broken.tfvars`, line: 2, column: 18 }, `${dir}/env-vars/broken.tfvars:2:18: invalid HCL: the syntax is incomplete here (a value, operator or bracket is missing); fix the syntax (terraform validate reports the same error)`],
      ['input-invalid', { type: 'terraform', path: `${dir}/env-vars/qa.tfvars.json`, line: 4, column: 1 }, `${dir}/env-vars/qa.tfvars.json:4:1: invalid JSON variable file: Expected double-quoted property name; fix the syntax`],
    ]);
    expect(contents.environments.map((env) => [env.name, env.clusterVersion, env.origin])).toEqual([
      ['production', '1.29', { type: 'terraform', path: `${dir}/env-vars/production.tfvars`, line: 1, env: 'production', address: 'aws_eks_cluster.this' }],
      ['staging', '1.28', { type: 'terraform', path: `${dir}/env-vars/staging.tfvars`, line: 1, env: 'staging', address: 'aws_eks_cluster.this' }],
    ]);
    expect(contents.charts.map((chart) => [chart.env, chart.chart, chart.version])).toEqual([['production', 'istiod', '1.20.0']]);
  });
});

describe('parseHcl', () => {
  it('locates an unexpected token at its line and column', async () => {
    const { hclParser, parseHcl } = await import('./parse.js');
    expect(parseHcl(await hclParser(), 'locals {\n  a = 1\n  b = = 2\n}\n')).toEqual({ ok: false, line: 3, column: 7, message: 'the syntax is incomplete here (a value, operator or bracket is missing)' });
    expect(parseHcl(await hclParser(), 'resource "a" "b" {\n  x = 1\n}\n}\n')).toEqual({ ok: false, line: 4, column: 1, message: 'unexpected "}"' });
  });
});
