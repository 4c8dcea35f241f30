/**
 * The shapes the crime routes answer with: each schema is the service's return type (`z.infer`)
 * and the OpenAPI component, so the pages, the CLI's JSON and the document cannot drift.
 */
import { z } from '@hono/zod-openapi';
import { Month } from '../formats/dates.js';

const Interval = z.tuple([z.number(), z.number()]).openapi({ description: 'Lower and upper limits of the 95% interval', example: [8.1, 11.5] });
const Ward = z.object({ code: z.string().openapi({ example: 'E05004982' }), name: z.string().openapi({ example: 'Allington' }) });

export const WardRate = z.object({
  ward: z.string().openapi({ example: 'Allington' }),
  wardCode: z.string().openapi({ example: 'E05004982' }),
  count: z.number().int(),
  population: z.number().nullable().openapi({ description: 'null when the ward has no population figure (then no rate)' }),
  rate: z.number().nullable().openapi({ description: 'Crimes per 1,000 residents over the period', example: 9.7 }),
  ci: Interval.nullable(),
});

export const CrimeRatesReport = z
  .object({
    period: z.object({ from: Month, to: Month, months: z.array(Month) }),
    crimeType: z.string().openapi({ example: 'Burglary' }),
    allCrime: z.boolean().openapi({ description: 'true when crimeType is the default (all crime not counting anti-social behaviour)' }),
    per: z.number().openapi({ example: 1000 }),
    level: z.number().openapi({ example: 0.95 }),
    illustrativePopulationNotice: z.string().nullable(),
    wards: z.array(WardRate),
    borough: z.object({ count: z.number().int(), population: z.number(), rate: z.number(), ci: Interval }),
    previous: z.object({ period: z.object({ from: Month, to: Month }), count: z.number().int(), rate: z.number() }).nullable(),
    change: z
      .object({ ratio: z.number(), ci: Interval, p: z.number(), significant: z.boolean() })
      .nullable()
      .openapi({ description: 'Against the same months one year earlier; null when those are not all stored' }),
    notes: z.array(z.string()),
  })
  .openapi('CrimeRatesReport');

const SignalKind = z.enum(['outside-limits', 'shift', 'trend', 'two-of-three']);

export const CrimeSpcReport = z
  .object({
    crimeType: z.string(),
    allCrime: z.boolean(),
    ward: Ward.nullable().openapi({ description: 'null for the whole borough' }),
    months: z.array(
      z.object({
        month: Month,
        count: z.number(),
        movingRange: z.number().nullable(),
        inBaseline: z.boolean(),
        movingRangeScreened: z.boolean().openapi({ description: 'This month’s moving range was left out of the mean moving range (screening)' }),
        signals: z.array(SignalKind),
      }),
    ),
    notStored: z.array(Month).openapi({ description: 'Months inside the range with no police.uk file imported (counted as 0)' }),
    baseline: z.object({ from: Month, to: Month, points: z.number().int() }),
    centre: z.number(),
    meanMovingRange: z.number().openapi({ description: 'Mean moving range of the baseline after screening: the limits are centre ± 2.66 × this' }),
    meanMovingRangeUnscreened: z.number().openapi({ description: 'Mean of every baseline moving range, before screening' }),
    screenedMovingRanges: z.array(Month).openapi({
      description:
        'Baseline months whose moving range (from the month before) is 3.267 × the mean moving range or more, left out of it (NHSRplotthedots screening)',
    }),
    upperLimit: z.number(),
    lowerLimit: z.number(),
    upperNear: z.number(),
    lowerNear: z.number(),
    signals: z.array(
      z.object({
        kind: SignalKind,
        direction: z.enum(['high', 'low', 'up', 'down']),
        months: z.array(Month),
        description: z.string(),
      }),
    ),
    note: z.string().nullable().openapi({ description: 'Set when the limits are provisional (fewer than 12 baseline months)' }),
    notes: z.array(z.string()),
  })
  .openapi('CrimeSpcReport');

export const CrimeAvailability = z
  .object({
    months: z.array(Month).openapi({ description: 'Months with recorded crime stored, oldest first' }),
    range: z.array(Month).openapi({ description: "Every month from the first to the last stored (the SPC chart's months)" }),
    crimeTypes: z.array(z.string()).openapi({ example: ['Anti-social behaviour', 'Burglary'] }),
    allCrimeLabel: z.string().openapi({ description: 'What "all crime" means when no crime type is given' }),
    wards: z.array(Ward),
    population: z.boolean().openapi({ description: 'True when population figures are loaded (rates need them)' }),
    illustrativePopulationNotice: z.string().nullable(),
  })
  .openapi('CrimeAvailability');

export const StagedUpload = z
  .object({
    id: z.string().openapi({ description: 'Give it to POST /crime/imports', example: '0f3c9a0e5b6d4e7f8a9b0c1d2e3f4a5b' }),
    name: z.string().openapi({ example: '2019-01-kent-street.csv' }),
    bytes: z.number().int(),
  })
  .openapi('StagedCrimeUpload');

