/**
 * What a terminal shows for a stream of output: a small emulator of the
 * controls a progress bar uses (carriage return, erase line, cursor moves,
 * line wrap on and off, cursor save and restore), so a test can read the
 * screen a user would see, not the bytes. Returns the logical lines (a line
 * the terminal wrapped at its edge is joined back), in screen order.
 */
export function screen(output: string, columns: number): string[] {
  const rows: string[][] = [[]];
  const wrapped: boolean[] = [false];
  let row = 0;
  let col = 0;
  let wrap = true;
  let saved = { row: 0, col: 0 };
  const line = (r: number) => {
    while (rows.length <= r) {
      rows.push([]);
      wrapped.push(false);
    }
    return rows[r]!;
  };
  for (let i = 0; i < output.length; i++) {
    const ch = output[i]!;
    if (ch === '\x1b') {
      const csi = output[i + 1] === '[' ? /^\[(\??)([\d;]*)([A-Za-z])/.exec(output.slice(i + 1)) : null;
      if (csi) {
        i += csi[0].length;
        const [, private_, params, final] = csi;
        const n = Number(params || '1');
        if (private_ && params === '7') wrap = final === 'h';
        else if (private_)
          continue; // cursor shown or hidden
        else if (final === 'K') {
          const l = line(row);
          if (params === '2') l.length = 0;
          else if (params === '1') l.fill(' ', 0, col);
          else l.length = Math.min(l.length, col);
        } else if (final === 'A') row = Math.max(0, row - n);
        else if (final === 'B') row += n;
        else if (final === 'C') col = Math.min(columns - 1, col + n);
        else if (final === 'D') col = Math.max(0, col - n);
        else if (final === 'G') col = n - 1;
        else if (final === 's') saved = { row, col };
        else if (final === 'u') ({ row, col } = saved);
        continue; // colours (m) and anything else change no text
      }
      if (output[i + 1] === '7') saved = { row, col };
      else if (output[i + 1] === '8') ({ row, col } = saved);
      i++;
      continue;
    }
    if (ch === '\r') col = 0;
    else if (ch === '\n') {
      row++; // a terminal's tty turns \n into \r\n
      col = 0;
      line(row);
    } else {
      if (col >= columns) {
        if (wrap) {
          row++;
          col = 0;
          line(row);
          wrapped[row] = true;
        } else col = columns - 1; // with wrap off, the last column is overwritten
      }
      const l = line(row);
      while (l.length < col) l.push(' ');
      l[col++] = ch;
    }
  }
  const logical: string[] = [];
  rows.forEach((r, i) => {
    const text = r.join('');
    if (wrapped[i] && logical.length > 0) logical[logical.length - 1] += text;
    else logical.push(text);
  });
  return logical.map((l) => l.trimEnd());
}
