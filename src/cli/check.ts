// `upshift check [PATH...] [-f FILE|-]`: the static scan of files, directories and stdin.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import type { Origin } from '../core/types.js';
import { REPORT_FORMATS } from '../report/formats.js';
import { reportUnread } from './cluster.js';
import { EXIT } from './exit-codes.js';
import {
  addHelmFlag,
  addOutputFlags,
  addSeverityFlags,
  addTargetFlags,
  excludeOption,
  fileOptions,
  maxFileSizeOption,
  splitList,
  targetOptions,
  type FileFlags,
  type OutputFlags,
  type TargetFlags,
} from './flags.js';

interface CheckFlags extends OutputFlags, TargetFlags, FileFlags {
  filename?: string[];
  componentVersion?: string[];
  env?: string[];
  inventory?: boolean;
  values?: string[];
  set?: string[];
  helmBin?: string;
  config?: string;
  snapshot?: string;
  failOnEmpty?: boolean;
}

export function checkCommand(): Command {
  const command = new Command('check')
    .description('scan manifests (files, directories, stdin) for what breaks on the way to the target version')
    .argument('[path...]', 'files or directories to scan (recursively: .yaml, .yml, .json)')
    .option('-f, --filename <file...>', 'a manifest file to scan; - reads standard input')
    .addOption(excludeOption())
    .addOption(maxFileSizeOption())
    .option('--values <file...>', 'Helm values file applied to every chart found, over each environment\'s values (as helm -f)')
    .option('--set <key=value...>', 'Helm value applied to every chart found, after --values (as helm --set)')
    .option('--config <file>', 'project configuration: readiness thresholds and ignores (default: .upshift.yaml when present)')
    .option('--snapshot <file>', 'rerun a cluster scan from a snapshot written by upshift cluster --snapshot')
    .option('--component-version <name=ver...>', 'judge an ecosystem component\'s CRD versions against this release (e.g. cert-manager=1.15)', splitList)
    .option('--env <names>', 'only these environments of the Terraform/eksctl/CloudFormation code, comma-separated (default: all)', splitList)
    .option('--fail-on-empty', 'exit 1 when the scan read nothing to judge: empty standard input, or no Kubernetes object, cluster, add-on or chart')
    .option('--inventory', 'print what was found per environment (versions, node groups, add-ons, charts) instead of findings; -o json (default) or yaml');
  addHelmFlag(command);
  addTargetFlags(command);
  addOutputFlags(command, REPORT_FORMATS, 'table');
  addSeverityFlags(command);
  return command.action(async (paths: string[], flags: CheckFlags) => {
    // Loaded here, not when the program starts: `upshift --version`, `--help` and the other
    // commands need none of the scan (see main.ts).
    const { finishWithReport, progressReporter, warnIfStale } = await import('./common.js');
    const files = flags.filename ?? [];
    if (flags.snapshot) {
      if (paths.length > 0 || files.length > 0) throw new UsageError('--snapshot replays a cluster scan on its own; give either --snapshot FILE or PATHs/-f, not both');
      const { runSnapshot } = await import('../run-snapshot.js');
      const result = await runSnapshot(flags.snapshot, { ...targetOptions(flags), componentTargets: parseComponentVersions(flags.componentVersion ?? []) });
      reportUnread(result);
      await finishWithReport(result.report, flags);
      return;
    }
    const readsStdin = files.includes('-');
    if (paths.length === 0 && files.length === 0) {
      // --data FILE... takes every argument after it: a PATH written after it went there.
      const swallowed = (flags.data?.length ?? 0) > 1 ? `; --data took every argument after it (${flags.data!.join(', ')}) as a knowledge file: give the PATH before --data` : '';
      throw new UsageError(`nothing to scan: give a PATH (file or directory), or -f FILE, or -f - for standard input${swallowed}`);
    }
    if (flags.inventory && command.getOptionValueSource('output') !== 'default' && flags.output !== 'json' && flags.output !== 'yaml') {
      throw new UsageError(`--inventory prints json or yaml, not ${flags.output}`);
    }
    const [{ loadKnowledge }, { runScan }] = await Promise.all([import('../knowledge/load.js'), import('../run-check.js')]);
    const knowledge = loadKnowledge(flags.data);
    warnIfStale(knowledge, flags);
    const { report, inventory, context, nothingRead } = await runScan({
      knowledge,
      paths: [...paths, ...files.filter((file) => file !== '-')],
      stdin: readsStdin ? readFileSync(0) : undefined,
      ...targetOptions(flags),
      ...fileOptions(flags),
      componentTargets: parseComponentVersions(flags.componentVersion ?? []),
      environments: flags.env,
      valuesFiles: flags.values,
      set: flags.set,
      helmBinary: flags.helmBin,
      configFile: flags.config,
      onProgress: progressReporter(flags, 'scanning files'),
    });
    if (!flags.quiet) {
      if (report.currentFrom) process.stderr.write(`upshift: current version ${report.current} read from ${describeOrigin(report.currentFrom.origin)} (environment ${report.currentFrom.environment}, the lowest found); pass --current to override\n`);
      for (const note of report.notes ?? []) if (!(flags.failOnEmpty && note === nothingRead)) process.stderr.write(`upshift: note: ${note}\n`);
    }
    // Said even under -q: it is why the run fails.
    const failsEmpty = flags.failOnEmpty === true && nothingRead !== undefined;
    if (failsEmpty) process.stderr.write(`upshift: ${nothingRead} (--fail-on-empty)\n`);
    if (flags.inventory) {
      const [{ inventoryDocument }, { stringify }] = await Promise.all([import('../report/inventory.js'), import('yaml')]);
      const document = inventoryDocument(inventory, process.cwd());
      process.stdout.write(flags.output === 'yaml' ? stringify(document) : `${JSON.stringify(document, null, 2)}\n`);
    } else {
      await finishWithReport(report, flags, { knowledge: context.knowledge, inventory });
    }
    if (failsEmpty) process.exitCode = EXIT.usage;
  });
}

function describeOrigin(origin: Origin | undefined): string {
  return origin && 'path' in origin ? `${origin.path}:${origin.line}` : 'infrastructure code';
}

function parseComponentVersions(entries: string[]): Map<string, string> {
  const versions = new Map<string, string>();
  for (const entry of entries) {
    const match = /^([a-z0-9-]+)=v?(\d+\.\d+)(?:\.\d+)?$/.exec(entry);
    if (!match) throw new UsageError(`--component-version "${entry}" should look like cert-manager=1.15`);
    versions.set(match[1], match[2]);
  }
  return versions;
}
