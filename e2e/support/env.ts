import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The e2e server runs on its own port with its own, freshly wiped data directory. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
export const DATA_DIR = path.resolve(here, '..', '.e2e-data');
export const MAIL_DIR = path.join(DATA_DIR, 'mail');
export const SERVER_LOG = path.join(DATA_DIR, 'server.log');

export const ADMIN = {
  name: 'Ada Admin',
  username: 'admin',
  email: 'admin@roster.test',
  password: 'Admin-Password-123!',
};

/** The test identity provider that start-server.mjs runs beside the app. */
export const IDP = {
  slug: 'test-idp',
  name: 'Test IdP',
  issuer: `http://127.0.0.1:${E2E_PORT + 1}`,
  clientId: 'roster-e2e',
  clientSecret: 'roster-e2e-secret-0123456789',
};
