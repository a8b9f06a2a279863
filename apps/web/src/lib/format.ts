const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp in the reader's own time zone and language. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}
