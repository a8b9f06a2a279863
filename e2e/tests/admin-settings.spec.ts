import { ADMIN } from '../support/env';
import { expect, expectAccessible, test } from '../support/fixtures';
import { OPEN_SIGNUP, signInPage } from '../support/sign-in';

/** Everything this spec changes, back as the other specs expect it. */
const RESTORED = {
  ...OPEN_SIGNUP,
  passwordType: 'strict',
  passwordLengthRegularUsers: 8,
  passwordLengthAdminUsers: 12,
  units: 'metric',
  currency: 'euro',
  numRecordsPerPage: 25,
  publicShareableLinks: false,
  publicShareableLinksUserInfo: false,
  passwordLoginEnabled: true,
};

test.describe('server settings', () => {
  test.beforeEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', RESTORED);
  });
  test.afterEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', RESTORED);
  });

  test('an admin changes sign-up and password policy; errors sit beside their fields', async ({
    page,
    admin,
    browser,
  }) => {
    await signInPage(page, ADMIN.username, ADMIN.password);
    await page.goto('/settings/profile');
    await page.getByRole('link', { name: 'Administration' }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Server settings' })
      .click();
    await expect(page).toHaveURL(/\/admin\/settings$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Server settings' })).toBeVisible();
    await expectAccessible(page);

    // Every switch explains itself.
    for (const [label, explanation] of [
      ['Anyone can sign up', /only administrators create accounts/],
      ['Require email verification', /link we email them/],
      ['Require administrator approval', /Pending approval/],
      ['Allow public links', /without signing in/],
      ['Show who shared', /public profiles/],
    ] as const) {
      await expect(page.getByLabel(label)).toHaveAccessibleDescription(explanation);
    }
    await expect(page.getByLabel('Anyone can sign up')).toBeChecked();

    const regular = page.getByLabel('Minimum length for regular users');
    const admins = page.getByLabel('Minimum length for administrators');
    const perPage = page.getByLabel('Records per page');
    await regular.fill('7');
    await admins.fill('129');
    await perPage.fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(regular).toHaveAttribute('aria-invalid', 'true');
    await expect(regular).toHaveAccessibleDescription(
      /Password length must be between 8 and 128\./,
    );
    await expect(admins).toHaveAccessibleDescription(/Password length must be between 8 and 128\./);
    await expect(perPage).toHaveAccessibleDescription(/Records per page must be a number\./);
    await expectAccessible(page);
    expect(await admin.query('serverSettings.get')).toMatchObject({
      passwordLengthRegularUsers: 8,
      passwordLengthAdminUsers: 12,
    });

    await regular.fill('10');
    await admins.fill('128');
    await perPage.fill('100');
    await page.getByLabel('Require email verification').check();
    await page.getByLabel('Require administrator approval').check();
    await page.getByLabel('Password rules').selectOption('length_only');
    await page.getByLabel('Units').selectOption('imperial');
    await page.getByLabel('Currency').selectOption('pound');
    await page.getByLabel('Allow public links').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await expect(regular).not.toHaveAttribute('aria-invalid', 'true');
    expect(await admin.query('serverSettings.get')).toEqual({
      ...RESTORED,
      signupRequireEmailVerification: true,
      signupRequireAdminApproval: true,
      passwordType: 'length_only',
      passwordLengthRegularUsers: 10,
      passwordLengthAdminUsers: 128,
      units: 'imperial',
      currency: 'pound',
      numRecordsPerPage: 100,
      publicShareableLinks: true,
    });

    await page.reload();
    await expect(regular).toHaveValue('10');
    await expect(page.getByLabel('Password rules')).toHaveValue('length_only');
    await expect(page.getByLabel('Require administrator approval')).toBeChecked();

    // A visitor sees the new policy at once.
    const visitor = await browser.newContext();
    try {
      const signup = await visitor.newPage();
      await signup.goto('/signup');
      await expect(
        signup.getByText(
          'After signing up you will confirm your email address, then wait for an administrator to approve your account.',
        ),
      ).toBeVisible();
      await expect(signup.getByLabel('Password')).toHaveAccessibleDescription(
        'At least 10 characters.',
      );
    } finally {
      await visitor.close();
    }

    await page.getByLabel('Anyone can sign up').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    expect(await admin.query('serverSettings.get')).toMatchObject({ signupEnabled: false });
  });
});
