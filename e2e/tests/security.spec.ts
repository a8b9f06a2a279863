import { generate } from 'otplib';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test, uniqueUser, type NewUser } from '../support/fixtures';

const codeAt = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

async function signIn(page: Page, person: NewUser) {
  await page.goto('/login');
  await page.getByLabel('Username or email').fill(person.username);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test.describe('account security', () => {
  test.beforeEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', {
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
    });
  });

  test('turn on MFA, then sign in with a TOTP and with a backup code', async ({ page, admin }) => {
    const person = uniqueUser('mfa');
    await admin.mutation('auth.signup', { ...person });
    await signIn(page, person);
    await expect(page).toHaveURL(/\/settings\/profile$/);

    await page.getByRole('link', { name: 'Security' }).click();
    await expect(page.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
    await expectAccessible(page);
    const secret = (await page.getByTestId('mfa-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

    // The previous step's code (accepted with one step of drift) keeps the current one for sign-in.
    await page.getByLabel('Code from the app').fill(await codeAt(secret, -30));
    const mfaCard = page.getByRole('region', { name: 'Two-factor authentication' });
    await mfaCard.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    const codes = page.getByTestId('backup-codes').getByRole('listitem');
    await expect(codes).toHaveCount(10);
    const backupCode = (await codes.first().textContent())?.trim() ?? '';
    expect(backupCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page.getByRole('button', { name: 'Download codes' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await expect(page.getByTestId('backup-codes-remaining')).toHaveText('10');

    await page.getByRole('button', { name: 'Sign out', exact: true }).first().click();
    await expect(page).toHaveURL(/\/login/);

    await signIn(page, person);
    await expect(page.getByLabel('Authentication code')).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('Authentication code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.locator('.field-error')).toContainText('not right');
    await page.getByLabel('Authentication code').fill(await codeAt(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();

    await signIn(page, person);
    await page.getByLabel('Authentication code').fill(backupCode.toLowerCase());
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await page.goto('/settings/security');
    await expect(page.getByTestId('backup-codes-remaining')).toHaveText('9');
    await expect(page.getByTestId('security-event').first()).toContainText('Signed in');
  });

  test('sign out another session from the sessions list', async ({ page, browser, admin }) => {
    const person = uniqueUser('sess');
    await admin.mutation('auth.signup', { ...person });
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, person);
    await expect(other).toHaveURL(/\/settings\/profile$/);

    await signIn(page, person);
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await page.goto('/settings/security');
    const sessions = page.getByTestId('session');
    await expect(sessions).toHaveCount(2);
    await expect(sessions.filter({ hasText: 'This device' })).toHaveCount(1);
    await expectAccessible(page);
    const otherRow = sessions.filter({ hasNotText: 'This device' });
    await otherRow.getByRole('button', { name: /Sign out/ }).click();
    await expect(sessions).toHaveCount(1);

    await other.reload();
    await expect(other).toHaveURL(/\/login/);
    await otherContext.close();
  });

  test('change the password and sign out everywhere else', async ({ page, browser, admin }) => {
    const person = uniqueUser('chpw');
    await admin.mutation('auth.signup', { ...person });
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, person);
    await signIn(page, person);
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await page.goto('/settings/security');

    await page.getByLabel('Current password').fill('Not-my-password-1');
    await page.getByLabel('New password', { exact: true }).fill(`${person.password}-2`);
    await page.getByLabel('Repeat the new password').fill(`${person.password}-2`);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.locator('.field-error')).toHaveText('Your password is not right.');

    await page.getByLabel('Current password').fill(person.password);
    await page.getByLabel('Sign out of every other device').check();
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Your password was changed.')).toBeVisible();
    await other.reload();
    await expect(other).toHaveURL(/\/login/);
    await otherContext.close();
  });

  test('pages and the API send the security headers', async ({ request, admin }) => {
    const login = await request.get('/login');
    const csp = login.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(login.headers()['x-content-type-options']).toBe('nosniff');
    expect(login.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');

    const reset = await request.get('/reset-password?token=abc');
    expect(reset.headers()['referrer-policy']).toBe('no-referrer');
    const verify = await request.get('/verify-email?token=abc');
    expect(verify.headers()['referrer-policy']).toBe('no-referrer');

    // Signed in: neither the page nor the API answer may be kept by a cache.
    const profile = await admin.request.get('/settings/profile');
    expect(profile.url()).toMatch(/\/settings\/profile$/);
    expect(profile.headers()['cache-control']).toContain('no-store');
    const me = await admin.request.get('/api/trpc/me.get');
    expect(me.headers()['cache-control']).toBe('no-store');

    const api = await request.get('/api/trpc/serverSettings.getPublic');
    expect(api.headers()['x-content-type-options']).toBe('nosniff');
    expect(api.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
