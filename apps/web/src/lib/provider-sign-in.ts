/**
 * Where a sign-in through an identity provider starts (docs/api.md §11): a plain navigation, the
 * server redirects on to the provider and, once it is done, back to `next`.
 */
export function providerStartPath(slug: string, next: string): string {
  return `/api/auth/oidc/${encodeURIComponent(slug)}/start?next=${encodeURIComponent(next)}`;
}
