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

export const LABEL_MAX_LENGTH = 80;

/**
 * AWS region syntax (us-east-1, eu-central-1, us-gov-west-1, cn-north-1). MTurk itself only exists in
 * us-east-1, but a custom endpoint (a proxy, a standalone Local MTurk) may sign with any region.
 */
const REGION_PATTERN = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** Why an endpoint is unusable, in words for the form; null when it is fine. */
export function endpointProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Endpoint: enter a full URL such as https://mturk-requester.us-east-1.amazonaws.com or http://127.0.0.1:9440';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Endpoint: use an http:// or https:// URL';
  if (!url.hostname) return 'Endpoint: the URL needs a host name';
  // Credentials in a URL end up in logs, screenshots and the settings screen: keys belong in the credentials.
  if (url.username || url.password) return 'Endpoint: remove the user name and password (user:pass@); keys go under Credentials';
  if (url.search || url.hash || text.includes('?') || text.includes('#')) return 'Endpoint: remove the ?query and #fragment; an endpoint is just scheme, host, port and path';
  return null;
}

const endpointUrlSchema = z
  .string()
  .trim()
  .max(2048, 'Endpoint: use at most 2048 characters')
  .superRefine((text, ctx) => {
    const problem = endpointProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const connectionConfigSchema = z
  .object({
    id: z.string().trim().min(1),
    label: z
      .string()
      .trim()
      .min(1, 'Label: enter a name for this connection')
      .max(LABEL_MAX_LENGTH, `Label: use at most ${LABEL_MAX_LENGTH} characters`),
    kind: connectionKindSchema,
    /** Required for `custom`; for `local` it is the running Local MTurk's URL when known. */
    endpoint: endpointUrlSchema.optional(),
    region: z
      .string()
      .trim()
      .regex(REGION_PATTERN, 'Region: use an AWS region name such as us-east-1')
      .default(MTURK_REGION),
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
    if ((config.kind === 'sandbox' || config.kind === 'production') && config.region !== MTURK_REGION) {
      ctx.addIssue({ code: 'custom', path: ['region'], message: `Region: MTurk only exists in ${MTURK_REGION}` });
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
