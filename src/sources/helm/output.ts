// The text a template writes, and for each output line the template file and line that
// wrote its first character, so rendered objects can be located in the template source.
export interface SourceLine {
  file: string;
  line: number;
}

export class Output {
  private text = '';
  /** Source of each output line (0-based index), as parallel arrays: one object per line would cost more. Only kept when tracking. */
  private readonly files: string[] = [];
  private readonly lines: number[] = [];
  private outputLine = 0;
  private lineStarted = false;

  constructor(private readonly track: boolean) {}

  /**
   * Appends `text`. Literal template text advances the source line with every newline it
   * holds (`advance`); the value of an action is attributed to the action's line as a whole.
   */
  write(text: string, file: string, line: number, advance: boolean): void {
    if (!text) return;
    this.text += text;
    if (!this.track) return;
    let start = 0;
    let offset = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const last = newline === -1;
      if (!this.lineStarted && (!last || start < text.length)) {
        this.files[this.outputLine] = file;
        this.lines[this.outputLine] = advance ? line + offset : line;
        this.lineStarted = true;
      }
      if (last) return;
      this.outputLine++;
      this.lineStarted = false;
      offset++;
      start = newline + 1;
    }
  }

  /** The template file and line that wrote output line `line` (1-based), when tracked. */
  sourceOf(line: number): SourceLine | undefined {
    const file = this.files[line - 1];
    return file === undefined ? undefined : { file, line: this.lines[line - 1] };
  }

  toString(): string {
    return this.text;
  }
}
