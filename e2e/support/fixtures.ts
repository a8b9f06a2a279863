import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test as base } from '@playwright/test';
import crypto from 'node:crypto';
import { adminClient, type TrpcClient } from './trpc';

export interface NewUser {
  name: string;
  username: string;
  email: string;
  password: string;
}

/** A person nobody has used yet in this run. */
export function uniqueUser(prefix = 'user'): NewUser {
  const id = crypto.randomBytes(4).toString('hex');
  return {
    name: `Test ${prefix} ${id}`,
    username: `${prefix}${id}`,
    email: `${prefix}.${id}@example.com`,
    password: `Pw-${id}-Secret9!`,
  };
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  // After a client-side refresh React puts the page's <title> back a moment after the body:
  // wait for it (a page without one still fails, here) rather than judge the gap between.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

/**
 * Browser-reported failures of requests that were meant to fail (a wrong password answers 401)
 * are not application errors; everything else printed as an error fails the test.
 */
function isExpectedHttpFailure(text: string): boolean {
  return /Failed to load resource: the server responded with a status of 4\d\d/.test(text);
}

export const test = base.extend<{ consoleErrors: string[]; admin: TrpcClient }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && !isExpectedHttpFailure(message.text())) {
          errors.push(message.text());
        }
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
  // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  admin: async ({}, use) => {
    const client = await adminClient();
    await use(client);
    await client.dispose();
  },
});

export { expect };
