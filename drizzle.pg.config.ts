import { defineConfig } from 'drizzle-kit';

// The Postgres store's migrations, generated from its schema (kept in step with ./drizzle.config.ts's).
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/store/pg/schema.ts',
  out: './drizzle-pg',
});
