/**
 * Text from a user's files, shown on a terminal: control characters made
 * visible. A field name or a file name can hold ESC and BEL bytes, which a
 * terminal obeys (clear the screen, fake a green "built" line, set the window
 * title), and bidirectional controls that reorder what is read.
 */

// C0 controls but tab and newline, DEL, C1 controls, bidi embeddings, overrides and isolates, line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;

/** `\x1b` shown as `\x1B`, U+202E as `\u202E`: visible, and never obeyed. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/**
 * JSON text with the characters JSON.stringify leaves raw (C1 controls, bidi
 * controls, line separators) written as \u escapes: the same data, and
 * nothing a terminal or a log viewer obeys.
 */
export function jsonForTerminal(json: string): string {
  return json.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A short, printable excerpt of text that may be anything: at most `max` characters. */
export function snippet(text: string, max = 40): string {
  const chars = [...text];
  const short = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return printable(short.replace(/\n/g, '\\n'));
}
