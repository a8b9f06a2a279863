import { deleteSessionByToken, type CreatedSession } from '@roster/users';
import type { Context } from './context';

/** Starts a browser session: a fresh token every time, never one the browser brought along. */
export async function startSessionCookie(
  ctx: Pick<Context, 'cookies' | 'cookieNames' | 'services' | 'setHeader'>,
  session: CreatedSession,
): Promise<void> {
  const planted = ctx.cookies.get(ctx.cookieNames.session);
  if (planted) await deleteSessionByToken(ctx.services.db, planted);
  ctx.cookies.set(ctx.cookieNames.session, session.token, {
    maxAgeSeconds: (session.expiresAt - ctx.services.clock.now()) / 1000,
  });
  if (ctx.cookies.get(ctx.cookieNames.pendingMfa)) ctx.cookies.clear(ctx.cookieNames.pendingMfa);
  ctx.setHeader('Cache-Control', 'no-store');
}
