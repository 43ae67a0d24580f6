// The kinds the readiness checks read whole: everything that runs pods, PDBs and HPAs.
import { WORKLOAD_KINDS } from '../../core/pod-template.js';

export const READINESS_KINDS: readonly string[] = [...WORKLOAD_KINDS, 'PodDisruptionBudget', 'HorizontalPodAutoscaler'];
