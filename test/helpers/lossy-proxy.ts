import { startForwardingProxy, type ForwardedRequest } from './forwarding-proxy';

export type { ForwardedRequest } from './forwarding-proxy';

/** What happens to MTurk's answer to one request: relayed, or lost after MTurk acted on it. */
export type Fate = 'answer' | 'lose-answer';

/**
 * A proxy in front of a Local MTurk that relays each answer or closes the client's connection without a byte:
 * the "answer lost after execution" case that the Local MTurk's own --drop-rate (which drops before executing)
 * cannot produce.
 */
export function startLossyProxy(target: string, fate: (request: ForwardedRequest, index: number) => Fate) {
  return startForwardingProxy(target, (answer) => (fate(answer.request, answer.index) === 'lose-answer' ? answer.lose() : answer.relay()));
}
