import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the one schema file and applied automatically at start.
export default defineConfig({
  dialect: 'sqlite',
  schema: './server/store/schema.ts',
  out: './drizzle',
});
