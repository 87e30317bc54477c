import type { Handler } from '../core/handlers';
import type { LocalMTurkService } from '../services/local-mturk/local-mturk-service';

export function createLocalMTurkHandlers(service: LocalMTurkService) {
  const access: Handler<'localMTurk.access'> = () => service.access();
  const revealSecret: Handler<'localMTurk.revealSecret'> = () => service.revealSecret();
  const fillDemo: Handler<'localMTurk.fillDemo'> = ({ connectionId }) => service.fillDemo(connectionId);
  const events: Handler<'localMTurk.events'> = ({ after }) => service.events(after);
  const setCrowd: Handler<'localMTurk.setCrowd'> = ({ running }) => service.setCrowd(running);
  return { 'localMTurk.access': access, 'localMTurk.revealSecret': revealSecret, 'localMTurk.fillDemo': fillDemo, 'localMTurk.setCrowd': setCrowd, 'localMTurk.events': events } as const;
}
