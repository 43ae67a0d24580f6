// Whether this process is upshift's own (the command line) rather than a program that uses
// upshift as a library: only then may upshift change what holds for the whole process, such as
// V8's flags (sources/terraform/parse.ts).
let owned = false;

/** Said by the command line as it starts. */
export function ownProcess(): void {
  owned = true;
}

export function ownsProcess(): boolean {
  return owned;
}
