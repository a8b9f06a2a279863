import { listApiKeys } from '../api-keys/api-keys.service';
import { listOwnSecurityEvents } from '../audit/log';
import { toIso } from '../clock';
import { mfaStatus } from '../mfa/flows';
import { listIdentities } from '../oidc/identities.service';
import { listPasskeys } from '../passkeys/passkeys.service';
import type { AccountExport } from '../schemas/account-data';
import type { UsersRead } from '../schemas/users';
import type { Services } from '../services';
import { listUserSessions } from '../sessions/sessions.service';
import { getUserMe } from '../users/me';
import { readPhotoFile } from '../users/photo-files';

/** The export holds the newest this many security events: years of use, and a bounded answer. */
const EXPORTED_EVENTS = 5000;

/**
 * Everything Roster holds about a user (docs/api.md §14), built from the same reads the pages
 * use, so nothing secret can slip in: each part is the schema of its own procedure, which lists
 * what may leave the server.
 */
export async function exportAccount(
  s: Services,
  user: UsersRead,
  currentSessionId: string | null,
): Promise<AccountExport> {
  const [profile, mfa, sessions, securityEvents, identities, passkeys, apiKeys, photo] =
    await Promise.all([
      getUserMe(s, user.id, user),
      mfaStatus(s, user.id),
      listUserSessions(s, user.id, currentSessionId),
      listOwnSecurityEvents(s.db, user.id, EXPORTED_EVENTS),
      listIdentities(s, user.id),
      listPasskeys(s, user.id),
      listApiKeys(s, user.id),
      user.photoPath ? readPhotoFile(s.photosDir, user.photoPath) : Promise.resolve(null),
    ]);
  return {
    format: 'roster-account-export/1',
    exportedAt: toIso(s.clock.now()),
    profile,
    photo: photo ? { contentType: 'image/webp', base64: photo.toString('base64') } : null,
    mfa,
    sessions,
    securityEvents,
    identities,
    passkeys,
    apiKeys,
  };
}
