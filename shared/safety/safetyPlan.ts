// A personal safety plan: the six Stanley–Brown steps plus optional reasons for living. Stored only on
// this device; parsed leniently so one damaged field never costs the rest of the plan.
import { z } from 'zod';

export const PLAN_LIMITS = { textLength: 4_000, contacts: 30, nameLength: 120, phoneLength: 40, viaLength: 160 } as const;

export const ContactSchema = z.object({
  name: z.string().max(PLAN_LIMITS.nameLength),
  /** As the person typed it: a number that can't be dialled is kept and gently pointed out, never dropped. */
  phone: z.string().max(PLAN_LIMITS.phoneLength),
  /** Where this person was chosen from, e.g. "Sam · Tuesday circle". */
  via: z.string().max(PLAN_LIMITS.viaLength).optional(),
});
export type Contact = z.output<typeof ContactSchema>;

const text = z.string().max(PLAN_LIMITS.textLength);
const contacts = z.array(ContactSchema).max(PLAN_LIMITS.contacts);

export const SafetyPlanSchema = z.object({
  /** Step 1: warning signs that a crisis may be developing. */
  warningSigns: text,
  /** Step 2: things I can do on my own to take my mind off my problems. */
  copingStrategies: text,
  /** Step 3: people and social settings that provide distraction. */
  distractions: text,
  /** Step 4: people I can ask for help. */
  helpers: contacts,
  /** Step 5: professionals or agencies I can contact. */
  professionals: contacts,
  /** Step 6: making the environment safe. */
  safeEnvironment: text,
  /** Optional: the things that are most important to me and worth living for. */
  reasonsForLiving: text,
  /** When the plan was last saved (ms since the epoch); 0 for a plan never saved. */
  updatedAt: z.number().int().nonnegative(),
});
export type SafetyPlan = z.output<typeof SafetyPlanSchema>;

export type PlanTextField = 'warningSigns' | 'copingStrategies' | 'distractions' | 'safeEnvironment' | 'reasonsForLiving';
export type PlanContactField = 'helpers' | 'professionals';

export const EMPTY_PLAN: SafetyPlan = {
  warningSigns: '',
  copingStrategies: '',
  distractions: '',
  helpers: [],
  professionals: [],
  safeEnvironment: '',
  reasonsForLiving: '',
  updatedAt: 0,
};

/** Reads a stored plan: every valid field is kept; a damaged one falls back to empty. */
export function parseSafetyPlan(raw: unknown): SafetyPlan {
  const whole = SafetyPlanSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const pick = <K extends keyof SafetyPlan>(key: K): SafetyPlan[K] => {
    const field = SafetyPlanSchema.shape[key].safeParse(source[key]);
    return field.success ? (field.data as SafetyPlan[K]) : EMPTY_PLAN[key];
  };
  return {
    warningSigns: pick('warningSigns'),
    copingStrategies: pick('copingStrategies'),
    distractions: pick('distractions'),
    helpers: pick('helpers'),
    professionals: pick('professionals'),
    safeEnvironment: pick('safeEnvironment'),
    reasonsForLiving: pick('reasonsForLiving'),
    updatedAt: pick('updatedAt'),
  };
}

/** True when nothing has been written in any step. */
export function isPlanEmpty(plan: SafetyPlan): boolean {
  const texts: PlanTextField[] = ['warningSigns', 'copingStrategies', 'distractions', 'safeEnvironment', 'reasonsForLiving'];
  return texts.every((field) => plan[field].trim() === '') && [...plan.helpers, ...plan.professionals].every((contact) => contact.name.trim() === '' && contact.phone.trim() === '');
}

/** The digits to dial for a phone number as typed, or null when it can't be dialled as written. */
export function dialable(phone: string): string | null {
  const trimmed = phone.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[^\d+]/g, '');
  const count = digits.replace('+', '').length;
  return count >= 2 && count <= 15 ? digits : null;
}

/** Text fields are cut to their limit rather than refused, so pasting a long list loses only the overflow. */
export function clampPlan(plan: SafetyPlan): SafetyPlan {
  const clip = (value: string, limit: number): string => value.slice(0, limit);
  const contact = (entry: Contact): Contact => ({
    name: clip(entry.name, PLAN_LIMITS.nameLength),
    phone: clip(entry.phone, PLAN_LIMITS.phoneLength),
    ...(entry.via === undefined ? {} : { via: clip(entry.via, PLAN_LIMITS.viaLength) }),
  });
  return {
    warningSigns: clip(plan.warningSigns, PLAN_LIMITS.textLength),
    copingStrategies: clip(plan.copingStrategies, PLAN_LIMITS.textLength),
    distractions: clip(plan.distractions, PLAN_LIMITS.textLength),
    helpers: plan.helpers.slice(0, PLAN_LIMITS.contacts).map(contact),
    professionals: plan.professionals.slice(0, PLAN_LIMITS.contacts).map(contact),
    safeEnvironment: clip(plan.safeEnvironment, PLAN_LIMITS.textLength),
    reasonsForLiving: clip(plan.reasonsForLiving, PLAN_LIMITS.textLength),
    updatedAt: plan.updatedAt,
  };
}
