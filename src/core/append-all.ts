// Appends one array to another without spreading it into arguments: `target.push(...items)`
// passes every item on the stack, so a file of 200,000 documents or a List of 150,000 items
// ends in "Maximum call stack size exceeded".

export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
