// The bundled directory of crisis lines by country, shown on the Support page with no network needed.
// Only long-standing national numbers; each country also lists its emergency number. The data carries
// the month it was checked, and the page asks people to check a number if in doubt.
import { z } from 'zod';

/** The month the numbers below were last checked against each organisation's own site. */
export const CRISIS_LINES_CHECKED = '2026-12';

/** A number as printed ("116 123") and as dialled ("116123"). */
const NumberSchema = z.object({
  display: z.string().min(2).max(40),
  dial: z.string().regex(/^\+?\d{2,15}$/, 'digits only, with an optional leading +'),
});

const LineSchema = z
  .object({
    name: z.string().min(2).max(120),
    /** What the line is for, in a few plain words. */
    about: z.string().min(2).max(200),
    phone: NumberSchema.optional(),
    text: NumberSchema.extend({ keyword: z.string().min(1).max(20).optional() }).optional(),
    hours: z.string().min(2).max(80),
    languages: z.array(z.string().min(2).max(60)).min(1).max(30).optional(),
    /** The organisation's web address, as plain text (the app never opens it by itself). */
    source: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}(\/[\w./-]*)?$/, 'a bare web address such as samaritans.org'),
  })
  .refine((line) => line.phone !== undefined || line.text !== undefined, 'a line needs a phone or a text number');

const EmergencySchema = z.object({
  label: z.string().min(2).max(60),
  number: NumberSchema,
});

export const CountryLinesSchema = z.object({
  /** ISO 3166-1 alpha-2 code, or "INTL" for everywhere else. */
  code: z.union([z.string().regex(/^[A-Z]{2}$/), z.literal('INTL')]),
  name: z.string().min(2).max(60),
  emergency: z.array(EmergencySchema).min(1).max(4),
  lines: z.array(LineSchema).max(6),
  /** Shown above the lines, e.g. where no bundled national line exists. */
  note: z.string().max(300).optional(),
});

export const CrisisDirectorySchema = z.object({
  checked: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  countries: z.array(CountryLinesSchema).min(1),
});

export type CrisisLine = z.output<typeof LineSchema>;
export type CountryLines = z.output<typeof CountryLinesSchema>;
export type CrisisDirectory = z.output<typeof CrisisDirectorySchema>;

const n = (display: string): { display: string; dial: string } => ({ display, dial: display.replace(/[^\d+]/g, '') });

