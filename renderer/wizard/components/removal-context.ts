import { createContext } from 'react';

/**
 * Lets any list of the wizard say it removed something (« Visa 3 supprimé. Ctrl+Z pour
 * annuler. »): the wizard shows it once, the same way for every list, with an « Annuler » button.
 */
export const RemovalContext = createContext<(text: string) => void>(() => undefined);
