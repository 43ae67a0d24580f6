// `upshift simulate` as a user runs it: stdout, stderr and exit codes of the built binary.
import { describe, expect, it } from 'vitest';
import { runUpshift } from './support/run-upshift.js';


const upshift = (args: string[]) => runUpshift(args);

describe('upshift simulate', () => {
  it('predicts where the example estate hangs, and what other settings would do', async () => {
    const run = await upshift(['simulate', 'examples/estate/apps', '--nodes', '6', '--zones', '3', '--what-if', 'max-unavailable=1,50%']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Node group general: 6 nodes in 3 zones, maxUnavailable 1 (1 node at a time), strategy default',
      '  FAILS after 18m 00s with PodEvictionFailure (wave 1); EKS stops the update there and leaves the remaining nodes on the old version',
      '  with --force it would complete in 1h 39m, deleting 11 pods regardless of their PDBs',
    ]);
    expect(lines).toContain('  18m 00s  PodEvictionFailure  payments/payments-0  general-1  PDB payments/payments needs 3 healthy pods and has 3  set maxUnavailable: 1 on PDB payments/payments');
    expect(lines.slice(-6)).toEqual([
      '  NODE GROUP  MAX UNAVAILABLE  DURATION  RESULT',
      '  general     1                18m 00s   PodEvictionFailure (with --force: 1h 39m)',
      '  general     50%              18m 00s   PodEvictionFailure (with --force: 35m 00s)',
      '',
      'Estimates, not published EKS figures (set them with flags): nodeLaunchSeconds 180, podStartSeconds 15.',
      '',
    ]);
  });

  it('prints the JSON of CLI.md for a snapshot, and exits 0 when the update completes', async () => {
    const run = await upshift(['simulate', '--snapshot', 'test/fixtures/simulate/small.json', '--node-group', 'general', '-o', 'json']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const report = JSON.parse(run.stdout);
    expect(report.nodeGroups.map((group: Record<string, unknown>) => [group.name, group.nodes, group.maxUnavailable, group.strategy, group.durationSeconds, group.waves, group.failed])).toEqual([
      ['general', 2, '1', 'default', 380, 2, false],
    ]);
    expect(report.nodeGroups[0].timeline[0]).toEqual({ node: 'ip-10-0-1-5', zone: 'eu-west-1a', cordonAt: 180, drainStartAt: 180, drainedAt: 230, terminatedAt: 290 });
    expect(report.whatIf).toEqual([]);
  });

  it('takes every model constant as a flag', async () => {
    const run = await upshift(['simulate', '--snapshot', 'test/fixtures/simulate/small.json', '--node-group', 'general', '--strategy', 'minimal', '--post-drain-wait-seconds', '0', '--pod-start-seconds', '1', '--node-launch-seconds', '10', '--eviction-retry-seconds', '1', '--eviction-timeout-seconds', '600', '-o', 'json']);
    const report = JSON.parse(run.stdout);
    expect([report.nodeGroups[0].durationSeconds, report.estimates]).toEqual([100, []]);
  });

  it('names a manifest it could not read, and exits 3 unless --fail-on none: the model lacks its pods', async () => {
    const args = ['simulate', 'test/fixtures/cli/broken.yaml', 'examples/estate/apps/catalog'];
    const stderr = [
      'upshift: test/fixtures/cli/broken.yaml:6:8: invalid YAML: Nested mappings are not allowed in compact mappings; fix the syntax (kubectl would reject this file too)',
      'upshift: the simulation leaves out the pods of what could not be read',
      '',
    ].join('\n');
    const run = await upshift(args);
    expect([run.code, run.stderr]).toEqual([3, stderr]);
    expect(run.stdout.split('\n')[1]).toBe('  completes in 7m 30s over 3 waves');
    const relaxed = await upshift([...args, '--fail-on', 'none', '-o', 'json']);
    expect([relaxed.code, relaxed.stderr]).toEqual([0, stderr]);
    expect(JSON.parse(relaxed.stdout).inputProblems).toEqual([
      {
        id: 'input-invalid',
        severity: 'error',
        message: 'test/fixtures/cli/broken.yaml:6:8: invalid YAML: Nested mappings are not allowed in compact mappings; fix the syntax (kubectl would reject this file too)',
        origin: { type: 'file', path: 'test/fixtures/cli/broken.yaml', line: 6, column: 8 },
      },
    ]);
  });

  it('places one environment of several with --env', async () => {
    const run = await upshift(['simulate', 'examples/estate/kustomize', '--env', 'production', '-o', 'json']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(JSON.parse(run.stdout).nodeGroups.map((group: { name: string; failed: boolean }) => [group.name, group.failed])).toEqual([['general', false]]);
  });

  it.each([
    [['simulate'], 'upshift: nothing to simulate: give manifest PATHs with --nodes and --zones, or --snapshot FILE'],
    [['simulate', 'examples/estate/apps', '--nodes', 'many'], 'upshift: --nodes "many" should be a whole number of at least 1'],
    [['simulate', 'examples/estate/apps', '--nodes', '2', '--zones', '3'], 'upshift: --zones 3 is more than --nodes 2; every zone needs at least one node'],
    [['simulate', 'examples/estate/apps', '--max-unavailable', '0'], 'upshift: --max-unavailable "0" should be a node count of at least 1 (e.g. 1) or a percentage from 1% to 100% (e.g. 10%)'],
    [['simulate', 'examples/estate/apps', '--what-if', 'surge=2'], 'upshift: --what-if "surge=2" should look like max-unavailable=1,10%,30%'],
    [['simulate', '--snapshot', 'test/fixtures/simulate/small.json', '--node-group', 'gpu'], 'upshift: node group "gpu" is not in the snapshot; it has batch, general'],
    [['simulate', '--snapshot', 'test/fixtures/simulate/stray-pod.json'], 'upshift: snapshot test/fixtures/simulate/stray-pod.json: pods.0 (shop/web) is on node "b", which is not in nodes; add the node or drop the pod'],
    [['simulate', '--snapshot', 'test/fixtures/simulate/small.json', 'examples/estate/apps'], 'upshift: give either manifest PATHs or --snapshot FILE, not both'],
    [['simulate', '--snapshot', 'test/fixtures/simulate/small.json', '--env', 'dev'], 'upshift: --env picks among manifests of several environments; a snapshot is one cluster already'],
    // Two overlays of one base are two clusters: their pods and PDBs never share a node group.
    [['simulate', 'examples/estate/kustomize'], 'upshift: the manifests describe 2 environments (dev, production), each its own cluster: simulate one with --env NAME'],
    [['simulate', 'examples/estate/kustomize', '--env', 'qa'], 'upshift: --env qa: the manifests describe only dev, production'],
    [['simulate', 'examples/estate/apps', '--env', 'dev'], 'upshift: --env dev: the manifests describe no environment (no Kustomize overlay, chart values file or Terraform environment)'],
    [['simulate', 'test/fixtures/cli/broken.yaml'], 'upshift: nothing to simulate: no workloads (Deployments, StatefulSets, DaemonSets, Jobs, Pods...) in test/fixtures/cli/broken.yaml (test/fixtures/cli/broken.yaml:6:8: invalid YAML: Nested mappings are not allowed in compact mappings; fix the syntax (kubectl would reject this file too)); give the paths that hold them, or --snapshot FILE'],
    [['simulate', 'test/fixtures/cli/no-manifests'], 'upshift: nothing to simulate: no workloads (Deployments, StatefulSets, DaemonSets, Jobs, Pods...) in test/fixtures/cli/no-manifests; give the paths that hold them, or --snapshot FILE'],
  ])('exits 1 with a message for %j', async (args, message) => {
    const run = await upshift(args);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
  });
});

describe('upshift check --config', () => {
  it('applies the project configuration, and names a broken one', async () => {
    const run = await upshift(['check', 'test/fixtures/readiness/workers.yaml', '--target', '1.30', '--checks', 'docker-socket,bare-pod', '--config', 'test/fixtures/readiness/upshift-config.yaml', '-o', 'csv']);
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n').slice(1, -1).map((line) => line.split(',').slice(0, 5).join(','))).toEqual(['error,bare-pod,Pod,jobs,debug']);
    const broken = await upshift(['check', 'test/fixtures/readiness', '--config', 'test/fixtures/readiness/bad-config.yaml']);
    expect(broken).toEqual({ code: 1, stdout: '', stderr: 'upshift: config file test/fixtures/readiness/bad-config.yaml: readiness.minReplicas: expected a whole number of replicas such as 2; see "Configuration" in the README\n' });
  });
});
