// The command-line entry: builds the program from one file per command, runs it, and turns
// every failure into a message and the exit code CLI.md promises — never a stack trace.
import { Command, CommanderError } from 'commander';
import { TOOL } from '../core/tool.js';
import { UsageError } from '../core/errors.js';
import { ownProcess } from '../core/process-owner.js';
import { checkCommand } from './check.js';
import { planCommand } from './plan.js';
import { fixCommand } from './fix.js';
import { simulateCommand } from './simulate.js';
import { clusterCommand } from './cluster.js';
import { mergeCommand } from './merge.js';
import { EXIT } from './exit-codes.js';
import { versionsCommand } from './versions.js';
import { templateCommand } from './template.js';

// Each command's module defines its flags and loads what it runs only when it runs (dynamic
// import): the program starts with 21 modules instead of 249, and `upshift --version` took
// 0.13-0.15 s instead of 0.52-0.62 s (test/startup-modules.test.ts keeps it so).
const COMMANDS = [checkCommand, clusterCommand, fixCommand, planCommand, simulateCommand, versionsCommand, templateCommand, mergeCommand];

export function buildProgram(): Command {
  const program = new Command('upshift')
    .description('Make Kubernetes (EKS first) version upgrades boring: what breaks, what to change, in which order.')
    .version(TOOL.version, '--version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const command of COMMANDS) program.addCommand(command().exitOverride().showHelpAfterError('(run with --help for usage)'));
  return program;
}

export async function main(argv: string[]): Promise<void> {
  ownProcess();
  endQuietlyWhenOutputCloses();
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(error, argv.includes('-v') || argv.includes('--verbose'));
  }
}

function handleError(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UsageError) {
    process.stderr.write(`upshift: ${error.message}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`upshift: unexpected failure: ${message}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('upshift: run again with -v for details, and please report it\n');
  return EXIT.usage;
}

/**
 * `upshift check -o json | head`: once the reader of stdout has gone, nothing more can be said,
 * so the run ends without a word and with the exit code it has reached (which `set -o pipefail`
 * sees), instead of Node's unhandled EPIPE stack trace. A closed stderr only loses the messages:
 * the results still go to stdout.
 */
function endQuietlyWhenOutputCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT.ok);
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
