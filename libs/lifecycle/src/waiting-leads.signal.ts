// Something that may let a waiting (unallocated) lead be offered has committed: capacity freed, a partner
// reinstated, unpaused, added or changed. Libraries below allocation say so here; allocation listens.
import { Injectable } from '@nestjs/common';

@Injectable()
export class WaitingLeadsSignal {
  private readonly listeners: (() => void)[] = [];

  /** Call after the causing transaction committed; the listener runs in the background and never throws here. */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  listen(listener: () => void): void {
    this.listeners.push(listener);
  }
}
