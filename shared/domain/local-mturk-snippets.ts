/**
 * Ready-to-paste ways to point boto3 and the AWS CLI at the built-in Local MTurk. Without the secret (not revealed)
 * the snippets carry a placeholder where it goes.
 */
export interface LocalMTurkKeys {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey?: string;
}

export const SECRET_PLACEHOLDER = 'PASTE-THE-SECRET-ACCESS-KEY';

export interface ClientSnippets {
  readonly boto3: string;
  readonly awsCli: string;
}

export function clientSnippets(keys: LocalMTurkKeys): ClientSnippets {
  const secret = keys.secretAccessKey ?? SECRET_PLACEHOLDER;
  const boto3 = [
    'import boto3',
    '',
    'mturk = boto3.client(',
    "    'mturk',",
    `    endpoint_url='${keys.endpoint}',`,
    `    region_name='${keys.region}',`,
    `    aws_access_key_id='${keys.accessKeyId}',`,
    `    aws_secret_access_key='${secret}',`,
    ')',
    "print(mturk.get_account_balance()['AvailableBalance'])",
  ].join('\n');
  const awsCli = [
    `export AWS_ACCESS_KEY_ID=${keys.accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY='${secret}'`,
    `aws mturk get-account-balance --endpoint-url ${keys.endpoint} --region ${keys.region}`,
  ].join('\n');
  return { boto3, awsCli };
}
