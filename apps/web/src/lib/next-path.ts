/** Only same-site paths are followed after sign-in: never `//evil.example` or `https://…`. */
export function safeNextPath(
  value: string | null | undefined,
  fallback = '/settings/profile',
): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  return value;
}
