/** The IndexedDB database that holds a person's journal (check-ins, settings, circles, safety plan). */
export const JOURNAL_DATABASE_NAME = 'hearth-journal';
