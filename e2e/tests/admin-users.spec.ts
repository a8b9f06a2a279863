import { ADMIN } from '../support/env';
import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { anonymousClient, OPEN_SIGNUP, signInPage } from '../support/sign-in';

interface ListedUser {
  id: number;
  username: string;
}

test.describe('the admin dashboard', () => {
  test.beforeEach(async ({ admin }) => {
    // Sign-ups wait for approval here; verification is the sign-up-approval spec's business.
    await admin.mutation('serverSettings.update', {
      ...OPEN_SIGNUP,
      signupRequireAdminApproval: true,
      numRecordsPerPage: 25,
    });
  });
  test.afterEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', { ...OPEN_SIGNUP, numRecordsPerPage: 25 });
  });

  test('an admin finds a pending sign-up, approves it, and the person can sign in', async ({
    page,
    admin,
    browser,
  }) => {
    const person = uniqueUser('pend');
    await admin.mutation('auth.signup', { ...person });
    const visitor = await anonymousClient();
    await expect(
      visitor.mutation('auth.login', { username: person.username, password: person.password }),
    ).rejects.toThrow(/403 FORBIDDEN .*approve/);

    // The admin signs in on the way to the dashboard.
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers$/);
    await page.getByLabel('Username or email').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole('link', { name: 'Administration' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    // Pending sign-ups are what an admin sees first.
    const tabs = page.getByRole('navigation', { name: 'Show' });
    await expect(tabs.getByRole('link', { name: /^Pending approval/ })).toHaveAttribute(
      'aria-current',
      'true',
    );
    const row = page.getByRole('row').filter({ hasText: person.email });
    await expect(row).toBeVisible();
    await expect(row.getByText('Pending approval', { exact: true })).toBeVisible();
    await expect(row.getByText('Inactive', { exact: true })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel('Search users').fill(person.username);
    await expect(page).toHaveURL(new RegExp(`search=${person.username}`));
    await expect(page.getByRole('row')).toHaveCount(2);
    await row.getByRole('button', { name: `Approve ${person.username}` }).click();
    await expect(page.getByText(`Approved ${person.name} (@${person.username}).`)).toBeVisible();
    // Nothing pending matches any more, so the list falls back to everyone, badges updated.
    await expect(tabs.getByRole('link', { name: /^All/ })).toHaveAttribute('aria-current', 'true');
    await expect(row.getByText('Pending approval', { exact: true })).toHaveCount(0);
    await expect(row.getByText('Inactive', { exact: true })).toHaveCount(0);

    const theirs = await browser.newContext();
    try {
      const theirPage = await theirs.newPage();
      await theirPage.goto('/login');
      await theirPage.getByLabel('Username or email').fill(person.username);
      await theirPage.getByLabel('Password').fill(person.password);
      await theirPage.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(theirPage).toHaveURL(/\/settings\/profile$/);
      await expect(theirPage.getByTestId('header-user-name')).toHaveText(person.name);
      // A regular user has no way into the administration.
      await expect(theirPage.getByRole('link', { name: 'Administration' })).toHaveCount(0);
    } finally {
      await theirs.close();
      await visitor.dispose();
    }
  });

  test('an admin creates a user, edits them, resets their password and deletes them', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('crud');
    const renamed = `${person.name} Renamed`;
    const newPassword = 'Fresh-Password-2024!';
    await signInPage(page, ADMIN.username, ADMIN.password);
    await page.goto('/admin/users');

    // The dialog: keyboard first, then validation next to the fields.
    const create = page.getByRole('button', { name: 'Create user' });
    await create.click();
    const dialog = page.getByRole('dialog', { name: 'Create a user' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Full name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(create).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect(dialog.getByText('Full name is required.', { exact: true })).toBeVisible();
    await expect(dialog.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('Full name').fill(person.name);
    await dialog.getByLabel('Username').fill(ADMIN.username.toUpperCase());
    await dialog.getByLabel('Email', { exact: true }).fill(person.email);
    await dialog.getByLabel('Password').fill(person.password);
    await expect(dialog.getByLabel('Password')).toHaveAccessibleDescription(
      /This password meets the policy\./,
    );
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect(dialog.getByLabel('Username')).toHaveAccessibleDescription(
      /This username is already taken\./,
    );
    await dialog.getByLabel('Username').fill(person.username);
    await dialog.getByRole('button', { name: 'Create user' }).click();

    await expect(page).toHaveURL(/\/admin\/users\/\d+$/);
    const id = Number(/\/admin\/users\/(\d+)$/.exec(page.url())?.[1]);
    await expect(page.getByRole('heading', { level: 1, name: person.name })).toBeVisible();
    await expectAccessible(page);

    // They sign in elsewhere, to see the password reset end that session.
    const theirs = await anonymousClient();
    try {
      await theirs.mutation('auth.login', { username: person.username, password: person.password });
      await theirs.query('me.get');

      await page.getByLabel('Full name').fill(renamed);
      await page.getByLabel('City').fill('Lisbon');
      await page.getByLabel('Units').selectOption('imperial');
      await page.getByLabel('Maximum heart rate').fill('20');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByLabel('Maximum heart rate')).toHaveAccessibleDescription(
        'Maximum heart rate must be between 30 and 250.',
      );
      await page.getByLabel('Maximum heart rate').fill('185');
      await page.getByLabel('Access type').selectOption('admin');
      await page.getByLabel('Email verified').uncheck();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByText('Changes saved.')).toBeVisible();
      await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
      expect(await admin.query('admin.users.get', { id })).toMatchObject({
        name: renamed,
        city: 'Lisbon',
        units: 'imperial',
        maxHeartRate: 185,
        accessType: 'admin',
        emailVerified: false,
      });
      await page.getByLabel('Access type').selectOption('regular');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByText('Changes saved.')).toBeVisible();

      // The password policy of a regular user applies; the error sits beside the field.
      await page.getByLabel('New password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Set password' }).click();
      await expect(page.getByLabel('New password', { exact: true })).toHaveAccessibleDescription(
        /Password needs at least 8 characters/,
      );
      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByRole('button', { name: 'Set password' }).click();
      await expect(
        page.getByText(`Password set. ${renamed} was signed out everywhere.`),
      ).toBeVisible();
      await expect(theirs.query('me.get')).rejects.toThrow(/401 UNAUTHORIZED/);
      await expect(
        theirs.mutation('auth.login', { username: person.username, password: person.password }),
      ).rejects.toThrow(/401/);
      await theirs.mutation('auth.login', { username: person.username, password: newPassword });

      // Their new session shows up, and the admin can end it.
      await page.reload();
      const sessions = page.getByRole('region', { name: 'Sessions' });
      await expect(sessions.getByRole('listitem')).toHaveCount(1);
      await sessions.getByRole('button', { name: /^Sign out .*last active/ }).click();
      await expect(sessions.getByText('Session signed out.')).toBeVisible();
      await expect(sessions.getByText('Not signed in anywhere.')).toBeVisible();
      await expect(theirs.query('me.get')).rejects.toThrow(/401 UNAUTHORIZED/);
      await theirs.mutation('auth.login', { username: person.username, password: newPassword });

      // Deleting asks first, naming who goes.
      await page.getByRole('button', { name: 'Delete user…' }).click();
      const confirm = page.getByRole('dialog', { name: `Delete ${renamed}?` });
      await expect(confirm).toContainText(`@${person.username}`);
      await expect(confirm).toContainText(person.email);
      await expect(confirm.getByRole('button', { name: 'Keep the account' })).toBeFocused();
      await expectAccessible(page);
      await confirm.getByRole('button', { name: `Delete @${person.username}` }).click();
      await expect(page).toHaveURL(/\/admin\/users$/);
      await expect(admin.query('admin.users.get', { id })).rejects.toThrow(/404 NOT_FOUND/);
      await expect(theirs.query('me.get')).rejects.toThrow(/401 UNAUTHORIZED/);
      await page.getByLabel('Search users').fill(person.username);
      await expect(page.getByText(`No users matching “${person.username}”.`)).toBeVisible();
    } finally {
      await theirs.dispose();
    }
  });

  test('search, tab and page live in the URL; typing sends one search', async ({ page, admin }) => {
    const tag = uniqueUser('pg').username;
    for (const letter of ['a', 'b', 'c', 'd', 'e']) {
      await admin.mutation('admin.users.create', {
        name: `Pager ${letter.toUpperCase()}`,
        username: `${tag}${letter}`,
        email: `${tag}${letter}@example.com`,
        password: 'Pager-Password-1!',
      });
    }
    await admin.mutation('serverSettings.update', { numRecordsPerPage: 2 });
    const searched: string[] = [];
    page.on('request', (request) => {
      const url = decodeURIComponent(request.url());
      if (!url.includes('admin.users.list')) return;
      for (const match of url.matchAll(/"search":"([^"]*)"/g)) searched.push(match[1] ?? '');
    });
    await signInPage(page, ADMIN.username, ADMIN.password);
    await page.goto('/admin/users?filter=all');

    await page.getByLabel('Search users').pressSequentially(tag, { delay: 40 });
    await expect(page.getByText(`5 users matching “${tag}”.`)).toBeVisible();
    expect(new URL(page.url()).searchParams.get('search')).toBe(tag);
    // Debounced: no request for any half-typed prefix.
    expect(new Set(searched)).toEqual(new Set([tag]));
    const usernames = page.getByRole('row').filter({ hasText: '@' });
    await expect(usernames).toHaveCount(2);
    await expect(usernames.nth(0)).toContainText(`@${tag}a`);
    await expect(page.getByText('Page 1 of 3')).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/[?&]page=2(&|$)/);
    await expect(usernames.nth(0)).toContainText(`@${tag}c`);
    await expect(usernames.nth(1)).toContainText(`@${tag}d`);
    await page.reload();
    await expect(page.getByLabel('Search users')).toHaveValue(tag);
    await expect(page.getByText('Page 2 of 3')).toBeVisible();
    await expect(usernames.nth(0)).toContainText(`@${tag}c`);

    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(usernames).toHaveCount(1);
    await expect(usernames.nth(0)).toContainText(`@${tag}e`);
    await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);

    const tabs = page.getByRole('navigation', { name: 'Show' });
    await tabs.getByRole('link', { name: /^Admins/ }).click();
    await expect(page).toHaveURL(/filter=admins/);
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    await expect(page.getByText(`No administrators matching “${tag}”.`)).toBeVisible();
    await expect(tabs.getByRole('link', { name: /^All/ })).toContainText('5');

    await page.goBack();
    await expect(page.getByText('Page 3 of 3')).toBeVisible();
    await page.getByLabel('Search users').fill('');
    await expect(page).not.toHaveURL(/search=/);
    const everyone = await admin.query<{ total: number }>('admin.users.list', { filter: 'all' });
    await expect(
      page.getByText(`${everyone.total.toLocaleString('en')} users.`, { exact: true }),
    ).toBeVisible();
  });

  test('pending sign-ups come first only while there are any', async ({ page, admin }) => {
    await signInPage(page, ADMIN.username, ADMIN.password);
    const counts = await admin.query<{ pending_approval: number }>('admin.users.counts');
    await page.goto('/admin/users');
    const expected = counts.pending_approval > 0 ? /^Pending approval/ : /^All/;
    await expect(
      page.getByRole('navigation', { name: 'Show' }).getByRole('link', { name: expected }),
    ).toHaveAttribute('aria-current', 'true');
  });

  test('the last active admin cannot delete themself, and is told why', async ({ page, admin }) => {
    const me = await admin.query<ListedUser>('me.get');
    await signInPage(page, ADMIN.username, ADMIN.password);
    await page.goto(`/admin/users/${me.id}`);
    await expect(page.getByRole('heading', { level: 1, name: ADMIN.name })).toBeVisible();
    await expect(page.getByText('You', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Delete user…' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete ${ADMIN.name}?` });
    await expect(confirm).toContainText('This is your own account');
    await confirm.getByRole('button', { name: `Delete @${ADMIN.username}` }).click();
    await expect(confirm.getByRole('alert')).toContainText('last active administrator');
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await page.getByLabel('Active', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(
      page.getByRole('region', { name: 'Account and profile' }).getByRole('alert'),
    ).toContainText('last active administrator');
    await admin.query('me.get');
  });

  test('an admin who steps down keeps their session but leaves the administration', async ({
    page,
    admin,
  }) => {
    const deputy = uniqueUser('deputy');
    const created = await admin.mutation<ListedUser>('admin.users.create', {
      ...deputy,
      accessType: 'admin',
    });
    await signInPage(page, deputy.username, deputy.password);
    await page.goto(`/admin/users/${created.id}`);
    await page.getByLabel('Access type').selectOption('regular');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await expect(page.getByTestId('header-user-name')).toHaveText(deputy.name);
    await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
    expect(await admin.query('admin.users.get', { id: created.id })).toMatchObject({
      accessType: 'regular',
    });
  });

  test('regular users reach none of it', async ({ page, admin }) => {
    const person = uniqueUser('reg');
    await admin.mutation('admin.users.create', { ...person });
    await signInPage(page, person.username, person.password);

    await page.goto('/settings/profile');
    await expect(page.getByTestId('header-user-name')).toHaveText(person.name);
    await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
    for (const path of ['/admin', '/admin/users', '/admin/users/1', '/admin/settings']) {
      await page.goto(path);
      await expect(
        page.getByRole('heading', { name: 'You need to be an administrator' }),
      ).toBeVisible();
      await expect(page.getByRole('table')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Create user' })).toHaveCount(0);
    }
    await expectAccessible(page);
    const api = await page.request.get('/api/trpc/admin.users.list');
    expect(api.status()).toBe(403);
    const settings = await page.request.get('/api/trpc/serverSettings.get');
    expect(settings.status()).toBe(403);
  });
});
