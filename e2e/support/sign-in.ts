import { type Page, request as playwrightRequest } from '@playwright/test';
import { BASE_URL } from './env';
import { TrpcClient } from './trpc';

/**
 * Signs the page's browser context in through the API (its cookie jar is the browser's), for
 * tests whose subject is not the sign-in form itself.
 */
export async function signInPage(page: Page, username: string, password: string): Promise<void> {
  await new TrpcClient(page.request).mutation('auth.login', { username, password });
}

/** A client with no session, as a script or another device would be. */
export async function anonymousClient(): Promise<TrpcClient & { dispose(): Promise<void> }> {
  const request = await playwrightRequest.newContext({ baseURL: BASE_URL });
  return Object.assign(new TrpcClient(request), { dispose: () => request.dispose() });
}

/** The sign-up settings the other specs expect: open, no verification, no approval. */
export const OPEN_SIGNUP = {
  signupEnabled: true,
  signupRequireEmailVerification: false,
  signupRequireAdminApproval: false,
};
