// One rendered document read as helm reads it (go-yaml through sigs.k8s.io/yaml), for the
// manifest sorter and the conformance harness alike: the fast decoder for plain documents, the
// yaml package for the rest, and go-yaml's leniency on quoted scalars continued left of their key.
import { yamlLibrary } from '../yaml-library.js';
import { decodePlainYaml } from '../plain-yaml.js';
import { indentQuotedContinuations } from './quoted-continuations.js';

/** The document's value, or undefined when go-yaml may read it but the yaml package cannot. */
export function readRenderedDocument(text: string, maxAliasCount = 10_000): { value: unknown } | undefined {
  const decoded = decodePlainYaml(text, 0, text.length);
  if (decoded !== undefined) return { value: decoded };
  const { parseDocument } = yamlLibrary();
  let document = parseDocument(text, { version: '1.1', uniqueKeys: false });
  if (document.errors.length > 0) {
    const lenient = parseDocument(indentQuotedContinuations(text), { version: '1.1', uniqueKeys: false });
    if (lenient.errors.length > 0) return undefined;
    document = lenient;
  }
  return { value: document.toJS({ maxAliasCount }) };
}
