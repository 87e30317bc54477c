import { startForwardingProxy, type ForwardedRequest } from './forwarding-proxy';

export type { ForwardedRequest } from './forwarding-proxy';

/** What happens to MTurk's answer to one request: relayed, lost after MTurk acted on it, or replaced by a throttle. */
export type Fate = 'answer' | 'lose-answer' | 'throttle';

const THROTTLED = JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' });

/**
 * A proxy in front of a Local MTurk that relays each answer or closes the client's connection without a byte:
 * the "answer lost after execution" case that the Local MTurk's own --drop-rate (which drops before executing)
 * cannot produce. A 'throttle' answers MTurk's "Rate exceeded" instead, on exactly the requests chosen (for reads),
 * where the Local MTurk's own --rate-limit depends on how fast this machine happens to be.
 */
export function startLossyProxy(target: string, fate: (request: ForwardedRequest, index: number) => Fate) {
  return startForwardingProxy(target, (answer) => {
    const chosen = fate(answer.request, answer.index);
    if (chosen === 'lose-answer') answer.lose();
    else if (chosen === 'throttle') answer.replace(400, THROTTLED);
    else answer.relay();
  });
}
