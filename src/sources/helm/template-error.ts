// A template that cannot be parsed or executed, located in its source file.
export class TemplateError extends Error {
  constructor(
    readonly template: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${template}:${line}:${column}: ${reason}`);
  }
}
