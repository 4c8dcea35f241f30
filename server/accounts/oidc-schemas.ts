/** The shapes of the single sign-on routes (officer-oidc.ts). */
import { z } from '@hono/zod-openapi';

export const SignInOptions = z
  .object({
    password: z.literal(true).openapi({ description: 'Email and password sign-in (POST /api/officer/login) is always offered' }),
    oidc: z
      .object({
        label: z.string().openapi({ description: "The button's words (OIDC_LABEL)", example: 'Sign in with Microsoft' }),
        startUrl: z
          .string()
          .openapi({ description: 'Where the button goes (add ?next=/officer/… to come back to a page)', example: '/api/officer/oidc/start' }),
      })
      .nullable()
      .openapi({ description: 'Single sign-on, or null when it is not configured' }),
  })
  .openapi('SignInOptions');

export const OidcStartQuery = z.object({
  next: z.string().optional().openapi({ description: 'The officer page to open after signing in (another address is ignored)', example: '/officer/results' }),
});

export type SignInOptions = z.infer<typeof SignInOptions>;
