// The person's support and safety preferences: their country for the crisis-line directory (chosen
// once, null until then) and whether drafts are gently checked for crisis language.
import { z } from 'zod';

export const SafetySettingsSchema = z.object({
  /** ISO 3166-1 alpha-2 code or "INTL"; null until the person chooses. */
  country: z.union([z.string().regex(/^(?:[A-Z]{2}|INTL)$/), z.null()]),
  crisisCheck: z.boolean(),
});

export type SafetySettings = z.output<typeof SafetySettingsSchema>;

export const DEFAULT_SAFETY: SafetySettings = { country: null, crisisCheck: true };
