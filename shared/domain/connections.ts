import { z } from 'zod';

/**
 * Where a connection points. `local` is the built-in Local MTurk; `custom` is any other
 * endpoint speaking the MTurk wire protocol (a standalone Local MTurk, a proxy…).
 */
export const CONNECTION_KINDS = ['local', 'sandbox', 'production', 'custom'] as const;
export const connectionKindSchema = z.enum(CONNECTION_KINDS);
export type ConnectionKind = z.infer<typeof connectionKindSchema>;

/** MTurk only exists in us-east-1; both AWS endpoints sign with this region. */
export const MTURK_REGION = 'us-east-1';
export const PRODUCTION_ENDPOINT = 'https://mturk-requester.us-east-1.amazonaws.com';
export const SANDBOX_ENDPOINT = 'https://mturk-requester-sandbox.us-east-1.amazonaws.com';

const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'an environment variable name: letters, digits and _');

/**
 * Where the keys come from. `stored` keys were typed into the app and are kept encrypted by
 * the main process: this type deliberately has no room for the keys themselves.
 */
export const credentialSourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('profile'), profile: z.string().trim().min(1) }),
  z.object({
    type: z.literal('env'),
    /** Other variable names than AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, e.g. to keep a lab's two accounts apart. */
    accessKeyIdVar: envVarName.optional(),
    secretAccessKeyVar: envVarName.optional(),
  }),
  z.object({ type: z.literal('stored') }),
  z.object({ type: z.literal('local') }),
]);
export type CredentialSource = z.infer<typeof credentialSourceSchema>;

const endpointUrlSchema = z
  .string()
  .trim()
  .refine((text) => /^https?:\/\/[^\s/]+/.test(text), { message: 'Endpoint must be an http(s) URL' });

export const connectionConfigSchema = z
  .object({
    id: z.string().trim().min(1),
    label: z.string().trim().min(1),
    kind: connectionKindSchema,
    /** Required for `custom`; for `local` it is the running Local MTurk's URL when known. */
    endpoint: endpointUrlSchema.optional(),
    region: z.string().trim().min(1).default(MTURK_REGION),
    credentials: credentialSourceSchema,
    /**
     * The pace Turkbench keeps on this connection. AWS publishes no limit; unset means the AWS-safe
     * default (about 2/s). A standalone Local MTurk or a generous proxy can take far more.
     */
    requestsPerSecond: z.number().min(0.2).max(1000).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.kind === 'custom' && config.endpoint === undefined) {
      ctx.addIssue({ code: 'custom', path: ['endpoint'], message: 'A custom connection needs an endpoint URL' });
    }
    if (config.kind !== 'local' && config.credentials.type === 'local') {
      ctx.addIssue({
        code: 'custom',
        path: ['credentials'],
        message: 'Local credentials only work with the built-in Local MTurk',
      });
    }
  });
export type ConnectionConfig = z.infer<typeof connectionConfigSchema>;

/** Real money moves only on production; the UI guards every spending action with this. */
export function isProduction(config: Pick<ConnectionConfig, 'kind'>): boolean {
  return config.kind === 'production';
}

/** The URL a connection talks to, or null for a Local MTurk whose URL is not known yet. */
export function endpointFor(config: Pick<ConnectionConfig, 'kind' | 'endpoint'>): string | null {
  switch (config.kind) {
    case 'production':
      return PRODUCTION_ENDPOINT;
    case 'sandbox':
      return SANDBOX_ENDPOINT;
    case 'local':
    case 'custom':
      return config.endpoint ?? null;
  }
}
