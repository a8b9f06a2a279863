import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { linkIn, waitForMail } from '../support/mailbox';

test.describe('password reset', () => {
  test.beforeEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', {
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
    });
  });

  test('a person resets a forgotten password from the emailed link and signs in with it', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('reset');
    await admin.mutation('auth.signup', { ...person });
    const newPassword = `New-${person.password}`;

    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expectAccessible(page);
    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByText('Check your email.')).toBeVisible();

    const mail = await waitForMail(person.email, /Reset your password/);
    await page.goto(linkIn(mail, '/reset-password'));
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel('New password', { exact: true }).fill('weak');
    await page.getByLabel('Repeat the new password').fill('weak');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.locator('.field-error')).toContainText('Password needs');

    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Your password was changed')).toBeVisible();
    await waitForMail(person.email, /Your password was changed/);

    // The link is used up.
    await page.goto(linkIn(mail, '/reset-password'));
    await page.getByLabel('New password', { exact: true }).fill(`${newPassword}x`);
    await page.getByLabel('Repeat the new password').fill(`${newPassword}x`);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('This link was already used.')).toBeVisible();

    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await page.getByLabel('Username or email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('form [role=alert]')).toHaveText('Incorrect username or password.');
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
  });

  test('an unknown address gets the same answer', async ({ page }) => {
    await page.goto('/forgot-password');
    await page.getByLabel('Email').fill('nobody-at-all@example.com');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByText('Check your email.')).toBeVisible();
  });
});

test.describe('email verification', () => {
  test.beforeEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', {
      signupEnabled: true,
      signupRequireEmailVerification: true,
      signupRequireAdminApproval: false,
    });
  });

  test('a person signs up, is told to confirm, opens the link and signs in', async ({ page }) => {
    const person = uniqueUser('verify');
    await page.goto('/signup');
    await expect(
      page.getByText('After signing up you will confirm your email address.'),
    ).toBeVisible();
    await page.getByLabel('Full name').fill(person.name);
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText(`We sent a link to ${person.email}`)).toBeVisible();

    // Before confirming, sign-in says what to do.
    await page.goto('/login');
    await page.getByLabel('Username or email').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('form [role=alert]')).toContainText('not verified');

    const mail = await waitForMail(person.email, /Confirm your email address/);
    await page.goto(linkIn(mail, '/verify-email'));
    await expect(
      page.getByText('Your email address is confirmed. You can sign in now.'),
    ).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Continue to sign in' }).click();
    await page.getByLabel('Username or email').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
  });

  test('a used link explains itself and offers a new one', async ({ page, admin }) => {
    const person = uniqueUser('relink');
    await admin.mutation('auth.signup', { ...person });
    const mail = await waitForMail(person.email, /Confirm your email address/);
    await page.goto(linkIn(mail, '/verify-email'));
    await expect(page.getByText('You can sign in now.')).toBeVisible();
    await page.goto(linkIn(mail, '/verify-email'));
    await expect(page.getByText('This link was already used.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send a new link' })).toBeVisible();
    await expectAccessible(page);
  });
});
