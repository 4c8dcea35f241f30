/**
 * `backup --out file`: an online copy of the store, safe while the server runs. `restore --file f`:
 * the store replaced by a checked backup, only while no server holds the data folder; the old
 * store is kept aside (server/store/backup.ts).
 */
import { resolve } from 'node:path';
import { backupStore, restoreStore } from '../../store/backup.js';
import { dataDir } from '../../store/open.js';
import { flags, type Command, type StorelessCommand } from '../io.js';

export const usage = `backup --out file.sqlite   (safe while the server runs)
restore --file file.sqlite   (stop the server first; the current store is kept aside)`;

export const backupCommand: Command = async (args, { store, out, err }) => {
  const f = flags(args, { out: { type: 'string' } }, ['out']);
  let last = -1;
  const r = await backupStore(store, resolve(f.out!), (percent) => {
    if (percent !== last && percent % 25 === 0) err(`backed up ${percent}%`);
    last = percent;
  });
  out(`Backed up the store to ${r.file} (${r.bytes} bytes, ${r.responses} responses). It passes SQLite's integrity check.`);
  return 0;
};

export const restoreCommand: StorelessCommand = (args, { out }) => {
  const f = flags(args, { file: { type: 'string' } }, ['file']);
  const r = restoreStore(dataDir(), resolve(f.file!));
  out(`Restored ${resolve(f.file!)} (${r.responses} responses) as the store in ${dataDir()}.`);
  out(r.keptAside ? `The store it replaced is kept as ${r.keptAside}.` : 'The data folder had no store before.');
  return 0;
};
