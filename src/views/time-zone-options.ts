/** Every IANA zone for a <select>. Intl's list leaves out "UTC" (the default on many Pis), so it is added. */
const ZONES: readonly string[] = (() => {
  const zones = Intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
})();

export function timeZoneOptions(selected?: string): { value: string; label: string }[] {
  const zones = selected && !ZONES.includes(selected) ? [selected, ...ZONES] : ZONES;
  return zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
}
