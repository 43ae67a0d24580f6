// docker-socket: pods that mount the Docker or dockershim socket from the node, which no longer exists once
// dockershim is gone (data/nodes.yaml runtimeSockets).
import { compareKubeVersions } from '../core/kube-version.js';
import { asRecord } from '../core/fields.js';
import { podTemplateOf, WORKLOAD_KINDS } from '../core/pod-template.js';
import { describeResource, resourceRef } from '../core/describe.js';
import type { Check } from './types.js';

export const dockerSocketCheck: Check = {
  ids: ['docker-socket'],
  objectKinds: WORKLOAD_KINDS,
  checkResource(resource, context) {
    const sockets = context.knowledge.nodes.runtimeSockets;
    const spec = resource.object && podTemplateOf(resource.object)?.spec;
    // Most pods mount no volume, or none from the node: for them no list is made (a chain of
    // map, filter and a Set, run for every workload, returned an empty array of its own kind,
    // and the scan's loop over every check's findings was deoptimized and compiled again for it).
    if (!sockets || !spec || !Array.isArray(spec.volumes) || compareKubeVersions(context.target, sockets.removedIn) < 0) return [];
    const mounted = new Set<string>();
    for (const volume of spec.volumes) {
      const path = asRecord(asRecord(volume)?.hostPath)?.path;
      if (typeof path === 'string' && sockets.paths.includes(path.replace(/\/+$/, ''))) mounted.add(path);
    }
    if (mounted.size === 0) return [];
    return [...mounted].map((path) => ({
      id: 'docker-socket',
      severity: 'error' as const,
      message: `${describeResource(resource)} mounts ${path} from the node; ${sockets.note} Use the containerd socket (/run/containerd/containerd.sock) or the tool's containerd/CRI integration`,
      resource: resourceRef(resource),
      origin: resource.origin,
      details: { hostPath: path, removedIn: sockets.removedIn, source: sockets.source },
    }));
  },
};
