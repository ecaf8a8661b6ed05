import { createContext } from 'react';

/** True on a kiosk wall: nothing on it opens (content warnings, sensitive media) or edits. */
export const KioskContext = createContext(false);
