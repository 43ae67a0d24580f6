// PodDisruptionBudget arithmetic as the disruption controller does it: percentages of the
// expected pod count, rounded up; a budget with neither field defaults to minAvailable: 1.

export interface BudgetFields {
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

/** How many of `expected` healthy pods must stay healthy; undefined when a field is not a count or percentage. */
export function desiredHealthy(budget: BudgetFields, expected: number): number | undefined {
  if (budget.maxUnavailable !== undefined) {
    const unavailable = scaled(budget.maxUnavailable, expected);
    return unavailable === undefined ? undefined : Math.max(0, expected - unavailable);
  }
  return scaled(budget.minAvailable ?? 1, expected);
}

/** Voluntary disruptions the budget allows while all `expected` pods are healthy. */
export function allowedDisruptions(budget: BudgetFields, expected: number): number | undefined {
  const desired = desiredHealthy(budget, expected);
  return desired === undefined ? undefined : Math.max(0, expected - desired);
}

/** The budget's field as written, for messages: "minAvailable 2", "maxUnavailable 0%". */
export function describeBudget(budget: BudgetFields): string {
  if (budget.maxUnavailable !== undefined) return `maxUnavailable ${budget.maxUnavailable}`;
  return budget.minAvailable !== undefined ? `minAvailable ${budget.minAvailable}` : 'minAvailable 1 (the default)';
}

function scaled(value: number | string, expected: number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const percent = /^(\d+)%$/.exec(value.trim());
  if (percent) return Math.ceil((Number(percent[1]) * expected) / 100);
  return /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}
