/**
 * Pieces the content schema and the charts' schema share: a description for
 * editors (shown on hover and offered on completion, with examples where they
 * help), and the fields that let the fitter leave an item out.
 */
import { z } from 'zod';

export const about = (description: string, ...examples: unknown[]) => (examples.length ? { description, examples } : { description });

/** Items the fitter may leave out when nothing else makes the page fit. */
export const optionality = {
  optional: z.boolean().optional().describe('May be left out, with a notice, if the briefing does not fit on one page otherwise.'),
  priority: z
    .number()
    .int()
    .min(0)
    .max(100)
    .optional()
    .meta(about('Among optional items, lower priority is left out first (0–100, default 50).', 30)),
};
