import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';

test.describe('sign-up and sign-in', () => {
  test.beforeEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', {
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
    });
  });

  test('a person signs up, signs in, sees their profile and signs out', async ({ page }) => {
    const person = uniqueUser('sam');

    await page.goto('/signup');
    await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('Full name').fill(person.name);
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Your account is ready.')).toBeVisible();

    await page.getByRole('link', { name: 'Continue to sign in' }).click();
    await expect(page).toHaveURL(/\/login/);
    await expectAccessible(page);
    await page.getByLabel('Username or email').fill(person.username.toUpperCase());
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await expect(page).toHaveURL(/\/settings\/profile$/);
    await expect(page.getByTestId('header-user-name')).toHaveText(person.name);
    await expect(page.getByText(person.email)).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/settings/profile');
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fprofile$/);
  });

  test('errors appear next to the field, and a taken username is refused', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('dup');
    await admin.mutation('auth.signup', { ...person });

    await page.goto('/signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Name is required.', { exact: true })).toBeVisible();
    await page.getByLabel('Full name').fill('Someone');
    await page.getByLabel('Username').fill('bad name!');
    await page.getByLabel('Email').fill('nope');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
    await expect(
      page.getByText('Username may contain only letters, digits and dots.'),
    ).toBeVisible();
    await expect(page.getByText('Enter a valid email address.')).toBeVisible();

    await page.getByLabel('Username').fill(person.username.toUpperCase());
    await page.getByLabel('Email').fill(`other.${person.email}`);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.locator('form [role=alert]')).toContainText('cannot be used');
  });

  test('a wrong password gives one message and a page that asks for a session redirects back after sign-in', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('back');
    await admin.mutation('auth.signup', { ...person });

    await page.goto('/settings/profile');
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.getByLabel('Username or email').fill(person.username);
    await page.getByLabel('Password').fill('Wrong-password-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('form [role=alert]')).toHaveText('Incorrect username or password.');

    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
  });
});
