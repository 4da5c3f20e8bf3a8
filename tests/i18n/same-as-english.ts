// Messages a language writes exactly as English does (a word both languages
// share): listed here so the catalog test can tell them from a text nobody
// translated.
export const SAME_AS_ENGLISH: Partial<Record<string, readonly string[]>> = {
  de: [
    'people.person',
    'feeds.name',
    'event.optional',
    'countdowns.title', 'weather.celsius', 'weather.fahrenheit',
    // Accounts, members and the manage pages (issue 14, part b).
    'members.roleAdmin', 'members.avatar', 'manage.name', 'manage.layout', 'manage.sizeMediumName', 'manage.linkShownOnceIn', 'manage.linkShownOnceEnd',
  ],
  fr: [
    'countdowns.date',
    'event.note',
    'weather.celsius', 'weather.fahrenheit', 'weather.latitude', 'weather.longitude',
    'timeZone.regionEurope',
    // Accounts, members and the manage pages (issue 14, part b).
    'accounts.minutes', 'members.avatar', 'members.invitation', 'manage.sizeMediumName', 'manage.stepDisplayEnd',
  ],
  es: [
    'calendar.agenda', 'weather.celsius', 'weather.fahrenheit',
    'timeZone.regionAsia', 'timeZone.regionAustralia',
    // Accounts, members and the manage pages (issue 14, part b).
    'members.avatar', 'manage.stepDisplayEnd', 'manage.linkShownOnceEnd',
  ],
};
