import type { Message } from '../message.js';

// English: the source catalog. Every other language's file has exactly these
// keys (the type checker says so) with the same {placeholders}
// (tests/i18n/catalogs.test.ts). Keys are grouped by where the words show.
// Plural messages have one text per plural category of the language, and may
// name exact numbers ('=1': "Tomorrow").
export const en = {
  'language.name': 'English',
  // Intl's conventions for English: British ("Sunday 22 November 2026", 24-hour, Monday first), as DinkyDash always wrote.
  'language.locale': 'en-GB',

  // The frame of a family's pages (src/views/family-page.tsx).
  'frame.nav': 'Family',
  'frame.dashboard': 'Dashboard',
  'frame.calendar': 'Calendar',
  'frame.manage': 'Chores & countdowns',
  'frame.members': 'Members',
  'frame.settings': 'Settings',
  'frame.me': 'My profile',
  'frame.signOut': 'Sign out',
  'frame.readOnly': "This family is read-only on the Pi just now: you can look at everything, but changes cannot be saved. The Pi's owner can make it writable again.",

  // Words many forms share.
  'form.saved': 'Saved.',
  'form.nothingSaved': 'Nothing was saved. Please check the fields marked below.',
  'form.save': 'Save',

  // The family's settings (src/family/settings-routes.tsx).
  'settings.title': 'Settings',
  'settings.heading': 'Family settings',
  'settings.name': 'Family name',
  'settings.language': 'Language',
  'settings.languageHint': 'The language of the family’s pages and wall displays. Members may choose their own on their profile.',
  'settings.timeZone': 'Time zone',
  'settings.timeZoneHint': "Decides when 'today' starts for chores and countdowns.",
  'settings.theme': 'Theme',
  'settings.themeAuto': 'Follow the device',
  'settings.themeLight': 'Light',
  'settings.themeDark': 'Dark',
  'settings.accent': 'Accent colour',
  'settings.dateFormat': 'Date format',
  'settings.dateFormatDmy': '{example} (day.month.year)',
  'settings.dateFormatMdy': '{example} (month/day/year)',
  'settings.dateFormatIso': '{example} (year-month-day)',
  'settings.clock': 'Clock',
  'settings.clock24': '24-hour ({example})',
  'settings.clock12': '12-hour ({example})',
  'settings.clockHint': "How the time reads in the dashboard's header and on wall displays.",
  'settings.weekStart': 'First day of the week',
  'settings.weekStartHint': "Where the calendar's weeks and months begin.",
  'settings.night': 'Night mode for wall displays',
  'settings.nightMode': 'Dim displays at night',
  'settings.nightModeHint': 'A tap wakes the screen for a minute.',
  'settings.nightFrom': 'From',
  'settings.nightUntil': 'Until',
  'settings.displayCanComplete': 'Wall displays may mark chores done',
  'settings.displayCanCompleteHint': 'Anyone at the display can then tap a chore to mark it done.',
  'settings.submit': 'Save settings',
  'settings.problemTheme': 'Please choose a theme.',
  'settings.problemDateFormat': 'Please choose a date format.',
  'settings.problemClock': 'Please choose a 12-hour or a 24-hour clock.',
  'settings.problemWeekStart': 'Please choose {monday} or {sunday}.',
  'settings.problemLanguage': 'Please choose a language.',
  'settings.problemTimeZoneMissing': 'Please choose a time zone',
  'settings.problemTimeZone': '"{zone}" is not a time zone we know. Use a name like Europe/Berlin or America/New_York',
  'settings.problemTime': 'Time must look like 22:00 (hours 00-23, minutes 00-59)',
  'settings.problemFamilyNameMissing': 'Type your family’s name, e.g. The Smiths.',
  'settings.problemFamilyNameLong': { one: 'A family name can have at most {count} character.', other: 'A family name can have at most {count} characters.' },

  // A member's own language (src/accounts/profile-routes.tsx).
  'profile.language': 'Language of my pages',
  'profile.languageFamily': 'The family’s language ({language})',
  'profile.languageHint': 'Wall displays always speak the family’s language.',

  // Error pages (src/http/error-handler.tsx).
  'error.home': 'Go to the start page',
  'error.backToDashboard': 'Back to the dashboard',
  'error.notFoundTitle': 'Page not found',
  'error.notFound': 'There is nothing at this address.',
  'error.tooNewTitle': 'This family needs a newer DinkyDash',
  'error.tooNew': 'This family was saved by a newer version of DinkyDash. The Pi’s owner can update DinkyDash.',
  'error.unreadableTitle': 'This family cannot be opened',
  'error.unreadable': 'The family’s file cannot be read just now. The Pi’s owner can run "dinkydash check {slug}" or restore a backup.',
  'error.busyTitle': 'Busy for a moment',
  'error.busy': 'This family is being updated right now. Please try again in a few seconds.',
  'error.notSavedTitle': 'Nothing was saved',
  'error.diskFull': "The Pi has run out of storage space, so your change was not saved. Please tell the Pi's owner.",
  'error.io': "The Pi could not read or write this family's file just now. Please try again; if it keeps happening, tell the Pi's owner.",
  'error.readOnly': "This family's file is read-only right now, so your change was not saved. Please tell the Pi's owner.",
  'error.corrupt': "The family's file is damaged. The Pi's owner can restore a backup.",
  'error.replaced': "This family's file was replaced on the Pi just as you saved, so your change was not saved. Please try again.",
  'error.unexpectedTitle': 'Something went wrong',
  'error.unexpected': 'Sorry, that did not work. Nothing you entered is lost from earlier; please try again.',
  'error.forbiddenTitle': 'Not allowed',
  'error.crossSite': 'This request came from another site, so it was refused. Please use the form on this site.',
  'error.tooLargeTitle': 'Too large to send',
  'error.formTooLarge': 'That was far more than any form here sends, so it was not read. Nothing was saved.',
  'error.pictureTooLarge': 'That photo is far over the {megabytes} MB limit, so it was not sent and nothing was saved. Go back (your browser’s Back button keeps what you typed) and choose a smaller photo, or share it from your phone at a smaller size.',
  'error.uploadsBusy': 'Several pictures are being uploaded at this moment. Nothing was saved: please send the form again in a few seconds.',
  'error.backToForm': 'Back to the form',
  'error.notAFamilyFileTitle': 'Not a family file',
  'error.notAFamilyFile': 'There is no family at this address that can be opened. If it should be here, please tell the Pi’s owner.',
  'error.badRequestTitle': 'That did not work',
  'error.badRequest': 'The request could not be read.',

  // The time zone picker (src/views/time-zone-field.tsx): regions of the IANA zones.
  'timeZone.regionAfrica': 'Africa',
  'timeZone.regionAmericas': 'Americas',
  'timeZone.regionAntarctica': 'Antarctica',
  'timeZone.regionArctic': 'Arctic',
  'timeZone.regionAsia': 'Asia',
  'timeZone.regionAtlantic': 'Atlantic',
  'timeZone.regionAustralia': 'Australia',
  'timeZone.regionEurope': 'Europe',
  'timeZone.regionIndian': 'Indian Ocean',
  'timeZone.regionPacific': 'Pacific',
  'timeZone.regionOther': 'Other',
  'timeZone.useDevice': 'Use this device’s time zone',

  // A link to carry to another screen (src/views/carry-link.tsx).
  'link.copy': 'Copy link',
  'link.copied': 'Copied.',
  'link.selected': 'The link is selected: copy it from your device’s menu.',
  'link.qrLabel': 'QR code for {url}',
  'link.qrCaption': 'Or point a phone’s or tablet’s camera at this code to open the link.',

  // A countdown's one-off date in the past (src/kinds/countdowns).
  'countdown.pastQuestion': 'That date is in the past — save it anyway? Check the year, or tick the box below to keep it.',
  'countdown.pastConfirm': 'Yes, save it with this date',
} as const satisfies Record<string, Message>;
