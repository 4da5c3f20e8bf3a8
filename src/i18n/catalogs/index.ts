// Every language DinkyDash speaks: one line each (see docs/i18n.md).
// English is the source: the others are typed against its keys.
export { en } from './en.js';
export { de } from './de.js';
export { fr } from './fr.js';
export { es } from './es.js';
