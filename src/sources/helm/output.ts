// The text a template writes, and for each output line the template file and line that
// wrote its first character, so rendered objects can be located in the template source.
export interface SourceLine {
  file: string;
  line: number;
}

export class Output {
  private readonly parts: string[] = [];
  /** Source of each output line (0-based index); only kept when tracking. */
  readonly sources: SourceLine[] = [];
  private outputLine = 0;
  private lineStarted = false;

  constructor(private readonly track: boolean) {}

  /**
   * Appends `text`. Literal template text advances the source line with every newline it
   * holds (`advance`); the value of an action is attributed to the action's line as a whole.
   */
  write(text: string, file: string, line: number, advance: boolean): void {
    if (!text) return;
    this.parts.push(text);
    if (!this.track) return;
    let start = 0;
    let offset = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const last = newline === -1;
      if (!this.lineStarted && (!last || start < text.length)) {
        this.sources[this.outputLine] = { file, line: advance ? line + offset : line };
        this.lineStarted = true;
      }
      if (last) return;
      this.outputLine++;
      this.lineStarted = false;
      offset++;
      start = newline + 1;
    }
  }

  toString(): string {
    return this.parts.join('');
  }
}
