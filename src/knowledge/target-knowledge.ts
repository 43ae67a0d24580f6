// What a source needs to judge what it reads on its own (EKS Upgrade Insights, the API server's
// deprecated-API metric): the version being upgraded to and the knowledge base. A check's
// context satisfies it, so sources need not depend on checks.
import type { Knowledge } from './load.js';

export interface TargetKnowledge {
  /** "1.34": the minor being upgraded to. */
  target: string;
  knowledge: Knowledge;
}
