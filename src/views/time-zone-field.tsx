import type { Child } from 'hono/jsx';
import { describedBy, FieldShell } from './form.js';
import { isValidTimeZone } from '../calendar/family-time.js';
import type { I18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/catalog.js';

// The time zone picker: every IANA zone, grouped by region under friendly
// names (Americas › New York), so a phone's picker shows a short list per
// region instead of 400 names in one. forms.js then chooses the device's own
// zone on a new family's form, or offers it on the settings page.

export interface ZoneChoice {
  value: string;
  label: string;
}
export interface ZoneGroup {
  /** The region's name in the catalog. */
  region: RegionKey;
  zones: ZoneChoice[];
}

const REGION_NAMES = {
  Africa: 'timeZone.regionAfrica',
  America: 'timeZone.regionAmericas',
  Antarctica: 'timeZone.regionAntarctica',
  Arctic: 'timeZone.regionArctic',
  Asia: 'timeZone.regionAsia',
  Atlantic: 'timeZone.regionAtlantic',
  Australia: 'timeZone.regionAustralia',
  Europe: 'timeZone.regionEurope',
  Indian: 'timeZone.regionIndian',
  Pacific: 'timeZone.regionPacific',
} as const satisfies Record<string, MessageKey>;
const OTHER = 'timeZone.regionOther' satisfies MessageKey;
type RegionKey = (typeof REGION_NAMES)[keyof typeof REGION_NAMES] | typeof OTHER;

// ICU still lists some zones under their old names; people look for the
// current ones (Kyiv, Kolkata), which Intl accepts as well.
const CURRENT_NAMES: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

function currentName(zone: string): string {
  const current = CURRENT_NAMES[zone];
  return current && isValidTimeZone(current) ? current : zone;
}

/** Intl's list, by current names; it leaves out "UTC" (the default on many Pis), so that is added. */
const ZONES: readonly string[] = (() => {
  const zones = (Intl.supportedValuesOf?.('timeZone') ?? []).map(currentName);
  return [...new Set(zones.includes('UTC') ? zones : ['UTC', ...zones])];
})();

/** "America/Argentina/Buenos_Aires" → region Americas, label "Argentina – Buenos Aires". */
export function zoneChoice(zone: string): { region: RegionKey; label: string } {
  const [first = '', ...rest] = zone.split('/');
  const region = rest.length && Object.hasOwn(REGION_NAMES, first) ? REGION_NAMES[first as keyof typeof REGION_NAMES] : undefined;
  const label = (region ? rest : [zone]).join(' – ').replace(/_/g, ' ');
  return { region: region ?? OTHER, label };
}

function groupZones(zones: readonly string[]): ZoneGroup[] {
  const groups = new Map<RegionKey, ZoneChoice[]>();
  for (const zone of zones) {
    const { region, label } = zoneChoice(zone);
    if (!groups.has(region)) groups.set(region, []);
    groups.get(region)!.push({ value: zone, label });
  }
  const byLabel = (a: ZoneChoice, b: ZoneChoice) => a.label.localeCompare(b.label, 'en');
  return [...groups.entries()]
    .sort(([a], [b]) => (a === OTHER ? 1 : b === OTHER ? -1 : a.localeCompare(b, 'en')))
    .map(([region, choices]) => ({ region, zones: choices.sort(byLabel) }));
}

const GROUPS = groupZones(ZONES);

/** Every zone by region; a saved zone this machine does not list (an older or newer tz database) is kept as a choice. */
export function timeZoneGroups(selected?: string): ZoneGroup[] {
  const shown = selected && currentName(selected);
  return shown && !ZONES.includes(shown) ? groupZones([...ZONES, shown]) : GROUPS;
}

export function TimeZoneField(props: {
  t: I18n['t'];
  label?: string;
  value: string;
  error?: string | undefined;
  hint?: Child;
  /** "preselect": the value is only the server's guess, and the device's own zone replaces it; "offer": a button offers the device's zone. */
  deviceZone: 'preselect' | 'offer';
}) {
  const { t } = props;
  const id = 'f-time_zone';
  const selected = currentName(props.value);
  return (
    <FieldShell id={id} label={props.label ?? t('settings.timeZone')} hint={props.hint} error={props.error}>
      <select
        id={id}
        name="time_zone"
        data-device-zone={props.deviceZone}
        data-device-zone-label={t('timeZone.useDevice')}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {timeZoneGroups(props.value).map((group) => (
          <optgroup label={t(group.region)}>
            {group.zones.map((z) => (
              <option value={z.value} selected={z.value === selected}>
                {z.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </FieldShell>
  );
}
