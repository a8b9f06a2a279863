import {
  DomainError,
  finishProviderFlow,
  type RequestMeta,
  type Services,
  startProviderFlow,
} from '@roster/users';
import type { CookieJar, CookieNames } from './cookies';
import { providerFlowToken } from './browser-tokens';
import { startSessionCookie } from './session-cookies';

const ROUTE = /^\/api\/auth\/oidc\/([a-z0-9-]{1,40})\/(start|callback)$/;

/** `/api/auth/oidc/<slug>/start` or `/callback`, else null. */
export function providerRoute(
  pathname: string,
): { slug: string; step: 'start' | 'callback' } | null {
  const match = ROUTE.exec(pathname);
  if (!match?.[1] || !match[2]) return null;
  return { slug: match[1], step: match[2] as 'start' | 'callback' };
}

export interface ProviderRouteContext {
  services: Services;
  meta: RequestMeta;
  cookies: CookieJar;
  cookieNames: CookieNames;
  setHeader: (name: string, value: string) => void;
}

/** Where a failure lands: the sign-in page (or the security page, for a link) naming its code. */
function failurePath(code: string, linking: boolean): string {
  return `${linking ? '/settings/security' : '/login'}?error=${encodeURIComponent(code)}`;
}

/**
 * The two steps of a sign-in through a provider (docs/api.md §11), answered with the address to
 * redirect to, never an error page: every failure is `/login?error=<rosterCode>`.
 */
export async function answerProviderRoute(
  ctx: ProviderRouteContext,
  route: { slug: string; step: 'start' | 'callback' },
  query: URLSearchParams,
): Promise<string> {
  ctx.setHeader('Cache-Control', 'no-store');
  if (route.step === 'start') {
    try {
      const url = await startProviderFlow(ctx.services, {
        slug: route.slug,
        purpose: 'sign_in',
        next: query.get('next'),
        browserToken: providerFlowToken(ctx.cookies, ctx.cookieNames),
        ip: ctx.meta.ip,
      });
      return url.toString();
    } catch (error) {
      return failurePath(codeOf(ctx, error, 'PROVIDER_UNAVAILABLE'), false);
    }
  }
  // A link ends on the security page, also when it fails; the flow's purpose says which.
  const linking = Boolean(ctx.cookies.get(ctx.cookieNames.session));
  try {
    const result = await finishProviderFlow(ctx.services, ctx.meta, {
      slug: route.slug,
      query,
      browserToken: ctx.cookies.get(ctx.cookieNames.providerFlow),
    });
    if (result.kind === 'linked') return `${result.next}?linked=${encodeURIComponent(route.slug)}`;
    if (result.kind === 'mfa_required') {
      ctx.cookies.set(ctx.cookieNames.pendingMfa, result.pendingToken, {
        maxAgeSeconds: (result.expiresAt - ctx.services.clock.now()) / 1000,
      });
      return `/login?step=mfa&next=${encodeURIComponent(result.next)}`;
    }
    await startSessionCookie(ctx, result.session);
    return result.next;
  } catch (error) {
    const code = codeOf(ctx, error, 'SIGN_IN_FAILED');
    return failurePath(code, linking && code === 'IDENTITY_TAKEN');
  }
}

/** A domain refusal names its code; anything else is logged and worded as `fallback`. */
function codeOf(ctx: ProviderRouteContext, error: unknown, fallback: string): string {
  if (error instanceof DomainError) return error.code;
  ctx.services.logger.error(
    `identity provider route failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return fallback;
}
