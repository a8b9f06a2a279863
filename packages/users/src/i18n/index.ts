// Server-side language entry (`@roster/users/i18n`): the languages and how a request picks one,
// without the database or mail code of the main entry.
export * from './languages';
export { requestLanguage } from './request-language';
