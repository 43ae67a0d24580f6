// The order of names in the model's output (node drain order, blockers, workloads).

/**
 * Code-unit order rather than localeCompare: the output must not depend on the machine's
 * locale, and the first localeCompare of a process spends 20-35 ms loading ICU's collator.
 */
export function compareNames(a: string, b: string): number {
  // One ordering comparison: an equality test of distinct strings stops at their lengths or first difference.
  return a < b ? -1 : a === b ? 0 : 1;
}
