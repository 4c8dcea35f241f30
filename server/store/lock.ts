/**
 * One server per data folder: `server.lock` beside the store holds the owning server's pid. A
 * second server on the same folder is refused (two would both migrate, and each would cache what
 * the other changes). A lock left by a server that is no longer running (a crash, a power cut) is
 * taken over. The CLI does not take the lock: it is meant to run beside the server.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreRefused } from './open.js';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}

/** Takes the folder's lock for this process; returns the release. Throws StoreRefused if another server holds it. */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        // Only our own lock is removed (another process may have taken over a lock it thought stale).
        if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && running(pid)) {
      throw new StoreRefused(`Another server (process ${pid}) is using the data folder ${dir}. Stop it first, or start this one with another DATA_DIR.`);
    }
    rmSync(file, { force: true }); // stale: its server is gone
  }
  throw new StoreRefused(`Could not take the lock ${file}: another server started at the same moment. Try again.`);
}
