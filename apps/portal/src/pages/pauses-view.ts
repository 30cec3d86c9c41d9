import { formatInstant } from '@leadgate/common';
import type { PartnerPauseDto } from '@leadgate/partners';

const STATE_TEXT: Record<PartnerPauseDto['state'], string> = {
  scheduled: 'planned',
  running: 'paused now',
  over: 'over',
  called_off: 'called off',
};

/** A partner's pauses as the pauses partial shows them, current and planned first, in the viewer's zone. */
export function pausesView(pauses: PartnerPauseDto[], zone: string) {
  const rows = pauses.map((pause) => ({
    fromText: formatInstant(pause.from, zone),
    untilText: formatInstant(pause.until, zone),
    reason: pause.reason,
    stateText: STATE_TEXT[pause.state],
  }));
  const running = pauses.find((pause) => pause.state === 'running');
  return { pauses: rows, pausedUntil: running ? formatInstant(running.until, zone) : null };
}
