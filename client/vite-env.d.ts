/// <reference types="vite/client" />

/** survey-core's locale modules register their strings when imported and export nothing we use. */
declare module 'survey-core/i18n/*';
