import { UAParser } from 'ua-parser-js';

/**
 * What a person recognises their own devices by: the browser's and the platform's names
 * ("Firefox", "Windows"; on a phone its model, "iPhone"). Names, not words: pages put them in a
 * sentence of their own language.
 */
export interface DeviceParts {
  browser: string | null;
  platform: string | null;
}

export function deviceParts(userAgent: string | null): DeviceParts {
  if (!userAgent) return { browser: null, platform: null };
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const platform = device.model && device.type === 'mobile' ? device.model : os.name;
  return { browser: browser.name ?? null, platform: platform ?? null };
}

/** "Firefox on Windows", "Safari on iPhone", in English, for the API's `device`. */
export function describeDevice(userAgent: string | null): string {
  const { browser, platform } = deviceParts(userAgent);
  if (browser && platform) return `${browser} on ${platform}`;
  return browser ?? platform ?? 'Unknown device';
}
