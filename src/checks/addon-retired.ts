// ingress-nginx-retired: an add-on whose project is retired upstream (data/addons: `retired`) still runs.
import { detectAddons } from '../addons/detect.js';
import { WORKLOAD_KINDS } from '../core/pod-template.js';
import type { Check } from './types.js';

export const addonRetiredCheck: Check = {
  ids: ['ingress-nginx-retired'],
  objectKinds: WORKLOAD_KINDS,
  checkInventory(inventory, context) {
    return detectAddons(inventory, context.knowledge.addons).flatMap((detected) => {
      const retired = context.knowledge.addons.get(detected.name)?.retired;
      if (!retired) return [];
      return [
        {
          id: 'ingress-nginx-retired',
          severity: 'warning' as const,
          message: `${detected.name} ${detected.version ?? '(version unknown)'} (${detected.evidence}): ${retired.note}`,
          origin: detected.origin,
          ...(detected.resource ? { resource: detected.resource } : {}),
          // The environment, as the compatibility findings give it: one install judged per environment is one finding.
          details: { addon: detected.name, version: detected.version ?? null, via: detected.via, ...(detected.env ? { env: detected.env } : {}), source: retired.source },
        },
      ];
    });
  },
};