export const CRISIS_DIRECTORY: CrisisDirectory = {
  checked: CRISIS_LINES_CHECKED,
  countries: [
    {
      code: 'US',
      name: 'United States',
      emergency: [{ label: 'Emergency', number: n('911') }],
      lines: [
        { name: '988 Suicide & Crisis Lifeline', about: 'Talk or text with a trained crisis counsellor.', phone: n('988'), text: n('988'), hours: '24 hours, every day', languages: ['English', 'Spanish'], source: '988lifeline.org' },
        { name: 'Crisis Text Line', about: 'Text with a trained volunteer.', text: { ...n('741741'), keyword: 'HOME' }, hours: '24 hours, every day', languages: ['English'], source: 'crisistextline.org' },
      ],
    },
    {
      code: 'GB',
      name: 'United Kingdom',
      emergency: [{ label: 'Emergency', number: n('999') }, { label: 'Urgent medical help (England, Scotland, Wales)', number: n('111') }],
      lines: [
        { name: 'Samaritans', about: 'Someone to talk to about anything, free from any phone.', phone: n('116 123'), hours: '24 hours, every day', languages: ['English'], source: 'samaritans.org' },
        { name: 'Shout', about: 'Text with a trained volunteer.', text: { ...n('85258'), keyword: 'SHOUT' }, hours: '24 hours, every day', languages: ['English'], source: 'giveusashout.org' },
      ],
    },
    {
      code: 'IE',
      name: 'Ireland',
      emergency: [{ label: 'Emergency', number: n('112') }, { label: 'Emergency', number: n('999') }],
      lines: [
        { name: 'Samaritans Ireland', about: 'Someone to talk to about anything, free from any phone.', phone: n('116 123'), hours: '24 hours, every day', languages: ['English'], source: 'samaritans.org' },
        { name: '50808', about: 'Text with a trained volunteer.', text: { ...n('50808'), keyword: 'HELLO' }, hours: '24 hours, every day', languages: ['English'], source: '50808.ie' },
      ],
    },
    {
      code: 'CA',
      name: 'Canada',
      emergency: [{ label: 'Emergency', number: n('911') }],
      lines: [
        { name: '9-8-8 Suicide Crisis Helpline', about: 'Call or text to reach trained responders.', phone: n('988'), text: n('988'), hours: '24 hours, every day', languages: ['English', 'French'], source: '988.ca' },
      ],
    },
    {
      code: 'AU',
      name: 'Australia',
      emergency: [{ label: 'Emergency', number: n('000') }],
      lines: [
        { name: 'Lifeline', about: 'Crisis support and suicide prevention.', phone: n('13 11 14'), hours: '24 hours, every day', languages: ['English'], source: 'lifeline.org.au' },
        { name: 'Beyond Blue', about: 'Support with anxiety and depression.', phone: n('1300 22 4636'), hours: '24 hours, every day', languages: ['English'], source: 'beyondblue.org.au' },
      ],
    },
    {
      code: 'NZ',
      name: 'New Zealand',
      emergency: [{ label: 'Emergency', number: n('111') }],
      lines: [
        { name: '1737, Need to talk?', about: 'Call or text to talk with a trained counsellor.', phone: n('1737'), text: n('1737'), hours: '24 hours, every day', languages: ['English'], source: '1737.org.nz' },
        { name: 'Lifeline Aotearoa', about: 'Someone to talk to.', phone: n('0800 543 354'), hours: '24 hours, every day', languages: ['English'], source: 'lifeline.org.nz' },
      ],
    },
    {
      code: 'DE',
      name: 'Germany (Deutschland)',
      emergency: [{ label: 'Notruf', number: n('112') }],
      lines: [
        { name: 'TelefonSeelsorge', about: 'Anonymous, free support by phone.', phone: n('0800 111 0 111'), hours: '24 hours, every day', languages: ['German'], source: 'telefonseelsorge.de' },
        { name: 'TelefonSeelsorge (second number)', about: 'The same service on its second number.', phone: n('0800 111 0 222'), hours: '24 hours, every day', languages: ['German'], source: 'telefonseelsorge.de' },
      ],
    },
    {
      code: 'FR',
      name: 'France',
      emergency: [{ label: 'Urgences', number: n('112') }, { label: 'SAMU', number: n('15') }],
      lines: [
        { name: '3114, Numéro national de prévention du suicide', about: 'Free, confidential support from care professionals.', phone: n('3114'), hours: '24 hours, every day', languages: ['French'], source: '3114.fr' },
      ],
    },
    {
      code: 'ES',
      name: 'Spain (España)',
      emergency: [{ label: 'Emergencias', number: n('112') }],
      lines: [
        { name: '024, Línea de atención a la conducta suicida', about: 'Free, confidential support for people with thoughts of suicide and those close to them.', phone: n('024'), hours: '24 hours, every day', languages: ['Spanish'], source: 'sanidad.gob.es' },
      ],
    },
    {
      code: 'NL',
      name: 'Netherlands (Nederland)',
      emergency: [{ label: 'Alarmnummer', number: n('112') }],
      lines: [
        { name: '113 Zelfmoordpreventie', about: 'Talk anonymously about thoughts of suicide.', phone: n('113'), hours: '24 hours, every day', languages: ['Dutch'], source: '113.nl' },
        { name: '113 Zelfmoordpreventie (free number)', about: 'The same service, free of charge.', phone: n('0800 0113'), hours: '24 hours, every day', languages: ['Dutch'], source: '113.nl' },
      ],
    },
    {
      code: 'IN',
      name: 'India',
      emergency: [{ label: 'Emergency', number: n('112') }],
      lines: [
        { name: 'Tele-MANAS', about: 'The national tele mental health service.', phone: n('14416'), hours: '24 hours, every day', languages: ['English', 'Hindi', 'and many other Indian languages'], source: 'telemanas.mohfw.gov.in' },
        { name: 'Tele-MANAS (toll-free)', about: 'The same service on its toll-free number.', phone: n('1800 891 4416'), hours: '24 hours, every day', languages: ['English', 'Hindi', 'and many other Indian languages'], source: 'telemanas.mohfw.gov.in' },
      ],
    },
    {
      code: 'ZA',
      name: 'South Africa',
      emergency: [{ label: 'Emergency from a mobile phone', number: n('112') }, { label: 'Ambulance', number: n('10177') }, { label: 'Police', number: n('10111') }],
      lines: [
        { name: 'SADAG Suicide Crisis Helpline', about: 'Support from the South African Depression and Anxiety Group.', phone: n('0800 567 567'), hours: '24 hours, every day', languages: ['English'], source: 'sadag.org' },
      ],
    },
    {
      code: 'INTL',
      name: 'Elsewhere / international',
      note: 'Hearth does not include a line for every country. If you are in danger now, call your local emergency number. Many countries have a free crisis line; a doctor, pharmacist or local health service can tell you the number.',
      emergency: [
        { label: 'Emergency on most mobile phones', number: n('112') },
        { label: 'Emergency in North America', number: n('911') },
      ],
      lines: [],
    },
  ],
};

/** The entry for a country code, falling back to the international entry. */
export function linesFor(code: string | null | undefined): CountryLines {
  const found = CRISIS_DIRECTORY.countries.find((country) => country.code === code);
  const fallback = CRISIS_DIRECTORY.countries.find((country) => country.code === 'INTL');
  if (found) return found;
  if (!fallback) throw new Error('The crisis directory has no international entry.');
  return fallback;
}

/** A best guess at the person's country from a locale such as "en-GB" (never saved until they choose). */
export function guessCountry(locales: readonly string[]): string | null {
  for (const locale of locales) {
    const region = /^[a-z]{2,3}[-_](?:[A-Za-z]{4}[-_])?([A-Za-z]{2})\b/.exec(locale)?.[1]?.toUpperCase();
    if (region && CRISIS_DIRECTORY.countries.some((country) => country.code === region)) return region;
  }
  return null;
}
