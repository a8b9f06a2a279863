'use client';

import { useFormatter } from 'next-intl';
import { useCallback } from 'react';

/**
 * Timestamps in the page language and the reader's own time zone. Only client components that
 * show data fetched in the browser use it, so the server's zone never reaches the screen.
 */
export function useDateTime(): (iso: string) => string {
  const format = useFormatter();
  return useCallback(
    (iso: string) =>
      format.dateTime(new Date(iso), {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      }),
    [format],
  );
}
