import { ok } from '../../shared/result';
import type { Handler } from '../core/handlers';
import type { BonusLedgerService } from '../services/bonuses/bonus-ledger-service';

/** The file travels as base64 (its bytes, undecoded), so the service can name a wrong encoding. */
const fileOf = ({ fileName, base64, capCents, allowRejected }: { fileName: string; base64: string; capCents?: number; allowRejected?: boolean }) => ({
  fileName,
  bytes: Buffer.from(base64, 'base64'),
  ...(capCents === undefined ? {} : { capCents }),
  ...(allowRejected === undefined ? {} : { allowRejected }),
});

export function createBonusHandlers(service: BonusLedgerService) {
  const check: Handler<'bonuses.check'> = (input) => service.check(fileOf(input));
  const send: Handler<'bonuses.send'> = (input) => service.send({ ...fileOf(input), name: input.name, typedConnectionName: input.typedConnectionName });
  const checkRows: Handler<'bonuses.checkRows'> = ({ name, rows, capCents, allowRejected }) =>
    service.check({ fileName: name, rows, ...(capCents === undefined ? {} : { capCents }), ...(allowRejected === undefined ? {} : { allowRejected }) });
  const sendRows: Handler<'bonuses.sendRows'> = ({ name, rows, capCents, allowRejected, typedConnectionName }) =>
    service.send({ fileName: name, name, rows, typedConnectionName, ...(capCents === undefined ? {} : { capCents }), ...(allowRejected === undefined ? {} : { allowRejected }) });
  const ledgers: Handler<'bonuses.ledgers'> = () => Promise.resolve(ok(service.ledgers()));
  const status: Handler<'bonuses.status'> = (input) => Promise.resolve(service.status(input.ledgerId));
  const reconcile: Handler<'bonuses.reconcile'> = (input) => service.reconcile(input?.ledgerId);
  return { 'bonuses.check': check, 'bonuses.send': send, 'bonuses.checkRows': checkRows, 'bonuses.sendRows': sendRows, 'bonuses.ledgers': ledgers, 'bonuses.status': status, 'bonuses.reconcile': reconcile } as const;
}
