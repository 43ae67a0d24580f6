// The environment an object or finding was read for: a Kustomize overlay, a chart's values file
// or a Terraform environment put it on the origin (only file and Terraform origins carry one).
import type { Origin } from './types.js';

export function originEnvironment(origin: Origin | undefined): string | undefined {
  return origin && (origin.type === 'file' || origin.type === 'terraform') && origin.env ? origin.env : undefined;
}
