/**
 * GPOS's mark-attachment tables decoded when a mark is placed, not when
 * their lookup is first met. fontkit decodes a GPOS lookup whole the first
 * time the shaper looks at it, and the shaper looks at every lookup of a
 * feature for every word: a Latin word without a single combining mark
 * decoded every mark-to-base, mark-to-ligature and mark-to-mark subtable,
 * each base glyph's anchor for each mark class (about 3.4 of Noto Sans's
 * 3.9 MB of decoded shaping tables, per face). The shaper reads a subtable's
 * first coverage, and only when a glyph is in it (a mark) the rest, so here
 * the rest is decoded on first read: restructure's lazy pointer (a getter
 * that decodes and keeps the value), which fontkit uses for other tables.
 *
 * This matters most at start: the CLI's startup snapshot (startup/snapshot.ts)
 * holds the fonts as its sample build left them, and every cold build
 * deserializes that heap. Same output: the values are the same, read later.
 *
 * The table structures are fontkit's, one set shared by every font, reached
 * through a parsed font's GPOS (fontkit exports no table definitions): the
 * pointer to each mark table gets its own `decode` (registry.ts), which
 * decodes lazily while the replacement is on.
 */
import type * as fontkit from 'fontkit';
import { replaceOwnMethod } from './registry.js';

/** The part of restructure's Pointer used here. */
interface Pointer {
  options: { lazy: boolean };
  decode(stream: unknown, ctx: unknown): unknown;
}

/** Per GPOS lookup type (fontkit's tables/GPOS.js), the pointers the shaper follows only for a glyph in the first coverage. */
const READ_FOR_MARKS: Record<number, readonly string[]> = {
  4: ['baseCoverage', 'markArray', 'baseArray'], // mark to base
  5: ['ligatureCoverage', 'markArray', 'ligatureArray'], // mark to ligature
  6: ['mark2Coverage', 'mark1Array', 'mark2Array'], // mark to mark
};

/** The GPOS subtable structures already made lazy (shared by all fonts: once per process). */
const done = new WeakSet<object>();

export function markTablesDecodedWhenRead(font: fontkit.Font): fontkit.Font {
  const lookupTypes = gposLookupTypes(font);
  if (!lookupTypes || done.has(lookupTypes)) return font;
  done.add(lookupTypes);
  for (const [type, fields] of Object.entries(READ_FOR_MARKS)) {
    for (const field of fields) {
      const pointer = lookupTypes.versions[Number(type)]?.[field];
      if (!pointer) continue;
      replaceOwnMethod('lazy-mark-tables', pointer, 'decode', (decode: Pointer['decode']) => (stream: unknown, ctx: unknown) => {
        // Read by decode at this call only: the getter it returns no longer asks.
        pointer.options.lazy = true;
        try {
          return decode(stream, ctx);
        } finally {
          pointer.options.lazy = false;
        }
      });
    }
  }
  return font;
}

/**
 * fontkit's GPOS subtable structure (a VersionedStruct keyed by lookup type):
 * GPOS.lookupList is a LazyArray of pointers to Lookup structs, whose
 * subTables field is an Array of pointers to it. Undefined for a font
 * without GPOS. Reading font.GPOS decodes its header (scripts, features),
 * which laying out does anyway; the lookups stay undecoded until shaped.
 */
function gposLookupTypes(font: fontkit.Font): { versions: Record<number, Record<string, Pointer> | undefined> } | undefined {
  const gpos = (font as unknown as { GPOS?: { lookupList?: { type?: { type?: LookupStruct } } } }).GPOS;
  return gpos?.lookupList?.type?.type?.fields?.subTables?.type?.type;
}

interface LookupStruct {
  fields?: { subTables?: { type?: { type?: { versions: Record<number, Record<string, Pointer> | undefined> } } } };
}
