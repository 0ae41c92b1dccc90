/**
 * How briefing replaces a method of pdfmake, PDFKit or fontkit: the
 * replacement is made from the original, and both are kept, by group, so a
 * test can run the original code again and compare (withOriginals).
 */

const replaced = new Map<string, { owner: any; name: string; original: unknown; replacement: unknown }[]>();

/** Sets `owner[name]` to what `make` builds from the original, and remembers both under `group`. */
export function replaceMethod(group: string, owner: any, name: string, make: (original: any) => unknown): void {
  const original = owner[name];
  const replacement = make(original);
  if (!replaced.has(group)) replaced.set(group, []);
  replaced.get(group)!.push({ owner, name, original, replacement });
  owner[name] = replacement;
}

/** Runs `fn` with the original methods of `group` in place, then puts the replacements back. Not for concurrent use. */
export async function withOriginals<T>(group: string, fn: () => T | Promise<T>): Promise<T> {
  const entries = replaced.get(group) ?? [];
  for (const e of entries) e.owner[e.name] = e.original;
  try {
    return await fn();
  } finally {
    for (const e of entries) e.owner[e.name] = e.replacement;
  }
}
