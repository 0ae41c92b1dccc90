/**
 * The progress bar of a batch on a terminal (never in pipes or CI): one line
 * at the bottom, that log lines print above. It is drawn with two things
 * every terminal has, carriage return and "erase line", and is always
 * shorter than the terminal is wide, so it never wraps. It does not turn line
 * wrap off or save and restore the cursor (as cli-progress did): errors
 * printed above it wrap whole, in order, and the summary follows them.
 */

interface Terminal {
  write(s: string): unknown;
  /** The terminal's width, when the stream is one (process.stderr). */
  columns?: number;
}

export interface Progress {
  tick(): void;
  /** Prints above the bar: the bar is erased, `print` writes whole lines, the bar is drawn again below them. */
  log(print: () => void): void;
  /** Erases the bar, leaving the cursor at the start of an empty line. */
  stop(): void;
}

const ERASE = '\r\x1b[2K';

function seconds(s: number): string {
  return s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}

/** The bar's line for `done` of `total`, at most `width` characters. */
export function barLine(done: number, total: number, elapsedMs: number, width: number): string {
  const share = total === 0 ? 1 : done / total;
  const eta = done === 0 ? '' : ` · ${seconds(((total - done) * elapsedMs) / done / 1000)} left`;
  const text = ` ${done}/${total} ${Math.round(share * 100)}%${eta}`;
  const room = Math.max(0, Math.min(40, width - 'building '.length - text.length - 2));
  const filled = Math.round(share * room);
  const line = `building ${room > 0 ? `[${'█'.repeat(filled)}${'░'.repeat(room - filled)}]` : ''}${text}`;
  return line.slice(0, Math.max(0, width));
}

export function progressBar(total: number, io: { stderr: Terminal }): Progress {
  const started = performance.now();
  let done = 0;
  // One column short of the width: a line exactly as wide as the terminal leaves some terminals' cursor past the edge.
  const draw = () => io.stderr.write(`${ERASE}${barLine(done, total, performance.now() - started, (io.stderr.columns ?? 80) - 1)}`);
  draw();
  return {
    tick() {
      done++;
      draw();
    },
    log(print) {
      io.stderr.write(ERASE);
      print();
      draw();
    },
    stop() {
      io.stderr.write(ERASE);
    },
  };
}
