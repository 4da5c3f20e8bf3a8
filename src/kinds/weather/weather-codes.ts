import type { MessageKey } from '../../i18n/catalog.js';

// The WMO weather interpretation codes Open-Meteo answers with (weather_code),
// as an emoji and a short word for the card (a catalog key: src/i18n/). Open-Meteo uses this
// subset: 0 clear; 1, 2, 3 mainly clear, partly cloudy, overcast; 45, 48 fog;
// 51–57 drizzle (56, 57 freezing); 61–67 rain (66, 67 freezing); 71–77 snow;
// 80–82 rain showers; 85, 86 snow showers; 95 thunderstorm; 96, 99 with hail.

export interface WeatherLook {
  emoji: string;
  /** The catalog's key for its word ("Partly cloudy"): the card says it in the family's language. */
  word: WeatherWord;
}

type WeatherWord = Extract<MessageKey, `weather.code.${string}`>;

const LOOKS: Record<number, WeatherLook> = {
  0: { emoji: '☀️', word: 'weather.code.clear' },
  1: { emoji: '🌤️', word: 'weather.code.mostlyClear' },
  2: { emoji: '⛅', word: 'weather.code.partlyCloudy' },
  3: { emoji: '☁️', word: 'weather.code.cloudy' },
  45: { emoji: '🌫️', word: 'weather.code.fog' },
  48: { emoji: '🌫️', word: 'weather.code.icyFog' },
  51: { emoji: '🌦️', word: 'weather.code.lightDrizzle' },
  53: { emoji: '🌦️', word: 'weather.code.drizzle' },
  55: { emoji: '🌧️', word: 'weather.code.heavyDrizzle' },
  56: { emoji: '🌧️', word: 'weather.code.freezingDrizzle' },
  57: { emoji: '🌧️', word: 'weather.code.freezingDrizzle' },
  61: { emoji: '🌦️', word: 'weather.code.lightRain' },
  63: { emoji: '🌧️', word: 'weather.code.rain' },
  65: { emoji: '🌧️', word: 'weather.code.heavyRain' },
  66: { emoji: '🌧️', word: 'weather.code.freezingRain' },
  67: { emoji: '🌧️', word: 'weather.code.freezingRain' },
  71: { emoji: '🌨️', word: 'weather.code.lightSnow' },
  73: { emoji: '❄️', word: 'weather.code.snow' },
  75: { emoji: '❄️', word: 'weather.code.heavySnow' },
  77: { emoji: '🌨️', word: 'weather.code.snowGrains' },
  80: { emoji: '🌦️', word: 'weather.code.showers' },
  81: { emoji: '🌧️', word: 'weather.code.showers' },
  82: { emoji: '⛈️', word: 'weather.code.heavyShowers' },
  85: { emoji: '🌨️', word: 'weather.code.snowShowers' },
  86: { emoji: '❄️', word: 'weather.code.snowShowers' },
  95: { emoji: '⛈️', word: 'weather.code.thunderstorm' },
  96: { emoji: '⛈️', word: 'weather.code.thunderstormHail' },
  99: { emoji: '⛈️', word: 'weather.code.thunderstormHail' },
};

const NIGHT: Record<number, WeatherLook> = {
  0: { emoji: '🌙', word: 'weather.code.clear' },
  1: { emoji: '🌙', word: 'weather.code.mostlyClear' },
};

const UNKNOWN: WeatherLook = { emoji: '🌡️', word: 'weather.code.unknown' };

/** The code's emoji and word; a clear night shows a moon. Codes Open-Meteo does not use (or none) read as plain "Weather". */
export function weatherLook(code: number | null, isDay = true): WeatherLook {
  if (code === null) return UNKNOWN;
  return (!isDay ? NIGHT[code] : undefined) ?? LOOKS[code] ?? UNKNOWN;
}
