// Turns what the cluster reader hands over into the scan's Resources and facts: each object
// under the API version that wrote it, Helm release manifests once (not again as the objects
// they created), the deprecated-API metric as findings, nodes as the environment's node groups.
import { listHops, minorOf, requireKubeVersion } from '../../core/kube-version.js';
import { isControllerMade } from '../../core/owner.js';
import type { Origin, Resource } from '../../core/types.js';
import type { NodeGroupFact } from '../../core/inventory.js';
import type { Scan } from '../../run-check.js';
import { eksFacts } from '../eks/eks-facts.js';
import type { EksData } from '../eks/read-eks.js';
import { deprecatedApiCallFindings } from './metrics.js';
import { nodeFact, nodeGroupFacts, type NodeFact } from './nodes.js';
import type { ClusterInfo, ClusterSink } from './read-cluster.js';
import { writtenApi } from './written-api.js';

export interface ScanSink extends ClusterSink {
  /** What could not be read, one line each ("list secrets: 403 Forbidden"). */
  unreadList: string[];
  /** What the EKS API said: add-ons, managed node groups, insights. */
  eks(data: EksData): void;
  /** Adds the cluster's environment (version, node groups) to the inventory. */
  close(): void;
}

export function scanSink(scan: Scan, info: ClusterInfo): ScanSink {
  const { context } = info;
  const wants = (kind: string) => scan.objectKinds.has(kind) || scan.objectKinds.has('*');
  const fromHelm = new Set<string>();
  const nodes: NodeFact[] = [];
  const unreadList: string[] = [];
  let managedGroups: NodeGroupFact[] = [];
  return {
    unreadList,
    helmRelease(release) {
      for (const resource of release.resources) {
        fromHelm.add(identity(resource.apiVersion, resource.kind, resource.namespace, resource.name));
        if (resource.object && !wants(resource.kind)) delete resource.object;
      }
      scan.accept(release.resources, release.problems);
    },
    objects(served, items) {
      const resources: Resource[] = [];
      for (const object of items) {
        if (served.kind === 'Node') nodes.push(nodeFact(object));
        // A controller's Pods, ReplicaSets and Jobs repeat its template: the controller is judged.
        if (isControllerMade(served.kind, object.metadata)) continue;
        const writer = writtenApi(object);
        const name = stringOf(object.metadata?.name);
        const namespace = stringOf(object.metadata?.namespace);
        if (fromHelm.has(identity(writer.apiVersion, served.kind, namespace, name))) continue;
        const origin: Origin = { type: 'cluster', context };
        const uid = stringOf((object.metadata as { uid?: unknown } | undefined)?.uid);
        if (uid) origin.uid = uid;
        if (writer.evidence !== 'listed') origin.writtenBy = [writer.evidence, writer.manager, writer.time].filter(Boolean).join(' ');
        const resource: Resource = { apiVersion: writer.apiVersion, kind: served.kind, origin };
        if (name) resource.name = name;
        if (namespace) resource.namespace = namespace;
        if (wants(served.kind)) resource.object = object;
        resources.push(resource);
      }
      scan.accept(resources);
    },
    deprecatedApiCalls(calls) {
      const kindOf = (call: { group: string; version: string; resource: string }) =>
        info.discovery.resources.find((served) => served.group === call.group && served.resource === call.resource && served.version === call.version)?.kind ??
        info.discovery.resources.find((served) => served.group === call.group && served.resource === call.resource)?.kind;
      scan.report(deprecatedApiCallFindings(calls, kindOf, scan.context, context));
    },
    unread(action, reason) {
      unreadList.push(`${action}: ${reason}`);
    },
    eks(data) {
      const { current, target } = scan.context;
      const minors = current ? listHops(current, target).map((hop) => hop.to) : [target];
      const facts = eksFacts(data, minors, scan.context);
      managedGroups = facts.nodeGroups;
      scan.inventory.eksAddons.push(...facts.addons);
      scan.report(facts.findings);
    },
    close() {
      // EKS knows its managed node groups better (updateConfig, AMI release); the nodes add the others (Karpenter, self-managed).
      const managed = new Set(managedGroups.map((group) => group.name));
      scan.inventory.environments.push({
        name: context,
        clusterVersion: serverMinor(info),
        origin: { type: 'cluster', context },
        nodeGroups: [...managedGroups, ...nodeGroupFacts(nodes).filter((group) => !managed.has(group.name))],
      });
    },
  };
}

/** "1.28" from the server's gitVersion. */
export function serverMinor(info: ClusterInfo): string {
  return minorOf(requireKubeVersion(info.serverVersion, `the server version of context "${info.context}"`));
}

function identity(apiVersion: string, kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${apiVersion}|${kind}|${namespace ?? ''}|${name ?? ''}`;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}


