// `upshift template [NAME] CHART`: prints a chart's manifests for the target as `helm template`
// does, with helm's flags, so a person can see what upshift judged (CLI.md).
import { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { addHelmFlag, dataOption, platformOption, targetOption, type VersionFlags } from './flags.js';

interface TemplateFlags extends Pick<VersionFlags, 'target' | 'data' | 'platform'> {
  values: string[];
  set: string[];
  setString: string[];
  namespace: string;
  apiVersions: string[];
  helmBin?: string;
  quiet?: boolean;
}

/** A repeatable option's values in order (not variadic: `-f a.yaml CHART` must keep CHART an argument). */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function templateCommand(): Command {
  const command = new Command('template')
    .description('render a Helm chart for the target as `helm template` does, with .Capabilities of the target')
    .argument('[name]', 'release name (default: release-name), or the chart when it is the only argument')
    .argument('[chart]', 'chart directory')
    .option('-f, --values <file>', 'values file, as helm -f (repeatable; later files win)', collect, [])
    .option('--set <key=value>', 'value, as helm --set (repeatable; after --values)', collect, [])
    .option('--set-string <key=value>', 'string value, as helm --set-string (repeatable; after --set)', collect, [])
    .option('-n, --namespace <namespace>', 'release namespace', 'default')
    .option('--api-versions <list>', 'group/version or group/version/Kind added to what the target serves (repeatable, or comma-separated)', collect, [])
    .addOption(targetOption())
    .addOption(dataOption())
    .addOption(platformOption('platform whose calendar gives the default target'))
    .option('-q, --quiet', 'nothing on stderr but errors');
  addHelmFlag(command);
  return command.action(async (first: string | undefined, second: string | undefined, flags: TemplateFlags) => {
    if (first === undefined) throw new UsageError('template needs a CHART: upshift template [NAME] CHART');
    const [releaseName, chart] = second === undefined ? [undefined, first] : [first, second];
    // Loaded here, not when the program starts (see main.ts).
    const [{ loadKnowledge }, { runTemplate }, { warnIfStale }] = await Promise.all([import('../knowledge/load.js'), import('../run-template.js'), import('./common.js')]);
    const knowledge = loadKnowledge(flags.data);
    if (!flags.quiet) warnIfStale(knowledge, flags);
    const result = await runTemplate({
      knowledge,
      chart,
      releaseName,
      namespace: flags.namespace,
      valuesFiles: flags.values,
      set: flags.set,
      setString: flags.setString,
      apiVersions: flags.apiVersions,
      target: flags.target,
      platform: flags.platform,
      helmBinary: flags.helmBin,
    });
    if (!flags.quiet) for (const warning of result.warnings) process.stderr.write(`upshift: warning: ${warning}\n`);
    process.stdout.write(result.text);
  });
}
