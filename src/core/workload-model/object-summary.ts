// What the inventory checks (readiness, add-on detection) and the drain simulation read of a
// kept object, taken as the scan streams past it. A large estate keeps thousands of workloads,
// PDBs and HPAs until the scan ends; their summaries hold a few facts each where the decoded
// objects held a dozen nested objects, so the memory a scan needs grows less with the estate.
import { appended } from '../appended.js';
import { detached } from '../detached-string.js';
import { asRecord, isRecord, listOf, type Fields } from '../fields.js';
import { controllerKindOf } from '../owner.js';
import { containersOf, imagesOf, podTemplateOf, runsPods, type PodTemplate } from '../pod-template.js';
import { parseQuantity } from '../quantity.js';
import type { KubeObject, Resource } from '../types.js';
import { readSelector, type LabelSelector } from './label-selector.js';

/** The per-object opt-out of readiness findings: `upshift.io/ignore: pdb-missing,single-replica` (or `all`). */
const IGNORE_ANNOTATION = 'upshift.io/ignore';

/** The label the PodDisruptionBudgets EKS managed add-ons install carry. */
const EKS_COMPONENT_LABEL = 'eks.amazonaws.com/component';

export interface ObjectSummary {
  /** The IGNORE_ANNOTATION value, when it is a string. */
  ignore?: string;
  /**
   * The container images of the pod template, init containers first, for add-on detection: those
   * the scan's `keepsImage` keeps (the ones naming an add-on), every one in a summary made from a
   * whole object; empty without a template.
   */
  images: readonly string[];
  /** Set for a complete workload of a kind that runs pods (see readWorkload). */
  workload?: WorkloadFacts;
  budget?: BudgetFacts;
  autoscaler?: AutoscalerFacts;
  /** spec.podMetadata.labels, which an operator gives the pods of its custom resource (operatorPods rows). */
  podMetadataLabels?: Readonly<Record<string, string>>;
}

export interface WorkloadFacts {
  podLabels: Readonly<Record<string, string>>;
  /** spec.selector, when it names labels or expressions (an empty or absent one is left out). */
  selector?: LabelSelector;
  /** spec.replicas of a replicated kind as written (absent means 1); undefined for other kinds and when not a number. */
  replicas?: number;
  /** false for a Pod that no controller owns. */
  controlled: boolean;
  /** Containers (not init containers) that serve ports without a readinessProbe, by name. */
  unreadyContainers: readonly string[];
  /** Containers without a livenessProbe, by name. */
  unwatchedContainers: readonly string[];
  /** The longest readinessProbe.initialDelaySeconds of the containers; 0 without one. */
  readinessDelaySeconds: number;
  /** terminationGracePeriodSeconds, when it is a number. */
  terminationGracePeriodSeconds?: number;
  /** The topologyKey of each topologySpreadConstraint, as text. */
  spreadTopologyKeys: readonly string[];
  /** Whether the pod template has a podAntiAffinity with terms. */
  podAntiAffinity: boolean;
  /** nodeSelector, its values as text. */
  nodeSelector: Readonly<Record<string, string>>;
  /** The nodeAffinity expressions with operator In (required terms, then preferred), their values as text. */
  nodeAffinityIn: readonly NodeAffinityIn[];
  /** Disk-backed emptyDir volumes (medium other than Memory). */
  emptyDirs: readonly EmptyDirVolume[];
  /** spec.strategy.type is Recreate. */
  recreateStrategy: boolean;
  /** spec.concurrencyPolicy is Forbid. */
  concurrencyForbidden: boolean;
  /** The names of spec.volumeClaimTemplates, when that is a non-empty list. */
  volumeClaimTemplates?: readonly string[];
}

export interface NodeAffinityIn {
  key: string;
  values: readonly string[];
}

export interface EmptyDirVolume {
  name: string;
  /** sizeLimit as written (as text), when set. */
  sizeLimit?: string;
  /** sizeLimit in bytes, when it is a quantity. */
  bytes?: number;
}

