// The WMO weather interpretation codes Open-Meteo answers with (weather_code),
// as an emoji and a short English word for the card. Open-Meteo uses this
// subset: 0 clear; 1, 2, 3 mainly clear, partly cloudy, overcast; 45, 48 fog;
// 51–57 drizzle (56, 57 freezing); 61–67 rain (66, 67 freezing); 71–77 snow;
// 80–82 rain showers; 85, 86 snow showers; 95 thunderstorm; 96, 99 with hail.

export interface WeatherLook {
  emoji: string;
  word: string;
}

const LOOKS: Record<number, WeatherLook> = {
  0: { emoji: '☀️', word: 'Clear' },
  1: { emoji: '🌤️', word: 'Mostly clear' },
  2: { emoji: '⛅', word: 'Partly cloudy' },
  3: { emoji: '☁️', word: 'Cloudy' },
  45: { emoji: '🌫️', word: 'Fog' },
  48: { emoji: '🌫️', word: 'Icy fog' },
  51: { emoji: '🌦️', word: 'Light drizzle' },
  53: { emoji: '🌦️', word: 'Drizzle' },
  55: { emoji: '🌧️', word: 'Heavy drizzle' },
  56: { emoji: '🌧️', word: 'Freezing drizzle' },
  57: { emoji: '🌧️', word: 'Freezing drizzle' },
  61: { emoji: '🌦️', word: 'Light rain' },
  63: { emoji: '🌧️', word: 'Rain' },
  65: { emoji: '🌧️', word: 'Heavy rain' },
  66: { emoji: '🌧️', word: 'Freezing rain' },
  67: { emoji: '🌧️', word: 'Freezing rain' },
  71: { emoji: '🌨️', word: 'Light snow' },
  73: { emoji: '❄️', word: 'Snow' },
  75: { emoji: '❄️', word: 'Heavy snow' },
  77: { emoji: '🌨️', word: 'Snow grains' },
  80: { emoji: '🌦️', word: 'Showers' },
  81: { emoji: '🌧️', word: 'Showers' },
  82: { emoji: '⛈️', word: 'Heavy showers' },
  85: { emoji: '🌨️', word: 'Snow showers' },
  86: { emoji: '❄️', word: 'Snow showers' },
  95: { emoji: '⛈️', word: 'Thunderstorm' },
  96: { emoji: '⛈️', word: 'Thunderstorm, hail' },
  99: { emoji: '⛈️', word: 'Thunderstorm, hail' },
};

const NIGHT: Record<number, WeatherLook> = {
  0: { emoji: '🌙', word: 'Clear' },
  1: { emoji: '🌙', word: 'Mostly clear' },
};

const UNKNOWN: WeatherLook = { emoji: '🌡️', word: 'Weather' };

/** The code's emoji and word; a clear night shows a moon. Codes Open-Meteo does not use (or none) read as plain "Weather". */
export function weatherLook(code: number | null, isDay = true): WeatherLook {
  if (code === null) return UNKNOWN;
  return (!isDay ? NIGHT[code] : undefined) ?? LOOKS[code] ?? UNKNOWN;
}
