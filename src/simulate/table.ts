// The human-readable rendering of a simulation: per node group the verdict, the blockers
// with when they bite and what to do, peak unavailability per workload, and the what-if table.
import type { SimulationReport } from './run-simulate.js';

export function simulationTable(report: SimulationReport): string {
  const lines: string[] = [];
  const { settings } = report;
  for (const group of report.nodeGroups) {
    lines.push(
      `Node group ${group.name}: ${group.nodes} node${group.nodes === 1 ? '' : 's'} in ${group.zones} zone${group.zones === 1 ? '' : 's'}, maxUnavailable ${group.maxUnavailable} (${group.maxUnavailableNodes} node${group.maxUnavailableNodes === 1 ? '' : 's'} at a time), strategy ${group.strategy}${settings.force ? ', --force' : ''}`,
    );
    lines.push(
      group.failed
        ? `  FAILS after ${formatDuration(group.durationSeconds)} with PodEvictionFailure (wave ${group.waves}); EKS stops the update there and leaves the remaining nodes on the old version`
        : `  completes in ${formatDuration(group.durationSeconds)} over ${group.waves} wave${group.waves === 1 ? '' : 's'}`,
    );
    const forced = report.withForce.find((run) => run.nodeGroup === group.name);
    if (forced) lines.push(`  with --force it would complete in ${formatDuration(forced.durationSeconds)}, deleting ${forced.forcedPods} pod${forced.forcedPods === 1 ? '' : 's'} regardless of their PDBs`);
    if (group.blockers.length > 0) {
      lines.push('', '  Blockers', ...table(['AT', 'OUTCOME', 'POD', 'NODE', 'WHY', 'DO'], group.blockers.map((blocker) => [formatDuration(blocker.atSeconds), blocker.outcome, blocker.pod, blocker.node, blocker.reason, advice(blocker)])));
    }
    if (group.peakUnavailable.length > 0) {
      lines.push('', '  Peak unavailable pods', ...table(['WORKLOAD', 'PODS', 'PEAK'], group.peakUnavailable.map((peak) => [peak.workload, String(peak.pods), String(peak.peakUnavailable)])));
    }
    lines.push('');
  }
  if (report.whatIf.length > 0) {
    lines.push('What if', ...table(['NODE GROUP', 'MAX UNAVAILABLE', 'DURATION', 'RESULT'], report.whatIf.map((run) => [run.nodeGroup, run.maxUnavailable, formatDuration(run.durationSeconds), run.failed ? `PodEvictionFailure (with --force: ${formatDuration(run.durationWithForceSeconds ?? 0)})` : 'completes'])), '');
  }
  if (report.estimates.length > 0) lines.push(`Estimates, not published EKS figures (set them with flags): ${report.estimates.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

/** "45s", "18m 00s", "1h 39m". */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

function advice(blocker: SimulationReport['nodeGroups'][number]['blockers'][number]): string {
  if (blocker.outcome === 'NotRecreated') return 'run it under a controller, or delete it first';
  if (blocker.pdb === null) return 'lower terminationGracePeriodSeconds to the window';
  if (blocker.pdb.includes(', ')) return `keep one PDB of ${blocker.pdb}`;
  return blocker.outcome === 'Delayed' ? 'add replicas or spread pods across nodes' : `set maxUnavailable: 1 on PDB ${blocker.pdb}`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  return [header, ...rows].map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')}`);
}
