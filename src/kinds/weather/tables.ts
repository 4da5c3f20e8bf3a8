/** The last good forecast for the family's place, and how the last attempt went (one row). */
export interface WeatherForecastTable {
  id: number;
  latitude: number | null;
  longitude: number | null;
  /** JSON, trimmed to what the card shows. */
  forecast: string | null;
  fetched_at: number | null;
  checked_at: number | null;
  error: string | null;
}