export interface BudgetFacts {
  /** undefined: no selector, which selects nothing. */
  selector?: LabelSelector;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  /** Carries EKS_COMPONENT_LABEL: installed by an EKS managed add-on. */
  managedByEks: boolean;
}

export interface AutoscalerFacts {
  targetKind: string;
  targetName: string;
  /** undefined when it is not a number (see WorkloadFacts.replicas). */
  minReplicas?: number;
}

// Most workloads have none of these: one shared empty value each, not one per workload.
const NONE: readonly never[] = Object.freeze([]);
const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

// `helm test` runs these once, on demand, and deletes or leaves them as the hook policy says:
// no drain ever has to move them, so they are not judged as workloads.
const HELM_TEST_HOOKS = new Set(['test', 'test-success', 'test-failure']);

/** Turns text read from an input into the copy a summary keeps (see sharedText). */
export type KeptText = (text: string) => string;

/**
 * One detached copy (see detached) of each text for a whole scan: thousands of workloads repeat
 * their kind, apiVersion and namespace, and each name in its labels, selector, PDB and HPA.
 */
export function sharedText(): KeptText {
  const kept = new Map<string, string>();
  return (text) => {
    let copy = kept.get(text);
    if (copy === undefined) kept.set(text, (copy = detached(text)));
    return copy;
  };
}

// The objects below are written whole in one literal, absent fields as undefined: V8 then gives
// all of one kind a single hidden class with the fields inline. Added one by one, or copied with
// a spread, each of the scan's 20,000 resources got a hidden class and a property array of its
// own (measured with a heap snapshot of the bench estate: 7 MB of 18).

/**
 * The resource with the summary of its object (`resource.object`) in place of the object, keeping
 * the images `keepsImage` accepts: a scan keeps those that name an add-on, as most images of an
 * estate are its own services' and are read by nothing else (11,600 strings and their lists of the
 * 20k bench estate, kept to the end of the scan).
 */
export function withSummary(resource: Resource, object: KubeObject, text: KeptText, keepsImage: (image: string) => boolean): Resource {
  const kind = text(resource.kind);
  return {
    apiVersion: text(resource.apiVersion),
    kind,
    name: resource.name === undefined ? undefined : text(resource.name),
    namespace: resource.namespace === undefined ? undefined : text(resource.namespace),
    origin: resource.origin,
    confidence: resource.confidence,
    summary: summarize(kind, object, text, keepsImage),
  };
}

const computed = new WeakMap<Resource, ObjectSummary>();

/** The resource's summary: the one the scan kept, or one made from its whole object (plan, simulate, tests keep objects whole). */
export function summaryOf(resource: Resource): ObjectSummary | undefined {
  if (resource.summary) return resource.summary;
  if (!resource.object) return undefined;
  let summary = computed.get(resource);
  if (!summary) {
    summary = summarize(resource.kind, resource.object);
    computed.set(resource, summary);
  }
  return summary;
}

/** The summary of an object of `kind`; `text` makes the copies of the texts it keeps (images always get their own). */
function summarize(kind: string, object: KubeObject, text: KeptText = detached, keepsImage?: (image: string) => boolean): ObjectSummary {
  const metadata = asRecord(object.metadata);
  const spec = asRecord(object.spec) ?? {};
  const template = podTemplateOf(object);
  const ignore = asRecord(metadata?.annotations)?.[IGNORE_ANNOTATION];
  const podMetadataLabels = asRecord(asRecord(spec.podMetadata)?.labels);
  return {
    ignore: typeof ignore === 'string' ? detached(ignore) : undefined,
    // Images are as many as workloads, nearly each its own: not worth sharing.
    images: template ? keptImages(template.spec, keepsImage) : NONE,
    workload: template && runsPods(kind) && !isHelmTestHook(metadata) && isCompletePodSpec(template.spec) ? workloadFacts(kind, object, spec, template, text) : undefined,
    budget: kind === 'PodDisruptionBudget' ? budgetFacts(spec, metadata, text) : undefined,
    autoscaler: kind === 'HorizontalPodAutoscaler' ? autoscalerFacts(spec, text) : undefined,
    podMetadataLabels: podMetadataLabels ? textMap(podMetadataLabels, text) : undefined,
  };
}

