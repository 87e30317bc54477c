import { randomBytes } from 'node:crypto';
import { connectionConfigSchema, endpointFor, isProduction, type ConnectionConfig } from '../../shared/domain/connections';
import { displayMoney } from '../../shared/domain/money';
import { allowOnly, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure, table } from '../output';
import type { Session } from '../session';

export async function connectionsVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const [, sub, name] = command.words;
  const { connections } = session.services;
  const { out } = session;
  switch (sub) {
    case 'list':
    case undefined: {
      allowOnly(command, 'connections list', []);
      const overview = connections.overview();
      const rows = overview.connections.map((view) => ({
        id: view.config.id,
        name: view.config.label,
        kind: view.config.kind,
        endpoint: endpointFor(view.config) ?? '(built in)',
        active: view.active,
        production: view.production,
      }));
      out.result(rows, () => table(['', 'NAME', 'KIND', 'ENDPOINT'], rows.map((r) => [r.active ? '*' : '', r.name, r.production ? 'PRODUCTION' : r.kind, r.endpoint])));
      return;
    }
    case 'add': {
      allowOnly(command, 'connections add', ['name', 'endpoint', 'region', 'kind', 'requests-per-second', 'profile', 'access-key-id-env', 'secret-access-key-env']);
      const config = configFrom(command);
      const saved = connections.save(config);
      if (!saved.ok) throw CliFailure.from(saved.error);
      out.result(saved.value.config, () => `Added "${config.label}" (${config.kind}${config.endpoint ? `, ${config.endpoint}` : ''}). Test it with: turkbench connections test "${config.label}"`);
      return;
    }
    case 'test': {
      allowOnly(command, 'connections test', []);
      const context = name ? byName(session, name) : session.context();
      const tested = await connections.test(context.config.id);
      if (!tested.ok) throw CliFailure.from(tested.error);
      out.result(tested.value, () => `${context.config.label}: OK — balance ${displayMoney(tested.value.balanceCents)}, ${tested.value.latencyMs} ms (${tested.value.endpoint})`);
      return;
    }
    case 'use': {
      allowOnly(command, 'connections use', ['confirm-name']);
      if (!name) throw new CliFailure('Say which connection: turkbench connections use NAME', 2);
      const context = byName(session, name);
      if (isProduction(context.config)) {
        const typed = await confirm({ asker, yes: command.global.yes, question: `Switch to ${context.config.label}: every action from then on spends real money.`, typeToConfirm: context.config.label, confirmName: command.options['confirm-name'] as string | undefined });
        if (typed !== context.config.label) throw new CliFailure(`The name typed does not match "${context.config.label}"; nothing changed.`, 1);
      }
      const status = await connections.activate(context.config.id, true);
      if (!status.ok) throw CliFailure.from(status.error);
      out.result(status.value, () => `Now using ${context.config.label} (${status.value.state}${status.value.detail ? `: ${status.value.detail}` : ''}).`);
      return;
    }
    case 'edit': {
      const editable = ['name', 'endpoint', 'region', 'requests-per-second', 'profile', 'access-key-id-env', 'secret-access-key-env'];
      allowOnly(command, 'connections edit', editable);
      if (!name) throw new CliFailure('Say which connection: turkbench connections edit NAME [--name N] [--endpoint URL] [--region R] [--requests-per-second N] [--profile P | --access-key-id-env VAR --secret-access-key-env VAR]', 2);
      const { config } = byName(session, name);
      if (config.kind === 'local') throw new CliFailure('The built-in Local MTurk has nothing to edit.', 2);
      if (!editable.some((option) => command.options[option] !== undefined)) throw new CliFailure('Nothing to change: give --name, --endpoint, --region, --requests-per-second, --profile or the --…-env variables.', 2);
      const newName = command.options.name;
      const taken = typeof newName === 'string' && connections.overview().connections.find((v) => v.config.id !== config.id && v.config.label.trim().toLowerCase() === newName.trim().toLowerCase());
      // Names pick connections on the command line: two alike would make "use" or "remove" pick the wrong one.
      if (taken) throw new CliFailure(`--name ${newName}: another connection is called "${taken.config.label}"; choose another name.`, 2);
      const edited = editedConfig(config, command);
      const saved = connections.save(edited);
      if (!saved.ok) throw CliFailure.from(saved.error);
      out.result(saved.value.config, () => `Saved "${edited.label}" (${edited.kind}${edited.endpoint ? `, ${edited.endpoint}` : ''}, ${edited.region}${edited.requestsPerSecond === undefined ? '' : `, ${edited.requestsPerSecond} requests/s`}).`);
      return;
    }
    case 'remove': {
      allowOnly(command, 'connections remove', ['confirm-name']);
      if (!name) throw new CliFailure('Say which connection: turkbench connections remove NAME', 2);
      const { config } = byName(session, name);
      if (config.kind === 'local') throw new CliFailure('The built-in Local MTurk cannot be removed.', 2);
      // As in Settings: the connection in use is not removed from under whatever uses it; switching is a choice.
      if (connections.overview().connections.find((view) => view.config.id === config.id)?.active) {
        throw new CliFailure(`"${config.label}" is the connection in use. Switch first (turkbench connections use NAME), then remove this one.`, 1);
      }
      const question = `Remove "${config.label}": Turkbench forgets the connection and any keys stored for it. Its archive is kept (turkbench archive list), and is shown again if you add a connection to the same account.`;
      const typed = await confirm({ asker, yes: command.global.yes, question, typeToConfirm: isProduction(config) ? config.label : null, confirmName: command.options['confirm-name'] as string | undefined });
      if (isProduction(config) && typed !== config.label) throw new CliFailure(`The name typed does not match "${config.label}"; nothing changed.`, 1);
      const removed = connections.remove(config.id);
      if (!removed.ok) throw CliFailure.from(removed.error);
      out.result({ removed: config.id }, () => `Removed "${config.label}". Its archive is kept.`);
      return;
    }
    default:
      throw new CliFailure(`Unknown "connections ${sub}". Use: connections list | add | test [NAME] | use NAME | edit NAME | remove NAME`, 2);
  }
}

