import { readFileSync, writeFileSync } from 'node:fs';
import { analystExport } from '../../responses/analyst-table.js';
import { responsesRZip } from '../../responses/r-export.js';
import { responsesSav } from '../../responses/sav-export.js';
import { responsesWorkbook } from '../../responses/workbook.js';
import { exportResponses, toCsv } from '../../responses/export.js';
import { eraseResponse, eraseWaveResponses } from '../../responses/erase.js';
import { importCsv } from '../../responses/paper-intake.js';
import { sweepRetention } from '../../responses/retention-sweep.js';
import { systemClock } from '../../clock.js';
import { flags, UsageError, type Command } from '../io.js';

export const usage = `responses import --survey s --wave w --file data.csv [--weight-column col] [--stratum-column col] [--psu-column col] [--fpc-column col] [--skip-invalid]
responses export --survey s [--wave w] --format csv|json|xlsx|sav|r [--out file]   (xlsx, sav (SPSS) and r (ZIP for R) need --out)
responses delete --survey s --wave w --id n --reason "why"   (one return, for good; audited)
responses delete --survey s --wave w --all --confirm w --reason "why"   (every return of the wave; --confirm is the wave's name)
responses sweep   (deletes now what the questionnaires' retention periods say is due; audited)`;

export const responsesCommand: Command = async (args, { store, out, err }) => {
  const [sub, ...rest] = args;
  if (sub === 'import') {
    const f = flags(
      rest,
      {
        survey: { type: 'string' },
        wave: { type: 'string' },
        file: { type: 'string' },
        'weight-column': { type: 'string' },
        'stratum-column': { type: 'string' },
        'psu-column': { type: 'string' },
        'fpc-column': { type: 'string' },
        'skip-invalid': { type: 'boolean' },
      },
      ['survey', 'wave', 'file'],
    );
    let csv: Buffer;
    try {
      csv = readFileSync(f.file!);
    } catch {
      throw new UsageError(`Cannot read '${f.file}'.`);
    }
    // The same service as the officer API's import: the same checks and messages (encoding, empty file, columns).
    const report = await importCsv(store, {
      slug: f.survey!,
      wave: f.wave!,
      csv,
      weightColumn: f['weight-column'],
      stratumColumn: f['stratum-column'],
      psuColumn: f['psu-column'],
      fpcColumn: f['fpc-column'],
      skipInvalid: f['skip-invalid'] ?? false,
      maxListed: Number.POSITIVE_INFINITY,
      onProgress: (done, total) => err(`stored ${done}/${total}`),
    });
    for (const r of report.rejected) {
      err(`line ${r.line}: ${r.errors.map((e) => e.message).join(' ')}`);
    }
    for (const u of report.unmatched) err(`unmatched: line ${u.line}, column ${u.column}: '${u.value}' is neither a choice code nor its wording`);
    if (!report.stored) {
      err(
        `${report.rejectedCount} of ${report.rows} rows were rejected (listed above). Nothing was imported; fix them, or pass --skip-invalid to import the other rows.`,
      );
      return 1;
    }
    out(`Imported ${report.imported} responses (${report.alreadyPresent} already present from an earlier import, ${report.rejectedCount} rejected).`);
    return 0;
  }
  if (sub === 'export') {
    const f = flags(rest, { survey: { type: 'string' }, wave: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } }, ['survey', 'format']);
    if (!['csv', 'json', 'xlsx', 'sav', 'r'].includes(f.format!)) throw new UsageError('--format must be csv, json, xlsx, sav or r.');
    const fileName = { xlsx: 'responses.xlsx', sav: 'responses.sav', r: 'responses-r.zip' }[f.format as string];
    if (fileName && !f.out) throw new UsageError(`--format ${f.format} writes a file: give --out ${fileName}.`);
    if (f.format === 'sav' || f.format === 'r') {
      // The same files as the Downloads page's SPSS and R downloads.
      const table = await analystExport(store.db, f.survey!, f.wave);
      writeFileSync(f.out!, f.format === 'sav' ? responsesSav(table, new Date()) : responsesRZip(table));
      err(`Wrote ${table.rows.length} responses to ${f.out}.`);
      return 0;
    }
    const data = await exportResponses(store.db, f.survey!, f.wave);
    if (f.out) {
      const body = f.format === 'xlsx' ? responsesWorkbook(data) : f.format === 'csv' ? toCsv(data) : `${JSON.stringify(data.rows, null, 2)}\n`;
      writeFileSync(f.out, body);
      err(`Wrote ${data.rows.length} responses to ${f.out}.`);
      return 0;
    }
    out(f.format === 'csv' ? toCsv(data).trimEnd() : JSON.stringify(data.rows, null, 2));
    return 0;
  }
  if (sub === 'delete') {
    const f = flags(
      rest,
      {
        survey: { type: 'string' },
        wave: { type: 'string' },
        id: { type: 'string' },
        all: { type: 'boolean' },
        confirm: { type: 'string' },
        reason: { type: 'string' },
      },
      ['survey', 'wave'],
    );
    if ((f.id === undefined) === !f.all) throw new UsageError('Give either --id n (one return) or --all --confirm <wave> (every return of the wave).');
    const common = { slug: f.survey!, wave: f.wave!, reason: f.reason, actor: 'cli' };
    let result: Awaited<ReturnType<typeof eraseResponse>>;
    if (f.all) result = await eraseWaveResponses(store, { ...common, confirm: f.confirm });
    else {
      const id = Number(f.id);
      if (!Number.isInteger(id) || id < 1) throw new UsageError(`--id must be a response id (a whole number), not '${f.id}'.`);
      result = await eraseResponse(store, { ...common, id });
    }
    out(result.message);
    return 0;
  }
  if (sub === 'sweep') {
    flags(rest, {});
    const swept = await sweepRetention(store, systemClock.now(), 'cli');
    if (!swept.length) out('No response is past its retention period: nothing was deleted.');
    for (const s of swept) {
      const reweight = s.waves.filter((w) => w.reweight).map((w) => w.wave);
      out(
        `${s.survey}: deleted ${s.deleted} ${s.deleted === 1 ? 'response' : 'responses'} older than ${s.months} months (${s.waves.map((w) => `${w.wave}: ${w.deleted}`).join(', ')}).${
          reweight.length ? ` Run the weighting again for ${reweight.join(', ')}.` : ''
        }`,
      );
    }
    return 0;
  }
  throw new UsageError(`Unknown responses command '${sub ?? ''}'.`);
};