/** The pod spec's images that `keepsImage` keeps (all without it), each its own copy. */
function keptImages(podSpec: Fields, keepsImage: ((image: string) => boolean) | undefined): readonly string[] {
  let kept: string[] | undefined;
  for (const image of imagesOf(podSpec)) if (keepsImage === undefined || keepsImage(image)) kept = appended(kept, detached(image));
  return kept ?? NONE;
}

function workloadFacts(kind: string, object: KubeObject, spec: Fields, { metadata: podMetadata, spec: podSpec }: PodTemplate, text: KeptText): WorkloadFacts {
  const containers = containersOf(podSpec);
  const affinity = asRecord(podSpec.affinity) ?? {};
  const podAntiAffinity = asRecord(affinity.podAntiAffinity);
  const claims = spec.volumeClaimTemplates;
  const selector = readSelector(spec.selector, text);
  const probes = probeFacts(containers, text);
  return {
    podLabels: textMap(podMetadata.labels, text),
    selector: selector && (Object.keys(selector.matchLabels).length > 0 || selector.matchExpressions.length > 0) ? selector : undefined,
    replicas: REPLICATED_KINDS.has(kind) ? countOf(spec.replicas) : undefined,
    controlled: kind !== 'Pod' || controllerKindOf(object.metadata) !== undefined,
    unreadyContainers: probes.unready,
    unwatchedContainers: probes.unwatched,
    readinessDelaySeconds: probes.delay,
    terminationGracePeriodSeconds: typeof podSpec.terminationGracePeriodSeconds === 'number' ? podSpec.terminationGracePeriodSeconds : undefined,
    spreadTopologyKeys: podSpec.topologySpreadConstraints === undefined ? NONE : texts(listOf(podSpec.topologySpreadConstraints).filter(isRecord).map((constraint) => String(constraint.topologyKey)), text),
    podAntiAffinity: podAntiAffinity !== undefined && Object.keys(podAntiAffinity).length > 0,
    nodeSelector: textMap(podSpec.nodeSelector, text),
    nodeAffinityIn: nodeAffinityIn(affinity),
    emptyDirs: emptyDirs(podSpec),
    recreateStrategy: isRecord(spec.strategy) && spec.strategy.type === 'Recreate',
    concurrencyForbidden: spec.concurrencyPolicy === 'Forbid',
    volumeClaimTemplates: Array.isArray(claims) && claims.length > 0 ? texts(claims.filter(isRecord).map((claim) => String(isRecord(claim.metadata) ? claim.metadata.name : '')), text) : undefined,
  };
}

function budgetFacts(spec: Fields, metadata: Fields | undefined, text: KeptText): BudgetFacts {
  const labels = asRecord(metadata?.labels);
  return {
    selector: readSelector(spec.selector, text),
    minAvailable: budgetField(spec.minAvailable),
    maxUnavailable: budgetField(spec.maxUnavailable),
    managedByEks: labels !== undefined && EKS_COMPONENT_LABEL in labels,
  };
}

function autoscalerFacts(spec: Fields, text: KeptText): AutoscalerFacts | undefined {
  const target = asRecord(spec.scaleTargetRef) ?? {};
  if (typeof target.kind !== 'string' || typeof target.name !== 'string') return undefined;
  return { targetKind: text(target.kind), targetName: text(target.name), minReplicas: countOf(spec.minReplicas) };
}

/** Whether the object is a Helm test hook (annotation helm.sh/hook: test, or the older test-success/test-failure). */
function isHelmTestHook(metadata: Fields | undefined): boolean {
  const hooks = asRecord(metadata?.annotations)?.['helm.sh/hook'];
  return typeof hooks === 'string' && hooks.split(',').some((hook) => HELM_TEST_HOOKS.has(hook.trim()));
}

/**
 * A Kustomize or strategic-merge patch names a workload but carries only the fields it
 * changes; every container of a real object has an image. Judging a patch on its own would
 * report the fields it leaves out.
 */
