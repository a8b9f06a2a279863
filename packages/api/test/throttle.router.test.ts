import { MINUTE, SECOND } from '@roster/users';
import { DIALECTS } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, expectCode, GOOD_PASSWORD, type Harness } from './harness';

describe.each(DIALECTS)('sign-in throttling on %s', (dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(dialect);
    await h.createUser({ username: 'victim', email: 'victim@example.com' });
  });
  afterEach(async () => {
    await h.destroy();
  });

  const attempt = (password: string, ip = '198.51.100.1', username = 'victim') =>
    h.browser(ip).api.auth.login({ username, password });
  const fail = async (times: number, ip?: string, username?: string) => {
    for (let i = 0; i < times; i += 1)
      await expectCode(attempt('Wrong-pass-1', ip, username), 'UNAUTHORIZED');
  };

  it('refuses the 6th attempt within 15 minutes, even with the right password, saying when to retry', async () => {
    await fail(5);
    const browser = h.browser();
    const error = await expectCode(
      browser.api.auth.login({ username: 'victim', password: GOOD_PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    expect(error.message).toBe('Too many attempts. Try again in 30 seconds.');
    expect(browser.headers.get('retry-after')).toBe('30');
  });

  it('lifts with time, then doubles with each further failure', async () => {
    await fail(5);
    h.s.clock.advance(30 * SECOND);
    await fail(1);
    const second = h.browser();
    await expectCode(
      second.api.auth.login({ username: 'victim', password: GOOD_PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    expect(second.headers.get('retry-after')).toBe('60');
    h.s.clock.advance(60 * SECOND);
    await fail(1);
    const third = h.browser();
    await expectCode(
      third.api.auth.login({ username: 'victim', password: GOOD_PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    expect(third.headers.get('retry-after')).toBe('120');
    h.s.clock.advance(120 * SECOND);
    await h.browser().signIn('victim');
  });

  it('never locks an account for more than 15 minutes', async () => {
    const { id } = await h.createUser({ username: 'many' });
    // Failures arriving together (many instances, many IPs) cannot push the lock past the cap.
    await h.s.db
      .insertInto('throttleEvents')
      .values(
        Array.from({ length: 40 }, () => ({
          scope: 'account',
          key: `user:${id}`,
          createdAt: h.s.clock.now(),
        })),
      )
      .execute();
    const browser = h.browser();
    await expectCode(
      browser.api.auth.login({ username: 'many', password: GOOD_PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    expect(browser.headers.get('retry-after')).toBe(String(15 * 60));
    h.s.clock.advance(15 * MINUTE + SECOND);
    await h.browser().signIn('many');
  });

  it('counts failures against the account whatever the spelling or the IP', async () => {
    await fail(2, '198.51.100.1', 'VICTIM');
    await fail(2, '198.51.100.2', 'victim@example.com');
    await fail(1, '198.51.100.3', 'Victim');
    await expectCode(attempt(GOOD_PASSWORD, '198.51.100.4'), 'TOO_MANY_REQUESTS');
  });

  it('a success resets the count', async () => {
    await fail(4);
    await h.browser().signIn('victim');
    await fail(4);
    await h.browser().signIn('victim');
  });

  it('does not lock out other accounts from the same IP after a handful of failures', async () => {
    await h.createUser({ username: 'neighbour' });
    await fail(5, '198.51.100.9');
    await expectCode(attempt(GOOD_PASSWORD, '198.51.100.9'), 'TOO_MANY_REQUESTS');
    await h.browser('198.51.100.9').signIn('neighbour');
  });

  it('stops password spraying: 50 failures from one IP across accounts lock that IP', async () => {
    for (let i = 0; i < 50; i += 1) {
      await expectCode(attempt('Wrong-pass-1', '203.0.113.66', `nobody${i}`), 'UNAUTHORIZED');
    }
    await expectCode(attempt(GOOD_PASSWORD, '203.0.113.66'), 'TOO_MANY_REQUESTS');
    await h.browser('203.0.113.67').signIn('victim');
    h.s.clock.advance(15 * MINUTE + SECOND);
    await h.browser('203.0.113.66').signIn('victim');
  });

  it('unknown accounts are throttled like known ones (no hint either way)', async () => {
    await fail(5, '198.51.100.1', 'ghost');
    await expectCode(attempt('anything', '198.51.100.1', 'ghost'), 'TOO_MANY_REQUESTS');
  });

  it('records failed and throttled sign-ins in the security log, without the password', async () => {
    await fail(5);
    await expectCode(attempt(GOOD_PASSWORD), 'TOO_MANY_REQUESTS');
    const events = await h.s.db.selectFrom('securityEvents').selectAll().orderBy('id').execute();
    expect(events.map((event) => event.event)).toEqual([
      ...Array<string>(5).fill('login_failed'),
      'login_throttled',
    ]);
    expect(events[0]).toMatchObject({
      ip: '198.51.100.1',
      userAgent: expect.stringContaining('Mozilla') as unknown,
    });
    expect(JSON.stringify(events)).not.toMatch(/Wrong-pass|Correct-Horse/);
  });
});
