// The strategy advisor: scores the three strategies, weighs the criteria by what this
// upgrade needs (jumping versions only matters when there is more than one), and
// recommends the best total — the simplest strategy on a tie.
import { scoreStrategy } from './scores.js';
import { STRATEGY_NAMES, type Criterion, type PlanSignals, type StrategyAssessment, type StrategyName } from './types.js';

/** How much each criterion counts; versionsPerUpgrade is set from the hops (see weightsFor). */
const BASE_WEIGHTS: Record<Exclude<Criterion, 'versionsPerUpgrade'>, number> = { serviceImpact: 3, workCost: 3, rollback: 2, duration: 1 };

export function weightsFor(versionsToJump: number): Record<Criterion, number> {
  const versionsPerUpgrade = versionsToJump <= 1 ? 0 : versionsToJump === 2 ? 1 : versionsToJump <= 4 ? 2 : 3;
  return { ...BASE_WEIGHTS, versionsPerUpgrade };
}

/** `minutes`: predicted hands-on time of each strategy over all environments. */
export function assessStrategies(signals: PlanSignals, minutes: Record<StrategyName, number>): StrategyAssessment[] {
  const weights = weightsFor(signals.versionsToJump);
  const assessed = STRATEGY_NAMES.map((name): StrategyAssessment => {
    const { scores, reasons } = scoreStrategy(name, signals, minutes[name]);
    const total = (Object.keys(weights) as Criterion[]).reduce((sum, criterion) => sum + weights[criterion] * scores[criterion], 0);
    return {
      name,
      recommended: false,
      hops: name === 'cluster-migration' ? Math.min(1, signals.versionsToJump) : signals.versionsToJump,
      scores,
      total,
      minutes: minutes[name],
      reasons,
    };
  });
  const best = assessed.reduce((top, candidate) => (candidate.total > top.total ? candidate : top));
  best.recommended = true;
  return assessed;
}