function isCompletePodSpec(spec: Fields): boolean {
  return Array.isArray(spec.containers) && spec.containers.length > 0 && spec.containers.every((container) => isRecord(container) && typeof container.image === 'string');
}

/**
 * The containers' probe facts (see WorkloadFacts), in one pass: as chains of filter and map,
 * inlined into workloadFacts, they made it the costliest function V8 optimized in a scan of the
 * bench estate (node --trace-opt: two compiles at 70-90 ms each).
 */
function probeFacts(containers: readonly Fields[], text: KeptText): { unready: readonly string[]; unwatched: readonly string[]; delay: number } {
  let unready: string[] | undefined;
  let unwatched: string[] | undefined;
  let delay = 0;
  for (const container of containers) {
    if (Array.isArray(container.ports) && container.ports.length > 0 && container.readinessProbe === undefined) unready = appended(unready, text(String(container.name)));
    if (container.livenessProbe === undefined) unwatched = appended(unwatched, text(String(container.name)));
    delay = Math.max(delay, readinessDelay(container));
  }
  return { unready: unready ?? NONE, unwatched: unwatched ?? NONE, delay };
}

function readinessDelay(container: Fields): number {
  return isRecord(container.readinessProbe) && typeof container.readinessProbe.initialDelaySeconds === 'number' ? container.readinessProbe.initialDelaySeconds : 0;
}

function nodeAffinityIn(affinity: Fields): readonly NodeAffinityIn[] {
  const nodeAffinity = asRecord(affinity.nodeAffinity);
  // Most pods have none: no lists are made for them.
  if (nodeAffinity === undefined) return NONE;
  const required = isRecord(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) ? nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms : [];
  const preferred = listOf(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution)
    .filter(isRecord)
    .map((term) => term.preference);
  const terms = [...listOf(required), ...preferred].filter(isRecord);
  const expressions = terms.flatMap((term) => listOf(term.matchExpressions).filter(isRecord));
  const found = expressions.flatMap((expression) => (expression.operator === 'In' && Array.isArray(expression.values) ? [{ key: detached(String(expression.key)), values: texts(expression.values.map(String), detached) }] : []));
  return found.length > 0 ? found : NONE;
}

function emptyDirs(podSpec: Fields): readonly EmptyDirVolume[] {
  if (!Array.isArray(podSpec.volumes)) return NONE;
  const found: EmptyDirVolume[] = [];
  for (const volume of listOf(podSpec.volumes).filter(isRecord)) {
    const emptyDir = asRecord(volume.emptyDir) ?? (volume.emptyDir === null ? {} : undefined);
    if (!emptyDir || emptyDir.medium === 'Memory') continue;
    const sizeLimit = emptyDir.sizeLimit === undefined ? undefined : detached(String(emptyDir.sizeLimit));
    found.push({ name: detached(String(volume.name)), sizeLimit, bytes: parseQuantity(emptyDir.sizeLimit) });
  }
  return found.length > 0 ? found : NONE;
}

/** A replica count as written: absent means 1, anything but a number is not known. */
function countOf(value: unknown): number | undefined {
  if (value === undefined) return 1;
  return typeof value === 'number' ? value : undefined;
}

/**
 * The mapping with its values as kept text. Keys are kept as they are: V8 holds property names
 * once for the whole process, so they pin no input.
 */
function textMap(value: unknown, text: KeptText): Readonly<Record<string, string>> {
  if (!isRecord(value)) return NO_LABELS;
  const map: Record<string, string> = {};
  let any = false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    map[key] = text(String(value[key]));
    any = true;
  }
  return any ? map : NO_LABELS;
}

function texts(values: string[], text: KeptText): readonly string[] {
  return values.length > 0 ? values.map((value) => text(value)) : NONE;
}

/** minAvailable or maxUnavailable: a count or a percentage, undefined when it is neither. */
function budgetField(value: unknown): number | string | undefined {
  if (typeof value === 'string') return detached(value);
  return typeof value === 'number' ? value : undefined;
}
