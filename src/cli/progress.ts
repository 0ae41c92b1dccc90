/** The progress bar of a batch on a terminal (never in pipes or CI). */
/** A progress bar on a terminal; log lines print above it. */
export async function progressBar(total: number, io: { stderr: { write(s: string): unknown } }) {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    // noTTYOutput: whether this is a terminal was decided already (io.tty); draw on the stream given.
    {
      stream: io.stderr as NodeJS.WriteStream,
      format: 'building {bar} {value}/{total} {percentage}% · {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  return {
    tick: () => bar.update(++done),
    log(print: () => void) {
      io.stderr.write('\r\x1b[2K');
      print();
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}
