'use client';

import {
  DEFAULT_PRIVACY_SETTINGS,
  HIDE_ACTIVITY_KEYS,
  type HideActivityKey,
  type PrivacySettings,
  type Visibility,
} from '@roster/users/schemas';
import { useId, useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CheckboxField, SelectField } from '../Field';
import { VISIBILITY_OPTIONS } from '@/lib/profile-options';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';
import './privacy-form.css';

interface Switch {
  key: HideActivityKey;
  label: string;
  hint: string;
}

/** The twelve switches in the groups a person thinks in: where I was, my body, my performance, my kit. */
const GROUPS: { key: string; title: string; description: string; switches: Switch[] }[] = [
  {
    key: 'where',
    title: 'When and where',
    description: 'Details that tell others your routine and the places you go.',
    switches: [
      {
        key: 'hideActivityStartTime',
        label: 'Hide the start time',
        hint: 'Others see the date, not the time of day.',
      },
      {
        key: 'hideActivityLocation',
        label: 'Hide the location',
        hint: 'The town or place where the activity happened.',
      },
      {
        key: 'hideActivityMap',
        label: 'Hide the map',
        hint: 'The route drawn on a map, including where it starts and ends.',
      },
    ],
  },
  {
    key: 'body',
    title: 'Body and effort',
    description: 'Readings from a heart-rate strap, power meter or cadence sensor.',
    switches: [
      { key: 'hideActivityHr', label: 'Hide heart rate', hint: 'Average, maximum and zones.' },
      { key: 'hideActivityPower', label: 'Hide power', hint: 'Watts, from a power meter.' },
      {
        key: 'hideActivityCadence',
        label: 'Hide cadence',
        hint: 'Steps or pedal strokes per minute.',
      },
    ],
  },
  {
    key: 'performance',
    title: 'Performance',
    description: 'How fast and how far: the numbers people compare.',
    switches: [
      {
        key: 'hideActivityElevation',
        label: 'Hide elevation',
        hint: 'Climb, descent and profile.',
      },
      { key: 'hideActivitySpeed', label: 'Hide speed', hint: 'Average and maximum speed.' },
      { key: 'hideActivityPace', label: 'Hide pace', hint: 'Time per kilometre or mile.' },
      { key: 'hideActivityLaps', label: 'Hide laps', hint: 'Splits and lap times.' },
    ],
  },
  {
    key: 'kit',
    title: 'Workout and equipment',
    description: 'What you did in the gym and what you used.',
    switches: [
      {
        key: 'hideActivityWorkoutSetsSteps',
        label: 'Hide workout sets and steps',
        hint: 'Exercises, sets, repetitions and weights.',
      },
      { key: 'hideActivityGear', label: 'Hide gear', hint: 'Shoes, bikes and other equipment.' },
    ],
  },
];

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
  const me = useMe();
  const utils = trpc.useUtils();
  const [values, setValues] = useState<PrivacySettings>(() => settingsOf(me));
  const idPrefix = useId();
  const form = useForm({
    mutation: trpc.me.privacy.update.useMutation(),
    // A switch has no room for a message of its own: any error is shown above the button.
    fields: ['defaultActivityVisibility'],
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
          <h2 id="privacy-visibility">Who sees your activities</h2>
          <p>New activities start with this visibility; you can still change each one later.</p>
        </div>
        <SelectField
          label="Default visibility of new activities"
          name="defaultActivityVisibility"
          options={VISIBILITY_OPTIONS}
          value={values.defaultActivityVisibility}
          onChange={(event) => {
            change({ defaultActivityVisibility: event.target.value as Visibility });
          }}
          error={form.fields.defaultActivityVisibility}
        />
      </section>

      <section className="card" aria-labelledby="privacy-details">
        <div className="card-header">
          <h2 id="privacy-details">What others see of an activity</h2>
          <p>
            Hidden details stay in your account and you keep seeing them; only other people no
            longer do.
          </p>
        </div>
        <div className="privacy-groups">
          {GROUPS.map((group) => (
            <fieldset
              key={group.title}
              className="privacy-group"
              aria-describedby={`${idPrefix}-${group.key}`}
            >
              <legend>{group.title}</legend>
              <p className="hint" id={`${idPrefix}-${group.key}`}>
                {group.description}
              </p>
              {group.switches.map((item) => (
                <CheckboxField
                  key={item.key}
                  name={item.key}
                  label={item.label}
                  hint={item.hint}
                  checked={values[item.key]}
                  onChange={(event) => {
                    change({ [item.key]: event.target.checked });
                  }}
                />
              ))}
            </fieldset>
          ))}
        </div>
      </section>

      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      {form.succeeded ? <Alert tone="success">Your privacy settings were saved.</Alert> : null}
      <div className="form-actions">
        <Button type="submit" loading={form.pending}>
          Save privacy settings
        </Button>
      </div>
    </form>
  );
}
