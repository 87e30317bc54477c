import { startForwardingProxy, type ForwardedRequest, type UpstreamAnswer } from './forwarding-proxy';

export interface GatedProxy {
  readonly url: string;
  readonly forwarded: readonly ForwardedRequest[];
  /**
   * From now on, MTurk's answers to the requests `holdIf` picks are kept back (MTurk has acted; the client waits).
   * A test shuts the gate to look at the app mid-work — a progress bar, a Cancel button — without relying on pace.
   */
  shut(holdIf?: (request: ForwardedRequest) => boolean): void;
  /** From now on, MTurk's answers to the requests `loseIf` picks are lost (MTurk has acted; the client never hears). */
  lose(loseIf: (request: ForwardedRequest) => boolean): void;
  /** Resolves once at least `count` answers are held. */
  whenHolding(count?: number): Promise<void>;
  /** Sends every held answer on and lets all later ones through (lost ones too). */
  open(): void;
  close(): Promise<void>;
}

/**
 * A proxy in front of a Local MTurk that can hold MTurk's answers until the test lets them go: the app's
 * in-between states (syncing, a job running) become states a test waits for instead of moments it races.
 */
export async function startGatedProxy(target: string): Promise<GatedProxy> {
  let holdIf: ((request: ForwardedRequest) => boolean) | null = null;
  let loseIf: ((request: ForwardedRequest) => boolean) | null = null;
  const held: UpstreamAnswer[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const wake = (): void => {
    for (const waiter of [...waiters]) {
      if (held.length < waiter.count) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const proxy = await startForwardingProxy(target, (answer) => {
    if (loseIf?.(answer.request)) return answer.lose();
    if (!holdIf?.(answer.request)) return answer.relay();
    held.push(answer);
    wake();
  });
  return {
    url: proxy.url,
    forwarded: proxy.forwarded,
    shut: (pick = () => true) => {
      holdIf = pick;
    },
    lose: (pick) => {
      loseIf = pick;
    },
    whenHolding: (count = 1) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        wake();
      }),
    open: () => {
      holdIf = null;
      loseIf = null;
      held.splice(0).forEach((answer) => answer.relay());
    },
    close: () => {
      held.splice(0).forEach((answer) => answer.lose());
      return proxy.close();
    },
  };
}
