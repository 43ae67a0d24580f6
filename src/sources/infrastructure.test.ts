// eksctl ClusterConfig and CloudFormation templates of the example estate: exact environments and add-ons.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { looksLikeCloudFormation, readCloudFormation } from './cloudformation.js';
import { looksLikeEksctl, readEksctl } from './eksctl.js';
import { runCheck } from '../run-check.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EKSCTL = 'examples/estate/infra/eksctl/cluster.yaml';
const CFN = 'examples/estate/infra/cloudformation/eks-cluster.yaml';
const at = (path: string, line: number) => ({ type: 'file', path, line, column: 1 });
/** The facts without where versions are set and the cluster name, which tests of their own cover. */
const facts = <T>(value: T): T => JSON.parse(JSON.stringify(value, (key, field: unknown) => (key === 'versionSite' || key === 'cluster' ? undefined : field)));

describe('eksctl', () => {
  it('reads the cluster version, managed node groups and add-ons', () => {
    const text = readFileSync(ROOT + EKSCTL, 'utf8');
    expect(looksLikeEksctl(text)).toBe(true);
    expect(facts(readEksctl(text, EKSCTL))).toEqual({
      environments: [
        {
          name: 'acme-data',
          clusterVersion: '1.28',
          origin: at(EKSCTL, 10),
          nodeGroups: [
            { name: 'general-1-28', version: '1.28', amiType: 'AmazonLinux2', desiredSize: 3, maxUnavailable: '1', origin: at(EKSCTL, 54) },
            { name: 'spark-1-28', version: '1.28', amiType: 'AmazonLinux2', desiredSize: 0, maxUnavailable: '50%', origin: at(EKSCTL, 75) },
          ],
          region: 'eu-west-1',
        },
      ],
      eksAddons: [
        { name: 'vpc-cni', version: 'v1.15.0-eksbuild.2', env: 'acme-data', origin: at(EKSCTL, 40) },
        { name: 'coredns', version: 'v1.10.1-eksbuild.2', env: 'acme-data', origin: at(EKSCTL, 44) },
        { name: 'kube-proxy', version: 'v1.28.1-eksbuild.1', env: 'acme-data', origin: at(EKSCTL, 46) },
        { name: 'aws-ebs-csi-driver', version: 'v1.22.0-eksbuild.2', env: 'acme-data', origin: at(EKSCTL, 48) },
      ],
      findings: [],
    });
  });

  it('locates the versions a plan edits, and names the cluster', () => {
    const read = readEksctl(readFileSync(ROOT + EKSCTL, 'utf8'), EKSCTL);
    expect([read.environments[0].cluster, read.environments[0].versionSite]).toEqual(['acme-data', { path: EKSCTL, line: 10, value: '1.28' }]);
    expect(read.eksAddons.map((addon) => addon.versionSite?.line)).toEqual([41, 45, 47, 49]);
  });

  it('reports a ClusterConfig that is not valid YAML once, as a ClusterConfig, when the scan reads it among the manifests', async () => {
    const work = mkdtempSync(join(tmpdir(), 'upshift-eksctl-'));
    try {
      writeFileSync(join(work, 'cluster.yaml'), 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: x\n');
      const report = await runCheck({ paths: [work], target: '1.33', cwd: work });
      expect(report.findings.map((finding) => [finding.id, finding.origin, finding.message.split(': ').slice(0, 2).join(': ')])).toEqual([
        ['input-invalid', { type: 'file', path: 'cluster.yaml', line: 4, column: 1 }, 'cluster.yaml:4:1: invalid eksctl ClusterConfig'],
      ]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('reports a ClusterConfig that is not valid YAML at its line', () => {
    const result = readEksctl('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: x\n', 'cluster.yaml');
    expect(result.findings.map((finding) => [finding.id, finding.origin])).toEqual([['input-invalid', { type: 'file', path: 'cluster.yaml', line: 4, column: 1 }]]);
    expect(result.findings[0].message).toMatch(/^cluster\.yaml:4:1: invalid eksctl ClusterConfig: .+; fix the syntax/);
  });
});

describe('CloudFormation', () => {
  it('resolves !Ref to parameter defaults and !Sub names, and reads node groups and add-ons', () => {
    const text = readFileSync(ROOT + CFN, 'utf8');
    expect(looksLikeCloudFormation(text)).toBe(true);
    expect(facts(readCloudFormation(text, CFN))).toEqual({
      environments: [
        {
          name: 'acme-sandbox',
          clusterVersion: '1.28',
          origin: at(CFN, 61),
          nodeGroups: [{ name: 'acme-sandbox-general', version: '1.28', amiType: 'AL2_x86_64', amiTypeSite: { path: CFN, line: 84, value: 'AL2_x86_64' }, desiredSize: 2, maxUnavailable: '1', origin: at(CFN, 78) }],
        },
      ],
      eksAddons: [
        { name: 'vpc-cni', version: 'v1.15.0-eksbuild.2', env: 'acme-sandbox', origin: at(CFN, 100) },
        { name: 'coredns', version: 'v1.10.1-eksbuild.2', env: 'acme-sandbox', origin: at(CFN, 108) },
        { name: 'kube-proxy', version: 'v1.28.1-eksbuild.1', env: 'acme-sandbox', origin: at(CFN, 117) },
      ],
      findings: [],
    });
  });

  it('locates a version given by !Ref at the parameter\'s Default, a literal where it stands', () => {
    const read = readCloudFormation(readFileSync(ROOT + CFN, 'utf8'), CFN);
    const site = { path: CFN, line: 14, value: '1.28' };
    expect([read.environments[0].cluster, read.environments[0].versionSite, read.environments[0].nodeGroups[0].versionSite]).toEqual(['acme-sandbox', site, site]);
    expect(read.eksAddons[0].versionSite).toEqual({ path: CFN, line: 105, value: 'v1.15.0-eksbuild.2' });
  });

  it('reads the JSON form with Ref objects', () => {
    const template = JSON.stringify({
      Parameters: { Version: { Type: 'String', Default: '1.30' } },
      Resources: { Eks: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'json-cluster', Version: { Ref: 'Version' } } } },
    }, null, 2);
    expect(facts(readCloudFormation(template, 'stack.json').environments)).toEqual([{ name: 'json-cluster', clusterVersion: '1.30', origin: at('stack.json', 13), nodeGroups: [] }]);
  });

  it('fills !Sub from its own variables and the parameter defaults, in both short forms, and leaves deploy-time values out', () => {
    const template = [
      'Parameters:',
      '  Env:',
      '    Type: String',
      '    Default: qa',
      '  K8sVersion:',
      '    Type: String',
      "    Default: '1.29'",
      'Resources:',
      '  Cluster:',
      '    Type: AWS::EKS::Cluster',
      '    Properties:',
      "      Name: !Sub '${Env}-eks'",
      '      Version: !Ref K8sVersion',
      '  Nodes:',
      '    Type: AWS::EKS::Nodegroup',
      '    Properties:',
      "      ClusterName: !Sub '${Env}-eks'",
      '      NodegroupName: !Sub',
      "        - '${Prefix}-general-${!Literal}'",
      '        - Prefix: !Ref Env',
      "      Version: !Sub '${K8sVersion}'",
      '  Dns:',
      '    Type: AWS::EKS::Addon',
      '    Properties:',
      '      ClusterName: !Ref Cluster',
      '      AddonName: coredns',
      "      AddonVersion: !Sub 'v1.11.1-eksbuild.${AWS::AccountId}'",
      '',
    ].join('\n');
    expect(facts(readCloudFormation(template, 'stack.yaml'))).toEqual({
      environments: [{ name: 'qa-eks', clusterVersion: '1.29', origin: at('stack.yaml', 13), nodeGroups: [{ name: 'qa-general-${Literal}', version: '1.29', origin: at('stack.yaml', 14) }] }],
      eksAddons: [{ name: 'coredns', env: 'qa-eks', origin: at('stack.yaml', 22) }],
      findings: [],
    });
  });

  it('reads Fn::Sub in the JSON form', () => {
    const template = JSON.stringify({
      Parameters: { Env: { Type: 'String', Default: 'prod' } },
      Resources: {
        Eks: { Type: 'AWS::EKS::Cluster', Properties: { Name: { 'Fn::Sub': '${Env}-eks' }, Version: '1.30' } },
        Cni: { Type: 'AWS::EKS::Addon', Properties: { ClusterName: { 'Fn::Sub': ['${E}-eks', { E: { Ref: 'Env' } }] }, AddonName: 'vpc-cni', AddonVersion: 'v1.18.0-eksbuild.1' } },
      },
    }, null, 2);
    expect(facts(readCloudFormation(template, 'stack.json'))).toEqual({
      environments: [{ name: 'prod-eks', clusterVersion: '1.30', origin: at('stack.json', 15), nodeGroups: [] }],
      eksAddons: [{ name: 'vpc-cni', version: 'v1.18.0-eksbuild.1', env: 'prod-eks', origin: at('stack.json', 18) }],
      findings: [],
    });
  });

  it('reads the namespaces of the cluster\'s Fargate profiles, the plan restarts their pods after each hop', () => {
    const template = [
      'Resources:',
      '  Eks:',
      '    Type: AWS::EKS::Cluster',
      '    Properties: {Name: shop, Version: "1.30"}',
      '  Jobs:',
      '    Type: AWS::EKS::FargateProfile',
      '    Properties:',
      '      ClusterName: !Ref Eks',
      '      FargateProfileName: shop-jobs',
      '      Selectors:',
      '        - Namespace: batch',
      '        - Namespace: batch',
      '          Labels: [{Key: tier, Value: spot}]',
      '        - Namespace: reports',
      '',
    ].join('\n');
    expect(readCloudFormation(template, 'stack.yaml').environments.map((env) => env.fargateProfiles)).toEqual([[{ name: 'shop-jobs', namespaces: ['batch', 'reports'], origin: at('stack.yaml', 5) }]]);
  });
});
