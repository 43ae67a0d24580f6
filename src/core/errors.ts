// A problem with the invocation itself — a bad flag value, a missing path, an unusable
// knowledge file: the CLI prints the message and exits 1.
export class UsageError extends Error {}