function byName(session: Session, name: string) {
  const found = session.services.contexts.byName(name);
  if (!found.ok) throw CliFailure.from(found.error);
  return found.value;
}

/** Where the keys come from, as the options say; undefined when they name none. */
function credentialsFrom(o: Record<string, string | undefined>): ConnectionConfig['credentials'] | undefined {
  if ((o['access-key-id-env'] === undefined) !== (o['secret-access-key-env'] === undefined)) {
    throw new CliFailure('Give both --access-key-id-env VAR and --secret-access-key-env VAR.', 2);
  }
  if (o.profile && o['access-key-id-env']) throw new CliFailure('Give either --profile or the --…-env variables, not both.', 2);
  if (o.profile) return { type: 'profile', profile: o.profile };
  if (o['access-key-id-env']) return { type: 'env', accessKeyIdVar: o['access-key-id-env'], secretAccessKeyVar: o['secret-access-key-env'] };
  return undefined;
}

/** The connection with what the options change; checked as a new one is, each problem naming its option. */
function editedConfig(config: ConnectionConfig, command: ParsedCommand): ConnectionConfig {
  const o = command.options as Record<string, string | undefined>;
  if (o.endpoint !== undefined && config.kind !== 'custom') throw new CliFailure(`--endpoint: "${config.label}" is a ${config.kind} connection; only a custom endpoint's address can change.`, 2);
  const credentials = credentialsFrom(o);
  return checkedConfig({
    ...config,
    ...(o.name === undefined ? {} : { label: o.name }),
    ...(o.endpoint === undefined ? {} : { endpoint: o.endpoint }),
    ...(o.region === undefined ? {} : { region: o.region }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(o['requests-per-second'] === undefined ? {} : { requestsPerSecond: Number(o['requests-per-second']) }),
  });
}

function checkedConfig(raw: Record<string, unknown>): ConnectionConfig {
  const parsed = connectionConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = { label: 'name', requestsPerSecond: 'requests-per-second', endpoint: 'endpoint', region: 'region' }[String(issue.path[0])] ?? String(issue.path.join('.'));
    throw new CliFailure(`--${flag}: ${issue.message}.`, 2);
  }
  return parsed.data;
}

function configFrom(command: ParsedCommand): ConnectionConfig {
  const o = command.options as Record<string, string | undefined>;
  if (!o.name) throw new CliFailure('connections add needs --name NAME.', 2);
  if (o.endpoint && o.kind) throw new CliFailure('Give either --endpoint URL (a custom endpoint) or --kind sandbox|production, not both.', 2);
  if (!o.endpoint && o.kind !== 'sandbox' && o.kind !== 'production') throw new CliFailure('connections add needs --endpoint URL, or --kind sandbox|production.', 2);
  const credentials = credentialsFrom(o) ?? { type: 'env' as const };
  const raw = {
    id: `${o.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'connection'}-${randomBytes(3).toString('hex')}`,
    label: o.name,
    kind: o.endpoint ? 'custom' : o.kind,
    endpoint: o.endpoint,
    region: o.region,
    credentials,
    requestsPerSecond: o['requests-per-second'] === undefined ? undefined : Number(o['requests-per-second']),
  };
  return checkedConfig(raw);
}
