/** The shape of a wave's returns (GET …/returns): the schema is the type and the documentation. */
import { z } from '@hono/zod-openapi';

export const ReturnsByDay = z.object({
  date: z.string().openapi({ description: 'UTC calendar day, YYYY-MM-DD', example: '2026-03-02' }),
  count: z.number().int(),
  complete: z.number().int(),
});

export const ReturnsByWard = z.object({
  wardCode: z.string().openapi({ example: 'E05005068' }),
  ward: z.string().openapi({ example: 'High Street' }),
  count: z.number().int(),
  share: z.number().openapi({ description: 'count / returns with a known ward; 0 when there are none yet' }),
  populationShare: z.number().nullable().openapi({ description: "The ward's share of the population table (adults); null without population figures" }),
});

export const ReturnsBySchool = z.object({
  label: z.string(),
  count: z.number().int().nullable().openapi({ description: 'null when suppressed' }),
  suppressed: z.boolean(),
  reason: z.string().nullable(),
});

export const ReturnsSummary = z
  .object({
    survey: z.string(),
    wave: z.string(),
    total: z.number().int(),
    complete: z.number().int(),
    partial: z.number().int(),
    byDay: z.array(ReturnsByDay),
    wardQuestion: z.string().nullable().openapi({ description: 'The ward question used, or null when the questionnaire asks none (then byWard is empty)' }),
    byWard: z.array(ReturnsByWard),
    wardNotGiven: z.number().int(),
    bySchool: z.array(ReturnsBySchool),
    syntheticNotice: z.string().nullable(),
    illustrativePopulationNotice: z.string().nullable(),
  })
  .openapi('ReturnsSummary');

export type ReturnsByDay = z.infer<typeof ReturnsByDay>;
export type ReturnsByWard = z.infer<typeof ReturnsByWard>;
export type ReturnsBySchool = z.infer<typeof ReturnsBySchool>;
export type ReturnsSummary = z.infer<typeof ReturnsSummary>;
