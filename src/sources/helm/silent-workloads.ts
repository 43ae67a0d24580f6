// A chart's workload templates that render nothing with the values scanned: a chart that needs
// a value it does not default (cluster-autoscaler's Deployment renders only with a cluster name
// or node groups) renders its PodDisruptionBudget alone with its defaults, and that budget then
// selects nothing only because the values the chart is deployed with were not scanned.
import { WORKLOAD_KINDS } from '../../core/pod-template.js';
import type { SilentWorkloads } from '../../core/inventory.js';

// A top-level `kind:` line (an indented one is a reference, as an HPA's or a VPA's targetRef).
const DECLARES_WORKLOAD = new RegExp(`^kind:[ \\t]*["']?(?:${WORKLOAD_KINDS.join('|')})["']?[ \\t]*(?:#.*)?$`, 'm');

/**
 * The templates among `rendered` (helm's name, the template's text, what it rendered; undefined
 * when helm printed nothing of it) of the chart itself, not its subcharts, that spell out a
 * workload kind yet rendered no document, as one entry for the chart and environment at
 * `place`, or none.
 */
export function silentWorkloads(
  chartName: string,
  place: Pick<SilentWorkloads, 'chart' | 'env' | 'defaults'>,
  rendered: readonly { name: string; display: string; source: string; output: string | undefined }[],
): SilentWorkloads[] {
  const own = `${chartName}/templates/`;
  const templates = rendered
    .filter(({ name, source, output }) => name.startsWith(own) && !isPartial(name) && DECLARES_WORKLOAD.test(source) && !holdsDocument(output ?? ''))
    .map(({ display }) => display);
  return templates.length > 0 ? [{ ...place, templates }] : [];
}

/** `_helpers.tpl` and the like, which only define, and NOTES.txt, which is no manifest. */
function isPartial(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return base.startsWith('_') || base === 'NOTES.txt';
}

/** Whether rendered text has a line that is neither blank, a comment, nor a document marker. */
function holdsDocument(text: string): boolean {
  return text.split('\n').some((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('#') && trimmed !== '---' && trimmed !== '...';
  });
}
