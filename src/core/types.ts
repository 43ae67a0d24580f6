// The shapes every stage of the pipeline shares: where an object came from, the object
// itself as the inventory holds it, and what a check says about it.
import type { ObjectSummary } from './workload-model/object-summary.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Where a resource or finding came from. Lines and columns are 1-based. */
export type Origin =
  | {
      type: 'file';
      path: string;
      line: number;
      column: number;
      document?: number;
      /** The Helm chart (its directory) or Kustomize overlay whose rendered output held the object. */
      chart?: string;
      kustomization?: string;
      /** The environment rendered: a values file's or an overlay's name. */
      env?: string;
    }
  | { type: 'helm-release'; release: string; namespace: string; revision?: number; chart?: string }
  | { type: 'cluster'; context?: string; uid?: string; /** How the written API version was learned: "managedFields helm 2024-05-01T10:00:00Z". */ writtenBy?: string }
  | { type: 'terraform'; path: string; line: number; column?: number; address?: string; env?: string }
  | { type: 'eks'; cluster: string; region?: string; arn?: string };

/** A plain Kubernetes object as decoded from YAML or JSON. */
export interface KubeObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; labels?: unknown; annotations?: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

/** One Kubernetes object found in an input, with its origin. */
export interface Resource {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  origin: Origin;
  /**
   * The whole decoded object. Sources fill it only when a check asked for this kind
   * (see Check.objectKinds): most checks need apiVersion/kind alone, and decoding every
   * document fully is the slowest part of a scan. A file scan leaves out the fields that
   * nothing reads (sources/unread-fields.ts).
   */
  object?: KubeObject;
  /**
   * What the inventory checks read of the object, kept by the scan in place of `object` for the
   * kinds no caller asked to keep whole (see core/workload-model/object-summary.ts).
   */
  summary?: ObjectSummary;
  /** `low` when the object was read from an unrendered template: its fields may differ once rendered. */
  confidence?: 'low';
}

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name?: string;
}

export interface Finding {
  id: string;
  severity: Severity;
  message: string;
  resource?: ResourceRef;
  origin?: Origin;
  /**
   * The environments (overlays, values files, Terraform environments) the problem holds in, when
   * more than one: one finding per problem per place (CLI.md), with what differs between them in
   * details.byEnvironment. A finding of one environment names it in origin.env instead.
   */
  environments?: string[];
  details?: Record<string, unknown>;
}

export interface Report {
  tool: { name: string; version: string };
  platform: string;
  current?: string;
  /** Where `current` was read when --current was not given (Terraform, eksctl, CloudFormation). */
  currentFrom?: { environment: string; origin?: Origin };
  /** Facts worth a person's attention that are not findings (e.g. versions that disagree). */
  notes?: string[];
  /** The date of the knowledge base the findings were judged with (printed by every human and JSON format). */
  knowledgeDate?: string;
  target: string;
  findings: Finding[];
  summary: Record<Severity, number>;
}
