/**
 * Progress of a long command: a bar redrawn in place on a terminal, plain lines when the output is a
 * file or a pipe (a log should read as sentences, not as carriage returns).
 */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** A new step; `total` sub-steps follow, counted by `tick`. */
  step(label: string, total?: number): void;
  tick(): void;
  done(): void;
}

const BAR_WIDTH = 24;

export function createProgress(out: OutputStream, steps: number): Progress {
  return out.isTTY ? new TerminalBar(out, steps) : new PlainLines(out);
}

class PlainLines implements Progress {
  constructor(private readonly out: OutputStream) {}
  step(label: string): void {
    this.out.write(`${label}…\n`);
  }
  tick(): void {}
  done(): void {}
}

class TerminalBar implements Progress {
  private stepIndex = -1;
  private label = '';
  private total = 0;
  private count = 0;

  constructor(
    private readonly out: OutputStream,
    private readonly steps: number,
  ) {}

  step(label: string, total = 0): void {
    this.stepIndex++;
    this.label = label;
    this.total = total;
    this.count = 0;
    this.draw();
  }

  tick(): void {
    this.count++;
    this.draw();
  }

  done(): void {
    this.out.write('\r\x1b[2K');
  }

  private draw(): void {
    const within = this.total > 0 ? Math.min(this.count / this.total, 1) : 0;
    const fraction = Math.min((Math.max(this.stepIndex, 0) + within) / this.steps, 1);
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const percent = `${String(Math.round(fraction * 100)).padStart(3)} %`;
    const counter = this.total > 0 ? ` (${this.count}/${this.total})` : '';
    const line = `${bar} ${percent}  ${this.label}${counter}`;
    const width = (this.out.columns || 80) - 1;
    this.out.write(`\r\x1b[2K${line.length > width ? line.slice(0, width) : line}`);
  }
}
