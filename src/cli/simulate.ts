// `upshift simulate [PATH...] | --snapshot FILE`: model an EKS managed node-group update —
// duration, waves, where evictions hang, and what other updateConfig values would do.
import { Command, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { parseMaxUnavailable, parseSeconds, type SimulationSettings } from '../simulate/settings.js';
import { requireExistingPaths } from './paths.js';
import { EXIT } from './exit-codes.js';
import { addOutputFlags, type OutputFlags } from './flags.js';

interface SimulateFlags extends OutputFlags {
  snapshot?: string;
  nodes: string;
  zones: string;
  nodeGroup?: string;
  env?: string;
  maxUnavailable?: string;
  strategy?: SimulationSettings['strategy'];
  force?: boolean;
  nodeLaunchSeconds?: string;
  evictionTimeoutSeconds?: string;
  evictionRetrySeconds?: string;
  postDrainWaitSeconds?: string;
  podStartSeconds?: string;
  whatIf?: string;
  failOn: 'error' | 'none';
}

export function simulateCommand(): Command {
  const command = new Command('simulate')
    .description('model an EKS managed node-group update: duration, waves, stuck evictions, what-if updateConfig')
    .argument('[path...]', 'manifests to place on a synthetic node group (see --nodes, --zones)')
    .option('--snapshot <file>', 'a JSON snapshot of nodes, pods and PDBs instead of manifests (format in the README)')
    .option('--nodes <n>', 'nodes of the synthetic node group', '3')
    .option('--zones <z>', 'availability zones of the synthetic node group', '3')
    .option('--node-group <name>', 'name of the synthetic node group, or the one group of a snapshot to simulate')
    .option('--env <name>', 'with manifests of several environments (Kustomize overlays, chart values files): the one to place on the node group')
    .option('--max-unavailable <n|p%>', 'updateConfig maxUnavailable: a node count or a percentage (default: 1, as EKS)')
    .addOption(new Option('--strategy <strategy>', 'default surges new nodes first; minimal replaces nodes in place').choices(['default', 'minimal']))
    .option('--force', 'delete pods whose PDB still forbids eviction at the timeout, as an update with force does')
    .option('--node-launch-seconds <s>', 'launch-to-Ready time of a new node (default 180, an estimate)')
    .option('--eviction-timeout-seconds <s>', 'time a node has to empty before PodEvictionFailure (default 900, as EKS)')
    .option('--eviction-retry-seconds <s>', 'interval between refused eviction attempts (default 5)')
    .option('--post-drain-wait-seconds <s>', 'wait between a drained node and its termination (default 60, as EKS)')
    .option('--pod-start-seconds <s>', 'start time of a replacement pod before its readinessProbe initialDelaySeconds (default 15, an estimate)')
    .option('--what-if <max-unavailable=list>', 'compare durations, e.g. max-unavailable=1,10%,30%')
    .addOption(new Option('--fail-on <level>', 'exit 3 when an update is predicted to fail or a manifest cannot be read (error), or never (none)').choices(['error', 'none']).default('error'));
  addOutputFlags(command, ['table', 'json'], 'table');
  return command.action(async (paths: string[], flags: SimulateFlags) => {
    if (flags.snapshot && paths.length > 0) throw new UsageError('give either manifest PATHs or --snapshot FILE, not both');
    if (flags.snapshot && flags.env) throw new UsageError('--env picks among manifests of several environments; a snapshot is one cluster already');
    requireExistingPaths(paths, 'simulate');
    const nodes = parseCount(flags.nodes, '--nodes');
    const zones = parseCount(flags.zones, '--zones');
    if (!flags.snapshot && zones > nodes) throw new UsageError(`--zones ${zones} is more than --nodes ${nodes}; every zone needs at least one node`);
    const settings = settingsFrom(flags);
    const whatIf = flags.whatIf === undefined ? [] : parseWhatIf(flags.whatIf);
    // Loaded here, not when the program starts (see main.ts).
    const [{ runSimulate }, { simulationTable }] = await Promise.all([import('../simulate/run-simulate.js'), import('../simulate/table.js')]);
    const report = await runSimulate({
      paths,
      snapshotFile: flags.snapshot,
      nodes,
      zones,
      nodeGroup: flags.nodeGroup,
      ...(flags.env ? { environment: flags.env } : {}),
      settings,
      whatIf,
    });
    process.stdout.write(flags.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : simulationTable(report));
    // Even under -q: a manifest that was not read leaves its pods out of the model.
    for (const problem of report.inputProblems) process.stderr.write(`upshift: ${problem.message}\n`);
    if (report.inputProblems.length > 0) process.stderr.write('upshift: the simulation leaves out the pods of what could not be read\n');
    const failed = report.nodeGroups.some((group) => group.failed) || report.inputProblems.length > 0;
    process.exitCode = flags.failOn === 'error' && failed ? EXIT.errors : EXIT.ok;
  });
}

function settingsFrom(flags: SimulateFlags): Partial<SimulationSettings> {
  const settings: Partial<SimulationSettings> = {};
  if (flags.maxUnavailable !== undefined) settings.maxUnavailable = parseMaxUnavailable(flags.maxUnavailable, '--max-unavailable');
  if (flags.strategy) settings.strategy = flags.strategy;
  if (flags.force) settings.force = true;
  if (flags.nodeLaunchSeconds !== undefined) settings.nodeLaunchSeconds = parseSeconds(flags.nodeLaunchSeconds, '--node-launch-seconds');
  if (flags.evictionTimeoutSeconds !== undefined) settings.evictionTimeoutSeconds = parseSeconds(flags.evictionTimeoutSeconds, '--eviction-timeout-seconds');
  if (flags.evictionRetrySeconds !== undefined) settings.evictionRetrySeconds = Math.max(1, parseSeconds(flags.evictionRetrySeconds, '--eviction-retry-seconds'));
  if (flags.postDrainWaitSeconds !== undefined) settings.postDrainWaitSeconds = parseSeconds(flags.postDrainWaitSeconds, '--post-drain-wait-seconds');
  if (flags.podStartSeconds !== undefined) settings.podStartSeconds = parseSeconds(flags.podStartSeconds, '--pod-start-seconds');
  return settings;
}

function parseCount(value: string, flag: string): number {
  if (!/^[1-9]\d*$/.test(value.trim())) throw new UsageError(`${flag} "${value}" should be a whole number of at least 1`);
  return Number(value);
}

function parseWhatIf(value: string): string[] {
  const match = /^max-unavailable=(.+)$/.exec(value.trim());
  if (!match) throw new UsageError(`--what-if "${value}" should look like max-unavailable=1,10%,30%`);
  return match[1].split(',').map((item) => parseMaxUnavailable(item, '--what-if max-unavailable'));
}
