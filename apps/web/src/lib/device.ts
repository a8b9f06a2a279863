'use client';

import { useTranslations } from 'next-intl';

/** The names a device is known by, as the API gives them (`browser`, `platform`). */
export interface DeviceNames {
  browser: string | null;
  platform: string | null;
}

/** "Firefox on Windows" in the page language; the names themselves stay as they are. */
export function useDeviceName(): (device: DeviceNames) => string {
  const t = useTranslations('common.device');
  return ({ browser, platform }) => {
    if (browser && platform) return t('browserOnPlatform', { browser, platform });
    return browser ?? platform ?? t('unknown');
  };
}
