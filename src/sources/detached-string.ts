// Substrings that do not keep the text they were read from alive. V8 represents a substring
// of 13 characters or more as a view into its parent string, so an image name kept in the
// inventory, or a resource name kept in a finding, would otherwise keep its whole file's
// text in memory until the scan ends.

const SHORTEST_VIEW = 13;

export function detached(text: string): string {
  // The concatenation is flattened into a new string before the slice copies out of it.
  return text.length < SHORTEST_VIEW ? text : (text + ' ').slice(0, -1);
}
