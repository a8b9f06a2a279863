// Lists the sign-ups waiting for an administrator's approval, through Roster's API with an API key.
//
//   ROSTER_URL=https://roster.example.com ROSTER_API_KEY=rst_… npx tsx pending-signups.ts
//
// The key needs the `admin:read` scope (made by an administrator on the security page). Every
// call and answer is typed from Roster's own router: a wrong field does not compile.
import { createRosterClient, type RouterOutputs, rosterCodeOf } from '@roster/client';

type User = RouterOutputs['admin']['users']['list']['records'][number];

const url = process.env.ROSTER_URL ?? 'http://localhost:3000';
const apiKey = process.env.ROSTER_API_KEY;
if (!apiKey) {
  console.error('Set ROSTER_API_KEY to an API key with the admin:read scope.');
  process.exit(2);
}

const roster = createRosterClient({ url, apiKey });

/** Every pending sign-up, a page of 100 at a time. */
async function pendingSignups(): Promise<{ total: number; users: User[] }> {
  const users: User[] = [];
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page = await roster.admin.users.list.query({
      filter: 'pending_approval',
      pageNumber,
      numRecords: 100,
    });
    users.push(...page.records);
    if (page.records.length === 0 || users.length >= page.total) {
      return { total: page.total, users };
    }
  }
}

try {
  const { total, users } = await pendingSignups();
  console.log(`${String(total)} sign-up${total === 1 ? '' : 's'} waiting for approval`);
  for (const user of users) {
    const verified = user.emailVerified ? 'email confirmed' : 'email not confirmed yet';
    console.log(`- ${user.username} <${user.email}> (${user.name}), ${verified}`);
  }
} catch (error) {
  // Roster's stable codes: API_KEY_INVALID (wrong, expired or revoked key), SCOPE_MISSING (the
  // key lacks admin:read), NOT_ALLOWED (its owner is no longer an administrator), RATE_LIMITED.
  const code = rosterCodeOf(error);
  console.error(code ? `Roster refused: ${code}` : String(error));
  process.exitCode = 1;
}
