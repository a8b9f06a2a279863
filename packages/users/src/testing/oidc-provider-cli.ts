// The test OpenID provider for the browser tests (e2e/): a real login page on a fixed port.
// Usage: tsx src/testing/oidc-provider-cli.ts <port> <redirect URI>
import { startTestIdp } from './oidc-provider';

const [port = '3211', redirectUri = 'http://localhost:3210/api/auth/oidc/test-idp/callback'] =
  process.argv.slice(2);

const idp = await startTestIdp({
  interactive: true,
  port: Number(port),
  clients: [
    {
      clientId: 'roster-e2e',
      clientSecret: 'roster-e2e-secret-0123456789',
      redirectUris: [redirectUri],
    },
  ],
  accounts: [
    {
      sub: 'idp-ines',
      email: 'ines@idp.test',
      emailVerified: true,
      name: 'Ines Provider',
      preferredUsername: 'ines',
    },
    {
      sub: 'idp-jonas',
      email: 'jonas@idp.test',
      emailVerified: true,
      name: 'Jonas Provider',
      preferredUsername: 'jonas',
    },
  ],
});
console.log(`test identity provider at ${idp.issuer}`);
const stop = () => {
  void idp.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
