// Scores 1 (worst) to 5 (best) for each strategy on the five criteria, from the plan's
// signals and the predicted hands-on time, each with the reason a person would give.
import { formatMinutes } from './durations.js';
import { trafficMechanism } from './traffic.js';
import type { PlanSignals, Scores, StrategyName } from './types.js';

export interface Scored {
  scores: Scores;
  reasons: string[];
}

const clamp = (score: number) => Math.min(5, Math.max(1, score));
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Hands-on hours → duration score: under 4 h is 5, under a day's work 4, ... */
const DURATION_STEPS_MINUTES: readonly number[] = [240, 480, 1440, 2880];

export function durationScore(minutes: number): number {
  return 5 - DURATION_STEPS_MINUTES.filter((limit) => minutes >= limit).length;
}

/** The more applications, the more moves: up to 10 moves is 4, 30 is 3, 80 is 2, beyond 1. */
function moveWorkScore(moves: number): number {
  return moves <= 10 ? 4 : moves <= 30 ? 3 : moves <= 80 ? 2 : 1;
}

export function scoreStrategy(name: StrategyName, signals: PlanSignals, minutes: number): Scored {
  const hops = Math.max(1, signals.versionsToJump);
  const reasons: string[] = [];
  const scores: Scores = { serviceImpact: 5, workCost: 5, rollback: 1, versionsPerUpgrade: 1, duration: durationScore(minutes) };
  reasons.push(`about ${formatMinutes(minutes)} of hands-on time over every environment`);
  if (name === 'in-place') {
    if (signals.pdbBlockers > 0) {
      scores.serviceImpact--;
      reasons.push(`PDBs that allow no eviction hang every node roll until fixed (${signals.pdbBlockers})`);
    }
    if (signals.statefulWorkloads > 0) {
      scores.serviceImpact--;
      reasons.push(`stateful workloads restart on every node roll (${signals.statefulWorkloads})`);
    }
    if (hops >= 3) {
      scores.serviceImpact--;
      reasons.push(`every node is replaced ${hops} times (once per hop)`);
    }
    scores.workCost = clamp(6 - Math.ceil(hops / 2) - (hops > 1 ? 1 : 0));
    reasons.push(`${plural(hops, 'control-plane hop')}, one minor at a time; the control plane cannot be rolled back`);
  } else if (name === 'nodegroup-blue-green') {
    scores.serviceImpact = 4;
    if (signals.statefulWorkloads > 0) {
      scores.serviceImpact--;
      reasons.push(`stateful workloads need their zonal volumes in the new node group's zones (${signals.statefulWorkloads})`);
    }
    const moves = signals.applications * hops;
    scores.workCost = clamp(moveWorkScore(moves) - (signals.pinnedWorkloads > 0 ? 1 : 0));
    reasons.push(`${plural(signals.applications, 'application')} moved ${hops === 1 ? 'once' : `${hops} times`} (${plural(moves, 'move')}); rollback per application`);
    if (signals.pinnedWorkloads > 0) reasons.push(`workloads pinned to a node group by name need editing first (${signals.pinnedWorkloads})`);
    scores.rollback = 3;
    reasons.push('the control plane still goes one minor at a time and cannot be rolled back');
  } else {
    const mechanism = trafficMechanism(signals);
    scores.serviceImpact = mechanism === 'undecided' ? 4 : 5;
    if (signals.statefulWorkloads > 0) {
      scores.serviceImpact--;
      reasons.push(`stateful workloads need their data copied or restored into the new cluster (${signals.statefulWorkloads})`);
    }
    scores.workCost = clamp(3 - (signals.statefulWorkloads > 0 ? 1 : 0) - (mechanism === 'undecided' ? 1 : 0));
    scores.versionsPerUpgrade = 5;
    reasons.push(hops > 1 ? `one new cluster directly at the target instead of ${plural(hops, 'hop')}` : 'one new cluster at the target');
    scores.rollback = mechanism === 'route53-weighted' ? 4 : 5;
    reasons.push(
      mechanism === 'alb-weighted'
        ? `full rollback in seconds: ALB weighted target groups (${plural(signals.albIngresses, 'ALB Ingress')}, ${plural(signals.targetGroupBindings, 'TargetGroupBinding')})`
        : mechanism === 'route53-weighted'
          ? 'full rollback through Route 53 weighted records, slowed by DNS caching (TTL)'
          : 'no ALB, TargetGroupBinding or Route 53 entry point found: the traffic switch must be designed first',
    );
    if (signals.singletonJobs > 0) reasons.push(`jobs that must not run twice are paused in the new cluster until cut-over (${signals.singletonJobs})`);
  }
  return { scores: { ...scores, serviceImpact: clamp(scores.serviceImpact) }, reasons };
}
