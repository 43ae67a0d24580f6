// Kubernetes resource quantities ("512Mi", "2Gi", "1.5G", "1e9") as numbers of bytes or units,
// as the API server reads them (k8s.io/apimachinery/pkg/api/resource). Only what a size needs:
// binary and decimal suffixes, decimal fractions and exponents; milli and smaller are fractions.
const SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

/** The quantity's value, or undefined when the text is not a quantity. */
export function parseQuantity(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, number, exponent, suffix] = match;
  return Number(number + (exponent ?? '')) * SUFFIXES[suffix ?? ''];
}
