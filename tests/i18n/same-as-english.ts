// Messages a language writes exactly as English does (a word both languages
// share): listed here so the catalog test can tell them from a text nobody
// translated.
export const SAME_AS_ENGLISH: Partial<Record<string, readonly string[]>> = {
  de: [],
  fr: ['timeZone.regionEurope'],
  es: ['timeZone.regionAsia', 'timeZone.regionAustralia'],
};
