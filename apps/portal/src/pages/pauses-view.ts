import { formatInstant } from '@leadgate/common';
import type { PartnerPauseDto } from '@leadgate/partners';

const STATE_TEXT: Record<PartnerPauseDto['state'], string> = {
  scheduled: 'planned',
  running: 'paused now',
  over: 'over',
  called_off: 'called off',
};

/** A partner's pauses as the pauses partial and page show them, in `zone`; a planned or running one can be ended. */
export function pausesView(pauses: PartnerPauseDto[], zone: string) {
  const rows = pauses.map((pause) => ({
    id: pause.id,
    fromText: formatInstant(pause.from, zone),
    untilText: formatInstant(pause.until, zone),
    reason: pause.reason,
    stateText: STATE_TEXT[pause.state],
    endable: pause.state === 'scheduled' || pause.state === 'running',
    endLabel: pause.state === 'running' ? 'End this pause now' : 'Call off this pause',
  }));
  const running = pauses.find((pause) => pause.state === 'running');
  return { pauses: rows, pausedUntil: running ? formatInstant(running.until, zone) : null };
}