const SAY_UPLOADS = 'Send JSON {"uploads": ["<id>", …]} with the ids POST /crime/uploads answered.';

export const CrimeImportRequest = z
  .object(
    {
      uploads: z
        .array(z.string({ error: SAY_UPLOADS }).min(1, { error: SAY_UPLOADS }), { error: SAY_UPLOADS })
        .min(1, { error: SAY_UPLOADS })
        .openapi({ description: 'Ids POST /crime/uploads answered; all the files of a month together', example: ['0f3c9a0e5b6d4e7f8a9b0c1d2e3f4a5b'] }),
    },
    { error: SAY_UPLOADS },
  )
  .openapi('CrimeImportRequest');

export const CrimeImportResult = z
  .object({
    files: z.array(z.object({ name: z.string(), bytes: z.number().int() })),
    rows: z.number().int().openapi({ description: 'Data rows read (all areas)' }),
    imported: z.number().int().openapi({ description: 'Rows counted in a ward' }),
    outsideArea: z.number().int().openapi({ description: 'Rows whose LSOA is not in the lookup (other areas)' }),
    noLsoa: z.number().int(),
    unmappedInArea: z
      .object({ rows: z.number().int(), lsoaCodes: z.array(z.string()) })
      .openapi({ description: "Rows outside the lookup whose LSOA names look like the borough's (probably 2021 LSOAs)" }),
    months: z.array(Month).openapi({ description: 'Months found in the files (replaced in the store)' }),
    byCrimeType: z.array(z.object({ crimeType: z.string(), count: z.number().int() })),
    archives: z
      .array(
        z.object({
          file: z.string().openapi({ description: 'The ZIP archive as uploaded', example: 'police-uk-download.zip' }),
          entries: z
            .array(z.object({ name: z.string().openapi({ example: '2019-01/2019-01-kent-street.csv' }), months: z.array(Month), rows: z.number().int() }))
            .openapi({ description: 'The street files read, in month order, with the months and rows each held' }),
          skipped: z
            .array(z.object({ name: z.string().openapi({ example: '2019-01/2019-01-kent-outcomes.csv' }), reason: z.string() }))
            .openapi({ description: 'Entries not read (outcomes, stop and search, other files), with why' }),
        }),
      )
      .openapi({ description: 'The ZIP archives among the files, with the files inside (empty when only CSVs were imported)' }),
  })
  .openapi('CrimeImportResult');

export const ImportProgress = z
  .object({
    running: z.boolean().openapi({ description: 'False when no import of this upload is running (not started, finished or refused)' }),
    file: z.string().nullable().openapi({ description: 'The CSV being read (inside a ZIP: the street file)', example: '2019-02-kent-street.csv' }),
    fileIndex: z.number().int().openapi({ description: 'Which CSV, from 1' }),
    fileCount: z.number().int().openapi({ description: 'CSVs to read in all (the street files inside ZIPs counted one by one)' }),
    rowsRead: z.number().int(),
    bytesRead: z.number().int().openapi({ description: 'Bytes read so far (of ZIPs: compressed bytes)' }),
    totalBytes: z.number().int(),
  })
  .openapi('CrimeImportProgress');

export const ImportProgressQuery = z.object({
  upload: z
    .string({ error: 'Say which upload: ?upload=<id>.' })
    .min(1, { error: 'Say which upload: ?upload=<id>.' })
    .openapi({ param: { name: 'upload', in: 'query' }, description: 'An id given to POST /crime/imports', example: '0f3c9a0e5b6d4e7f8a9b0c1d2e3f4a5b' }),
});

export const StoredCrimeMonth = z.object({
  month: Month,
  crimes: z.number().int().openapi({ description: 'police.uk rows counted in a ward that month' }),
  wards: z.number().int(),
  crimeTypes: z.number().int(),
  files: z.array(z.string()).openapi({ description: 'The file name(s) the month was imported from' }),
});

export const StoredCrime = z
  .object({
    months: z.array(StoredCrimeMonth),
    crimes: z.number().int(),
    wardsInLookup: z.number().int().openapi({ description: 'Wards in the LSOA → ward lookup (crime is counted in these)' }),
  })
  .openapi('StoredCrime');

export type WardRate = z.infer<typeof WardRate>;
export type CrimeRatesReport = z.infer<typeof CrimeRatesReport>;
export type CrimeSpcReport = z.infer<typeof CrimeSpcReport>;
export type CrimeAvailability = z.infer<typeof CrimeAvailability>;
export type StagedUpload = z.infer<typeof StagedUpload>;
export type CrimeImportResult = z.infer<typeof CrimeImportResult>;
export type StoredCrimeMonth = z.infer<typeof StoredCrimeMonth>;
export type StoredCrime = z.infer<typeof StoredCrime>;
export type ImportProgress = z.infer<typeof ImportProgress>;
