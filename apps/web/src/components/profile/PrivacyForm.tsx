'use client';

import {
  DEFAULT_PRIVACY_SETTINGS,
  HIDE_ACTIVITY_KEYS,
  type HideActivityKey,
  type PrivacySettings,
  type Visibility,
} from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CheckboxField, SelectField } from '../Field';
import { VISIBILITIES } from '@/lib/profile-options';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';
import './privacy-form.css';

/** The twelve switches in the groups a person thinks in: where I was, my body, my performance, my kit. */
const GROUPS = [
  {
    key: 'where',
    switches: ['hideActivityStartTime', 'hideActivityLocation', 'hideActivityMap'],
  },
  { key: 'body', switches: ['hideActivityHr', 'hideActivityPower', 'hideActivityCadence'] },
  {
    key: 'performance',
    switches: [
      'hideActivityElevation',
      'hideActivitySpeed',
      'hideActivityPace',
      'hideActivityLaps',
    ],
  },
  { key: 'kit', switches: ['hideActivityWorkoutSetsSteps', 'hideActivityGear'] },
] as const satisfies readonly { key: string; switches: readonly HideActivityKey[] }[];

/** Only the privacy fields of UsersMe, which is what the form sends back. */
function settingsOf(me: PrivacySettings): PrivacySettings {
  const settings: PrivacySettings = {
    ...DEFAULT_PRIVACY_SETTINGS,
    defaultActivityVisibility: me.defaultActivityVisibility,
  };
  for (const key of HIDE_ACTIVITY_KEYS) settings[key] = me[key];
  return settings;
}

export function PrivacyForm() {
  const t = useTranslations('profile.privacy');
  const tOptions = useTranslations('profile.options');
  const me = useMe();
  const utils = trpc.useUtils();
  const [values, setValues] = useState<PrivacySettings>(() => settingsOf(me));
  const idPrefix = useId();
  const form = useForm({
    mutation: trpc.me.privacy.update.useMutation(),
    // A switch has no room for a message of its own: any error is shown above the button.
    fields: ['defaultActivityVisibility'],
    labels: { defaultActivityVisibility: t('visibility.label') },
    onSuccess: (updated) => {
      utils.me.get.setData(undefined, updated);
      setValues(settingsOf(updated));
    },
  });

  const change = (patch: Partial<PrivacySettings>) => {
    setValues((current) => ({ ...current, ...patch }));
    if (form.succeeded) form.reset();
  };

  return (
    <form className="form privacy-form" onSubmit={form.onSubmit(() => values)} noValidate>
      <section className="card" aria-labelledby="privacy-visibility">
        <div className="card-header">
          <h2 id="privacy-visibility">{t('visibility.title')}</h2>
          <p>{t('visibility.description')}</p>
        </div>
        <SelectField
          label={t('visibility.label')}
          name="defaultActivityVisibility"
          options={VISIBILITIES.map((value) => ({
            value,
            label: tOptions(`visibility.${value}`),
          }))}
          value={values.defaultActivityVisibility}
          onChange={(event) => {
            change({ defaultActivityVisibility: event.target.value as Visibility });
          }}
          error={form.fields.defaultActivityVisibility}
        />
      </section>

      <section className="card" aria-labelledby="privacy-details">
        <div className="card-header">
          <h2 id="privacy-details">{t('details.title')}</h2>
          <p>{t('details.description')}</p>
        </div>
        <div className="privacy-groups">
          {GROUPS.map((group) => (
            <fieldset
              key={group.key}
              className="privacy-group"
              aria-describedby={`${idPrefix}-${group.key}`}
            >
              <legend>{t(`details.${group.key}.title`)}</legend>
              <p className="hint" id={`${idPrefix}-${group.key}`}>
                {t(`details.${group.key}.description`)}
              </p>
              {group.switches.map((key: HideActivityKey) => (
                <CheckboxField
                  key={key}
                  name={key}
                  label={t(`details.${key}.label`)}
                  hint={t(`details.${key}.hint`)}
                  checked={values[key]}
                  onChange={(event) => {
                    change({ [key]: event.target.checked });
                  }}
                />
              ))}
            </fieldset>
          ))}
        </div>
      </section>

      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      {form.succeeded ? <Alert tone="success">{t('saved')}</Alert> : null}
      <div className="form-actions">
        <Button type="submit" loading={form.pending}>
          {t('submit')}
        </Button>
      </div>
    </form>
  );
}
