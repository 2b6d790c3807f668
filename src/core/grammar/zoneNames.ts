/**
 * Time zones as people name them: an IANA name ("America/Chicago"), a city ("new york",
 * "Kolkata"), or an abbreviation ("EST"). Abbreviations and regions read as the zone with daylight
 * saving that people mean ("EST" in December is New York's time, which moves in March).
 */
import { isValidTimeZone } from './dates.js';

/** Abbreviations and common names of zones, to a zone that follows daylight saving. */
const NAMED: Record<string, string> = {
  est: 'America/New_York',
  edt: 'America/New_York',
  et: 'America/New_York',
  eastern: 'America/New_York',
  cst: 'America/Chicago',
  cdt: 'America/Chicago',
  ct: 'America/Chicago',
  central: 'America/Chicago',
  mst: 'America/Denver',
  mdt: 'America/Denver',
  mountain: 'America/Denver',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  pt: 'America/Los_Angeles',
  pacific: 'America/Los_Angeles',
  gmt: 'Europe/London',
  bst: 'Europe/London',
  uk: 'Europe/London',
  cet: 'Europe/Paris',
  cest: 'Europe/Paris',
  ist: 'Asia/Kolkata',
  india: 'Asia/Kolkata',
  jst: 'Asia/Tokyo',
  aest: 'Australia/Sydney',
  utc: 'UTC',
  // Cities people name that are not the name of their zone.
  nyc: 'America/New_York',
  'new york city': 'America/New_York',
  boston: 'America/New_York',
  washington: 'America/New_York',
  dc: 'America/New_York',
  atlanta: 'America/New_York',
  miami: 'America/New_York',
  philadelphia: 'America/New_York',
  pittsburgh: 'America/New_York',
  dallas: 'America/Chicago',
  houston: 'America/Chicago',
  austin: 'America/Chicago',
  minneapolis: 'America/Chicago',
  'san francisco': 'America/Los_Angeles',
  sf: 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  'san diego': 'America/Los_Angeles',
  la: 'America/Los_Angeles',
  'salt lake city': 'America/Denver',
  mumbai: 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  'new delhi': 'Asia/Kolkata',
  bangalore: 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata',
  kolkata: 'Asia/Kolkata',
  beijing: 'Asia/Shanghai',
  'hong kong': 'Asia/Hong_Kong',
  munich: 'Europe/Berlin',
  frankfurt: 'Europe/Berlin',
  barcelona: 'Europe/Madrid',
  milan: 'Europe/Rome',
  geneva: 'Europe/Zurich',
  montreal: 'America/Toronto',
  ottawa: 'America/Toronto',
};

const fold = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/gu, ' ')
    .trim();

/** Every IANA zone by its city, folded ("new york" -> "America/New_York"); built on first use. */
let byCity: Map<string, string> | undefined;
function cities(): Map<string, string> {
  if (byCity) return byCity;
  byCity = new Map();
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  for (const zone of zones) {
    const city = zone.split('/').at(-1);
    if (city && zone.includes('/')) byCity.set(fold(city), zone);
  }
  return byCity;
}

/** The zone a person means, or undefined when the words name none. */
export function resolveZoneName(text: string): string | undefined {
  const typed = text.trim();
  const key = fold(typed);
  if (Object.hasOwn(NAMED, key)) return NAMED[key];
  if (typed.includes('/') && isValidTimeZone(typed)) return typed;
  const city = cities().get(key) ?? cities().get(key.replace(/,.*$/u, '').trim());
  if (city) return city;
  // Anything else luxon knows (a fixed offset such as "UTC+2"), as a last resort.
  return isValidTimeZone(typed) ? typed : undefined;
}
