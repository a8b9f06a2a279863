import { logSecurityEvent } from '../audit/log';
import type { ServerSettings, ServerSettingsUpdate } from '../schemas/settings';
import type { RequestMeta, Services } from '../services';
import { updateServerSettings } from './settings.repository';

/** An admin changes server settings; the log names the fields changed. */
export async function changeServerSettings(
  s: Services,
  actor: { id: number },
  meta: RequestMeta,
  patch: ServerSettingsUpdate,
): Promise<ServerSettings> {
  const settings = await updateServerSettings(s.db, patch);
  await logSecurityEvent(s, {
    event: 'admin_settings_updated',
    userId: null,
    actorId: actor.id,
    ...meta,
    details: { fields: Object.keys(patch).join(',') },
  });
  return settings;
}
