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
  count: z.number().int().nullable().openapi({ description: 'null when suppressed (fewer than 10, or hidden so a small ward cannot be worked out)' }),
  share: z.number().nullable().openapi({ description: 'count / returns with a known ward; 0 when there are none yet; null when suppressed' }),
  populationShare: z.number().nullable().openapi({ description: "The ward's share of the population table (adults); null without population figures" }),
  suppressed: z.boolean(),
  reason: z.string().nullable().openapi({ description: 'Why the count is hidden; null when shown', example: 'Fewer than 10 returns, so hidden' }),
});

export const ReturnsBySchool = z.object({
  label: z.string(),
  count: z.number().int().nullable().openapi({ description: 'null when suppressed' }),
  suppressed: z.boolean(),
  reason: z.string().nullable(),
});

export const DropOutPage = z.object({
  page: z.number().int().openapi({ description: 'The page of the questionnaire, 1 for the first', example: 2 }),
  title: z.string().openapi({ description: "The page's title (or 'Page n' when it has none)", example: 'Feeling safe' }),
  started: z.number().int().openapi({ description: 'Web returns that reached this page: the complete ones and the unfinished ones that got this far' }),
  stoppedHere: z.number().int().openapi({ description: 'Unfinished web returns whose last page reached is this one' }),
});

export const DropOut = z
  .object({
    pages: z.array(DropOutPage),
    finished: z.number().int().openapi({ description: 'Complete web returns (they went through to the end)' }),
    unfinished: z.number().int().openapi({ description: 'Partial web returns: saved page by page, not yet submitted' }),
    pageNotRecorded: z.number().int().openapi({ description: 'Partial web returns saved without saying which page they reached' }),
  })
  .openapi('DropOut', {
    description:
      'Where respondents stop. A web return is saved as the respondent moves to the next page, so someone who leaves on the first page without moving on is not counted; paper returns are entered whole and are left out',
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
    dropOut: DropOut,
    syntheticNotice: z.string().nullable(),
    illustrativePopulationNotice: z.string().nullable(),
  })
  .openapi('ReturnsSummary');

export type ReturnsByDay = z.infer<typeof ReturnsByDay>;
export type ReturnsByWard = z.infer<typeof ReturnsByWard>;
export type ReturnsBySchool = z.infer<typeof ReturnsBySchool>;
export type ReturnsSummary = z.infer<typeof ReturnsSummary>;
export type DropOut = z.infer<typeof DropOut>;
