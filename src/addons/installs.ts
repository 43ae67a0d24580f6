// One add-on install runs several workloads from the same image (Argo CD's server, repo server,
// application controller, ApplicationSet and notifications controllers all run
// quay.io/argoproj/argocd): its version is one problem, not one per workload. Image detections
// are grouped by install: the same add-on and version, in the same environment and namespace,
// from the same chart, Kustomize build or file (or live cluster).
import type { Origin, ResourceRef } from '../core/types.js';
import type { DetectedAddon } from './detect.js';

export interface AddonInstall {
  /** The detection that speaks for the install: its first workload in input order. */
  detected: DetectedAddon;
  /** The install's other workloads running the add-on, in input order. */
  alsoIn: { resource?: ResourceRef; origin: Origin }[];
}

export function groupInstalls(detections: readonly DetectedAddon[]): AddonInstall[] {
  const installs = new Map<string, AddonInstall>();
  const order: AddonInstall[] = [];
  for (const detected of detections) {
    if (detected.via !== 'image') {
      order.push({ detected, alsoIn: [] });
      continue;
    }
    const key = JSON.stringify([detected.name, detected.version ?? null, detected.env ?? null, detected.resource?.namespace ?? null, ...unitOf(detected.origin)]);
    const install = installs.get(key);
    if (install) {
      install.alsoIn.push({ ...(detected.resource ? { resource: detected.resource } : {}), origin: detected.origin });
      continue;
    }
    const created = { detected, alsoIn: [] };
    installs.set(key, created);
    order.push(created);
  }
  return order;
}

/** What one install of an add-on is read from, without the line of each workload. */
function unitOf(origin: Origin): unknown[] {
  switch (origin.type) {
    case 'file':
      return [origin.type, origin.env ?? null, origin.chart ?? origin.kustomization ?? origin.path];
    case 'cluster':
      return [origin.type, origin.context];
    case 'helm-release':
      return [origin.type, origin.namespace, origin.release];
    default:
      return [JSON.stringify(origin)];
  }
}
