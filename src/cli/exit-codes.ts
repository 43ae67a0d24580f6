// The exit codes CLI.md promises, apart from common.ts (which loads the reporters) so that the
// program's entry can use them without loading a command's implementation.
export const EXIT = { ok: 0, usage: 1, warnings: 2, errors: 3 } as const;
