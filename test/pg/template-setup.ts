/**
 * Runs once before the integration suite on PostgreSQL (vitest.pg.config.ts): one throw-away
 * cluster on 127.0.0.1 and one database migrated as production migrates it, which every test's
 * store is copied from (`CREATE DATABASE … TEMPLATE`, test/helpers/store.ts). Stopped at the end.
 */
import type { TestProject } from 'vitest/node';
import { openPostgresStore } from '../../server/store/pg/open.js';
import { startCluster } from './cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's maintenance database (to create and drop test databases) and the template's name. */
    postgresTemplate: { admin: string; template: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startCluster('migrated');
  try {
    const store = await openPostgresStore(cluster.url, 'apply');
    await store.close();
  } catch (e) {
    cluster.stop();
    throw e;
  }
  const admin = new URL(cluster.url);
  admin.pathname = '/postgres';
  project.provide('postgresTemplate', { admin: admin.toString(), template: 'migrated' });
  return async () => cluster.stop();
}
