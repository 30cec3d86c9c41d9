import { DEMO_CAMPAIGNS, DEMO_LEAD_TYPES } from './data/demo-catalog';
import { arrivalTimes, demoLeadInput } from './demo-leads';
import { DILIGENCE, DiligenceName, planOffer, RepStep } from './diligence';
import { Random } from './random';

const NOW = new Date('2026-03-02T09:00:00Z');
const FROM = new Date(NOW.getTime() - 90 * 86_400_000);

const leads = (seed: number, count = 200) => {
  const random = new Random(seed);
  return arrivalTimes(random, FROM, NOW, count).map((at, i) => ({ at, input: demoLeadInput(random, i + 1, at, NOW) }));
};
const plans = (name: DiligenceName, seed = 7, count = 2000) => {
  const random = new Random(seed);
  return Array.from({ length: count }, () => planOffer(DILIGENCE[name], random));
};

/** Where each action may stand in a plan: the rep answers the offer, contacts, rates, then closes. */
const ORDER: Record<RepStep['action'], number> = { accept: 0, decline: 0, contact: 1, qualified: 2, disqualified: 2, recycled: 2, opportunity: 3, won: 4, lost: 4 };
const CLOCK_ORDER = { accept: 0, contact: 1, feedback: 2 };

describe('demo lead arrivals', () => {
  const story = leads(7);

  it('gives the same leads for the same seed, and others for another seed', () => {
    expect(JSON.stringify(leads(7))).toBe(JSON.stringify(story));
    expect(JSON.stringify(leads(8))).not.toBe(JSON.stringify(story));
  });

  it('spreads the requested number of arrivals over the story, in time order', () => {
    expect(story).toHaveLength(200);
    const times = story.map((l) => l.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(FROM.getTime());
    expect(times[times.length - 1]).toBeLessThan(NOW.getTime());
  });

  it('makes each lead what intake takes: a known lead type and campaign, a unique buyer', () => {
    const types = new Set(DEMO_LEAD_TYPES.map((t) => t.key));
    const campaigns = new Set(DEMO_CAMPAIGNS.map((c) => c.key));
    for (const { input } of story) {
      expect(types.has(input.leadType)).toBe(true);
      if (input.campaign) expect(campaigns.has(input.campaign)).toBe(true);
      expect(input.email).toMatch(/^[a-z]+\.[a-z]+\.\d+@[a-z0-9]+\.[a-z.]+$/);
      expect(input.company.length).toBeGreaterThan(0);
    }
    expect(new Set(story.map((l) => l.input.email)).size).toBe(story.length);
  });

  it('honours a pin: the scripted leads ask what the story needs', () => {
    const input = demoLeadInput(new Random(3), 1, NOW, NOW, { leadType: 'urgent-callback', country: 'DE', postalPrefix: '80', product: 'networking' });
    expect(input).toMatchObject({ leadType: 'urgent-callback', country: 'DE', productInterest: 'networking' });
    expect(input.postalCode).toMatch(/^80\d{3}$/);
  });
});

describe('a rep’s plan for an offer', () => {
  it('is the same for the same seed', () => {
    expect(JSON.stringify(plans('sloppy'))).toBe(JSON.stringify(plans('sloppy')));
    expect(JSON.stringify(plans('sloppy', 8))).not.toBe(JSON.stringify(plans('sloppy')));
  });

  it.each(Object.keys(DILIGENCE) as DiligenceName[])('takes its steps in order (%s)', (name) => {
    for (const plan of plans(name)) {
      if (plan.length === 0) continue;
      expect(['accept', 'decline']).toContain(plan[0].action);
      if (plan[0].action === 'decline') expect(plan).toHaveLength(1);
      plan.forEach((step, i) => {
        if (i > 0) expect(ORDER[step.action]).toBeGreaterThan(ORDER[plan[i - 1].action]);
        if ('afterHours' in step) expect(step.afterHours).toBeGreaterThan(0);
        else expect(step.share).toBeGreaterThan(0);
      });
      // Clock-timed steps come first, in the order the clocks run; the steps after the verdict follow one another.
      const clocked = plan.filter((s): s is Extract<RepStep, { clock: string }> => 'clock' in s);
      expect(plan.slice(0, clocked.length)).toEqual(clocked);
      const order = clocked.map((s) => CLOCK_ORDER[s.clock]);
      expect(order).toEqual([...order].sort());
    }
  });

  it('never has an exemplary rep late, nor lets an offer lapse', () => {
    for (const plan of plans('exemplary')) {
      expect(plan.length).toBeGreaterThan(0);
      for (const step of plan) if ('share' in step) expect(step.share).toBeLessThan(1);
    }
  });

  it('has a negligent rep late and lapsing often', () => {
    const all = plans('negligent');
    expect(all.filter((p) => p.length === 0).length).toBeGreaterThan(all.length * 0.2);
    expect(all.flat().filter((s) => 'share' in s && s.share > 1).length).toBeGreaterThan(0);
  });
});
