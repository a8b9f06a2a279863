import type { APIRequestContext } from '@playwright/test';
import { expect, test, uniqueUser } from '../support/fixtures';
import { BASE_URL } from '../support/env';
import { OPEN_SIGNUP } from '../support/sign-in';
import { signInAs } from '../support/session';

/** `next` values as an attacker would put them in a link, already URL-encoded. */
const HOSTILE = [
  '/%09/evil.example/x',
  '/%0a/evil.example',
  '/%0d%0aSet-Cookie:%20x=1',
  '//evil.example',
  '/%5Cevil.example',
  '/%2F/evil.example',
  '%2F%2Fevil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  '/ok/../..//evil.example',
  '/%00',
  '/\\evil.example',
];

/** Not hostile, only broken: wherever it lands, it must be on this site. */
const GARBLED = ['/%E0%A4%A', '/%', '/%zz/../..//x'];

async function redirectOf(request: APIRequestContext, next: string) {
  const response = await request.get(`/login?next=${next}`, { maxRedirects: 0 });
  return { status: response.status(), location: response.headers().location ?? null };
}

test.describe('the sign-in page never sends anyone off-site (README › Security)', () => {
  test('signed in: every hostile next lands on a path of this site, with no 5xx', async ({
    page,
    admin,
  }) => {
    await admin.mutation('serverSettings.update', OPEN_SIGNUP);
    const person = uniqueUser('redir');
    await admin.mutation('auth.signup', { ...person });
    await signInAs(page, person);

    for (const next of HOSTILE) {
      const { status, location } = await redirectOf(page.request, next);
      expect(status, next).toBeLessThan(500);
      expect(status, next).toBeGreaterThanOrEqual(300);
      expect(location, next).toBe('/settings/profile');
    }
    for (const next of GARBLED) {
      const { status, location } = await redirectOf(page.request, next);
      expect(status, next).toBeLessThan(500);
      expect(location, next).toMatch(/^\/(?![/\\])/);
      expect(new URL(location ?? '', BASE_URL).origin).toBe(new URL(BASE_URL).origin);
    }
    const safe = await redirectOf(page.request, encodeURIComponent('/settings/security'));
    expect(safe.location).toBe('/settings/security');
  });

  test('signed out: the page renders for every hostile next, with no 5xx', async ({ page }) => {
    for (const next of [...HOSTILE, ...GARBLED]) {
      const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
      expect(response.status(), next).toBe(200);
    }
    await page.goto('/login?next=/%09/evil.example/x');
    await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  });
});
