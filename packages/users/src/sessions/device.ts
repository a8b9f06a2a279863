import { UAParser } from 'ua-parser-js';

/** "Firefox on Windows", "Safari on iPhone": how a person recognises their own devices. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const where = device.model && device.type === 'mobile' ? device.model : os.name;
  if (browser.name && where) return `${browser.name} on ${where}`;
  if (browser.name) return browser.name;
  if (where) return where;
  return 'Unknown device';
}
