import type { Messages } from './catalogue';

// Typed keys: `t('auth.signIn')` with a key the US English catalogue lacks does not compile.
declare module 'next-intl' {
  interface AppConfig {
    Messages: Messages;
  }
}
