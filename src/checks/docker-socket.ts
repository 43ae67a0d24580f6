// docker-socket: pods that mount the Docker or dockershim socket from the node, which no longer exists once
// dockershim is gone (data/nodes.yaml runtimeSockets).
import { compareKubeVersions } from '../core/kube-version.js';
import { asRecord, listOf } from '../core/fields.js';
import { podTemplateOf, WORKLOAD_KINDS } from '../core/pod-template.js';
import { describeResource, resourceRef } from '../core/describe.js';
import type { Check } from './types.js';

export const dockerSocketCheck: Check = {
  ids: ['docker-socket'],
  objectKinds: WORKLOAD_KINDS,
  checkResource(resource, context) {
    const sockets = context.knowledge.nodes.runtimeSockets;
    const spec = resource.object && podTemplateOf(resource.object)?.spec;
    if (!sockets || !spec || compareKubeVersions(context.target, sockets.removedIn) < 0) return [];
    const mounted = listOf(spec.volumes)
      .map((volume) => asRecord(asRecord(volume)?.hostPath)?.path)
      .filter((path): path is string => typeof path === 'string' && sockets.paths.includes(path.replace(/\/+$/, '')));
    return [...new Set(mounted)].map((path) => ({
      id: 'docker-socket',
      severity: 'error' as const,
      message: `${describeResource(resource)} mounts ${path} from the node; ${sockets.note} Use the containerd socket (/run/containerd/containerd.sock) or the tool's containerd/CRI integration`,
      resource: resourceRef(resource),
      origin: resource.origin,
      details: { hostPath: path, removedIn: sockets.removedIn, source: sockets.source },
    }));
  },
};
