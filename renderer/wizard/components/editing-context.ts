import { createContext } from 'react';

/**
 * Lets a body editor say it holds text the draft does not have yet (the model follows the
 * editor a moment after typing stops), so that « Enregistré » is never shown over unsaved text.
 */
export const EditingContext = createContext<{ readonly typing: (pending: boolean) => void }>({ typing: () => undefined });
