// What a check is: a pure function over the inventory and the knowledge base.
import type { Finding, Resource } from '../core/types.js';
import type { Inventory, Platform } from '../core/inventory.js';
import type { Knowledge } from '../knowledge/load.js';
import type { ProjectConfig } from '../config/project-config.js';

export interface CheckContext {
  platform: Platform;
  /** "1.34": the minor being upgraded to. */
  target: string;
  /** "1.28": the minor running now, when known. */
  current?: string;
  knowledge: Knowledge;
  /** "2026-11-21": the day the run judges support windows against (UTC). */
  today: string;
  /**
   * Versions that ecosystem components (cert-manager, karpenter, ...) are being moved to.
   * A component without one is judged against its newest known release.
   */
  componentTargets: ReadonlyMap<string, string>;
  /** The project's .upshift.yaml (thresholds, ignores), when there is one. */
  config?: ProjectConfig;
}

export interface Check {
  /** The catalog ids this check can produce. */
  ids: readonly string[];
  /**
   * Kinds whose whole object the check reads ('*' for every kind); the sources decode and
   * keep only those, without the fields in sources/unread-fields.ts (take a field off that
   * list to read it). A list, not a predicate, so that worker threads can apply it.
   */
  objectKinds?: readonly string[];
  /** Kinds read whole because knowledge rows name them (data/fields.yaml, --data), added to objectKinds. */
  knowledgeKinds?(knowledge: Knowledge): readonly string[];
  /** Runs on each resource as the scan streams past it. */
  checkResource?(resource: Resource, context: CheckContext): Finding[];
  /** Runs once, after the scan, on the kept inventory. */
  checkInventory?(inventory: Inventory, context: CheckContext): Finding[];
}
