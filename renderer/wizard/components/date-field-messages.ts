import type { Lang } from '../../i18n/messages';

/*
 * Words of the date field and its calendar, French first; English has the same keys. The date
 * itself is always written the French way (JJ/MM/AAAA), whatever the interface language.
 */
const fr = {
  format: 'Format JJ/MM/AAAA, ex. 15/04/2026.',
  openCalendar: (label: string) => `Choisir « ${label} » dans le calendrier`,
  calendar: (label: string) => `Calendrier : ${label}`,
  previousMonth: 'Mois précédent',
  nextMonth: 'Mois suivant',
  close: 'Fermer le calendrier',
  keysHelp: 'Flèches : jour ; Page préc./suiv. : mois ; Maj+Page : année ; Entrée : choisir ; Échap : fermer.',
  today: 'aujourd’hui',
  impossible: (d: number, m: number, y: number) =>
    `Le ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y} n’existe pas : saisissez une date réelle au format JJ/MM/AAAA (ex. 15/04/2026) ou choisissez-la dans le calendrier.`,
  incomplete: 'Date incomplète : saisissez le jour, le mois et l’année au format JJ/MM/AAAA (ex. 15/04/2026), avec ou sans barres obliques.',
  locale: 'fr-FR',
};

/** The shape every language provides. */
export type DateFieldMessages = typeof fr;

const en: DateFieldMessages = {
  format: 'French format DD/MM/YYYY, e.g. 15/04/2026.',
  openCalendar: (label) => `Choose “${label}” in the calendar`,
  calendar: (label) => `Calendar: ${label}`,
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  close: 'Close the calendar',
  keysHelp: 'Arrows: day; Page Up/Down: month; Shift+Page: year; Enter: choose; Escape: close.',
  today: 'today',
  impossible: (d, m, y) =>
    `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y} does not exist: type a real date as DD/MM/YYYY (e.g. 15/04/2026) or choose it in the calendar.`,
  incomplete: 'Incomplete date: type the day, month and year as DD/MM/YYYY (e.g. 15/04/2026), with or without slashes.',
  locale: 'en-GB',
};

/** Dictionaries by language. */
export const dateFieldMessages: Record<Lang, DateFieldMessages> = { fr, en };
