// `upshift cluster`: scan a live cluster through kubeconfig or the pod's service account.
import { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { REPORT_FORMATS } from '../report/formats.js';
import type { ClusterResult } from '../run-cluster.js';
import { addOutputFlags, addSeverityFlags, addTargetFlags, targetOptions, type OutputFlags, type TargetFlags } from './flags.js';

interface ClusterFlags extends OutputFlags, TargetFlags {
  kubeconfig?: string;
  context?: string;
  inCluster?: boolean;
  namespace?: string;
  allNamespaces?: boolean;
  requestTimeout: string;
  snapshot?: string;
  eks?: string | boolean;
  region?: string;
}

export function clusterCommand(): Command {
  const command = new Command('cluster')
    .description('scan a live cluster (kubeconfig or in-cluster service account) for what breaks on the way to the target version')
    .option('--kubeconfig <file>', 'kubeconfig file (default: KUBECONFIG, which may list several files, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use (default: the current context)')
    .option('--in-cluster', "use the pod's service account instead of a kubeconfig")
    .option('-n, --namespace <namespace>', 'only this namespace (cluster-scoped objects are still read)')
    .option('-A, --all-namespaces', 'every namespace (the default)')
    .option('--request-timeout <seconds>', 'give up on one API request after this long', '30')
    .option('--eks [cluster]', 'also read the EKS API: cluster, node groups, add-ons, Upgrade Insights (default name: from the context ARN)')
    .option('--region <region>', 'AWS region of the EKS cluster (default: AWS_REGION, the profile, or the context ARN)')
    .option('--snapshot <file>', 'also write everything read to FILE, to rerun with upshift check --snapshot FILE');
  addTargetFlags(command);
  addOutputFlags(command, REPORT_FORMATS, 'table');
  addSeverityFlags(command);
  return command.action(async (flags: ClusterFlags) => {
    if (flags.namespace && flags.allNamespaces) throw new UsageError('-n/--namespace and -A/--all-namespaces exclude each other; give one');
    // Loaded here, not at startup: the Kubernetes client is large, and other commands do not need it.
    const [{ runCluster }, { finishWithReport }] = await Promise.all([import('../run-cluster.js'), import('./common.js')]);
    const result = await runCluster({
      kubeconfig: flags.kubeconfig,
      context: flags.context,
      inCluster: flags.inCluster,
      namespace: flags.namespace,
      timeoutMs: parseSeconds(flags.requestTimeout) * 1000,
      snapshot: flags.snapshot,
      eks: flags.eks === undefined ? undefined : { cluster: typeof flags.eks === 'string' ? flags.eks : '', region: flags.region },
      ...targetOptions(flags),
    });
    reportUnread(result);
    await finishWithReport(result.report, flags);
  });
}

/** A partial scan says what it could not read, even under -q: its findings are incomplete. */
export function reportUnread(result: Pick<ClusterResult, 'context' | 'unread'>): void {
  if (result.unread.length === 0) return;
  process.stderr.write(`upshift: partial scan of context "${result.context}": could not ${result.unread.join('; ')}; findings about those objects are missing (grant the ClusterRole in deploy/cluster-role.yaml)\n`);
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--request-timeout "${value}" is not a positive number of seconds`);
  return seconds;
}
