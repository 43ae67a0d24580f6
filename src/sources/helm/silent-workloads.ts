// A chart's workload templates that render nothing with the values scanned: a chart that needs
// a value it does not default (cluster-autoscaler's Deployment renders only with a cluster name
// or node groups) renders its PodDisruptionBudget alone with its defaults, and that budget then
// selects nothing only because the values the chart is deployed with were not scanned.
import { runsPods } from '../../core/pod-template.js';
import type { SilentWorkloads } from '../../core/inventory.js';

// A top-level `kind:` line (an indented one is a reference, as an HPA's or a VPA's targetRef).
// (helm-chart-lexical.ts reads kinds only beside a literal apiVersion, which cluster-autoscaler's
// Deployment template computes.)
const KIND_LINES = /^kind:[ \t]*["']?([^"'\s#{}]+)/gm;

/**
 * The templates among `rendered` (helm's name, the template's text, the text it rendered: one
 * piece from the own renderer, a document each from helm, none when helm printed nothing of it)
 * of the chart itself, not its subcharts, that spell out a workload kind yet rendered no
 * document, as one entry for the chart and environment at `place`, or none.
 */
export function silentWorkloads(
  chartName: string,
  place: Pick<SilentWorkloads, 'chart' | 'env' | 'defaults'>,
  rendered: readonly { name: string; display: string; source: string; output: readonly string[] }[],
): SilentWorkloads[] {
  const own = `${chartName}/templates/`;
  const templates = rendered
    .filter(({ name, source, output }) => name.startsWith(own) && !isPartial(name) && declaresWorkload(source) && !output.some(holdsDocument))
    .map(({ display }) => display);
  return templates.length > 0 ? [{ ...place, templates }] : [];
}

function declaresWorkload(template: string): boolean {
  return [...template.matchAll(KIND_LINES)].some(([, kind]) => runsPods(kind!));
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
