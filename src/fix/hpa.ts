// autoscaling v2beta1 / v2beta2 HorizontalPodAutoscaler → autoscaling/v2. v2beta2 has v2's
// fields; v2beta1 metric sources name their target fields differently and become a
// `metric` and a `target` block each.
import { isRecord } from '../core/fields.js';
import { remove, rename, replaceKey } from './operations.js';
import type { Migration, Operation, Path } from './types.js';

export const hpa: Migration = {
  handles: (apiVersion, kind) => kind === 'HorizontalPodAutoscaler' && apiVersion.startsWith('autoscaling/'),
  migrate({ object, from }) {
    if (from !== 'autoscaling/v2beta1') return { operations: [], notes: [] };
    const metrics = isRecord(object.spec) && Array.isArray(object.spec.metrics) ? object.spec.metrics : [];
    const operations: Operation[] = [];
    for (const [index, metric] of metrics.entries()) {
      if (!isRecord(metric)) continue;
      const type = String(metric.type);
      const key = type.charAt(0).toLowerCase() + type.slice(1);
      const source = metric[key];
      if (!isRecord(source)) return { manual: `spec.metrics[${index}] (type ${type}) has no ${key} block; write it by hand` };
      const at: Path = ['spec', 'metrics', index, key];
      const converted = convertSource(type, source, at);
      if (typeof converted === 'string') return { manual: `spec.metrics[${index}]: ${converted}` };
      operations.push(...converted);
    }
    return { operations, notes: [] };
  },
  apiVersionLineSuffices: (from) => from === 'autoscaling/v2beta2',
};

function convertSource(type: string, source: Record<string, unknown>, at: Path): Operation[] | string {
  if (type === 'Resource' || type === 'ContainerResource') {
    if (source.targetAverageUtilization !== undefined) return replaceKey([...at, 'targetAverageUtilization'], 'target', { type: 'Utilization', averageUtilization: source.targetAverageUtilization });
    if (source.targetAverageValue !== undefined) return replaceKey([...at, 'targetAverageValue'], 'target', { type: 'AverageValue', averageValue: source.targetAverageValue });
    return 'no targetAverageUtilization or targetAverageValue';
  }
  const operations: Operation[] = [];
  if (type === 'Object') {
    if (!isRecord(source.target)) return 'an Object metric needs its target object';
    operations.push(rename([...at, 'target'], 'describedObject'));
  }
  const selectorKey = type === 'External' ? 'metricSelector' : 'selector';
  if (typeof source.metricName !== 'string') return `a ${type} metric needs metricName`;
  const metric: Record<string, unknown> = { name: source.metricName };
  if (source[selectorKey] !== undefined) metric.selector = source[selectorKey];
  operations.push(...replaceKey([...at, 'metricName'], 'metric', metric));
  if (source[selectorKey] !== undefined) operations.push(remove([...at, selectorKey]));
  const targets: [string, Record<string, unknown>][] = [];
  if (source.targetValue !== undefined) targets.push(['targetValue', { type: 'Value', value: source.targetValue }]);
  if (source.targetAverageValue !== undefined) targets.push(['targetAverageValue', { type: 'AverageValue', averageValue: source.targetAverageValue }]);
  if (type === 'Object' && source.averageValue !== undefined) targets.push(['averageValue', { type: 'AverageValue', averageValue: source.averageValue }]);
  if (targets.length !== 1) return `expected exactly one target value for a ${type} metric, found ${targets.length}`;
  operations.push(...replaceKey([...at, targets[0][0]], 'target', targets[0][1]));
  return operations;
}
