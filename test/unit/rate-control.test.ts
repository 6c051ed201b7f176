import { Pacer, RateController, type Slot } from '../../nodes/shared/throttle';
import { BucketProvider, VirtualClock, mostInWindow, seededRandom, simulate } from '../harness/virtual-time';

/** Start times of `count` requests taken from `pacer` back to back, in virtual time. */
async function startTimes(clock: VirtualClock, take: () => Promise<number>, count: number, untilMs: number): Promise<number[]> {
	const times: number[] = [];
	for (let n = 0; n < count; n++) void take().then((at) => times.push(at));
	await clock.runUntil(untilMs);
	return times.sort((a, b) => a - b);
}

describe('Pacer: never more starts than the rate and the burst allow', () => {
	test('evenly spaced at the rate, one at a time after idling', async () => {
		const clock = new VirtualClock();
		const pacer = new Pacer(() => 100, () => 10, clock);
		const times = await startTimes(clock, async () => (await pacer.take()).at, 300, 10_000);
		expect(times).toHaveLength(300);
		expect(times[299]).toBeGreaterThanOrEqual(2980);
		expect(mostInWindow(times, 100)).toBeLessThanOrEqual(11);
		// Idle at first: nothing was saved up, so only one starts at time 0.
		expect(times.filter((at) => at === 0)).toHaveLength(1);
	});

	test('after a stall (late timers) at most the burst starts at once, and the slots of the stall are not made up', async () => {
		const clock = new VirtualClock();
		// The event loop is blocked for 200 ms once a second.
		clock.stalls = Array.from({ length: 10 }, (_, n) => ({ from: n * 1000 + 500, to: n * 1000 + 700 }));
		const pacer = new Pacer(() => 100, () => 10, clock);
		const times = await startTimes(clock, async () => (await pacer.take()).at, 1000, 20_000);
		expect(times).toHaveLength(1000);
		for (const stall of clock.stalls) expect(times.filter((at) => at > stall.from && at < stall.to)).toEqual([]);
		// Right after each stall: the burst, and no backlog of the 20 slots the stall held back.
		for (const stall of clock.stalls) expect(times.filter((at) => at === stall.to).length).toBeLessThanOrEqual(10);
		expect(mostInWindow(times, 1000)).toBeLessThanOrEqual(100 + 10);
		for (let window = 0; window + 200 <= 9000; window += 50) {
			const inWindow = times.filter((at) => at >= window && at < window + 200).length;
			expect([window, Math.min(inWindow, 20 + 10)]).toEqual([window, inWindow]);
		}
	});

	test('slots are released a little late at random, never in lockstep with the provider, and the rate stays exact', async () => {
		const clock = new VirtualClock();
		const pacer = new Pacer(() => 25, () => 2, clock, () => 0, seededRandom(5));
		const times = await startTimes(clock, async () => (await pacer.take()).at, 251, 20_000);
		const gaps = times.slice(1).map((at, n) => at - times[n]);
		// Spread over up to half a slot (20 ms at 25/s) …
		expect(new Set(gaps).size).toBeGreaterThan(10);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(40 - 20);
		// … without losing any: 250 slots at 25/s take 10 s.
		expect(times[250] - times[0]).toBeGreaterThanOrEqual(10_000);
		expect(times[250] - times[0]).toBeLessThanOrEqual(10_000 + 20);
	});

	test('a hold (an exhausted quota) starts nothing until it ends, also for those already in line', async () => {
		const clock = new VirtualClock();
		let heldUntil = 0;
		const pacer = new Pacer(() => 50, () => 1, clock, () => heldUntil);
		const times: number[] = [];
		for (let n = 0; n < 5; n++) void pacer.take().then(({ at }) => times.push(at));
		await clock.runUntil(30);
		heldUntil = 1000;
		await clock.runUntil(5000);
		expect(times.filter((at) => at > 30 && at < 1000)).toEqual([]);
		expect(times).toHaveLength(5);
	});
});

describe('RateController: congestion control per credential and process', () => {
	test('a 429 lowers the rate multiplicatively from the rate at which it happened; earlier requests lower nothing more', async () => {
		const clock = new VirtualClock();
		const controller = new RateController(100, 10, clock);
		const slots: Slot[] = [];
		// Sending 20/s, far below the 100/s allowed.
		for (let n = 0; n < 30; n++) {
			slots.push(await acquireAt(clock, controller));
			await clock.runUntil(clock.now() + 50);
		}
		controller.congested(slots[29]);
		const lowered = controller.rateAt();
		expect(lowered).toBeGreaterThan(20 * 0.5);
		expect(lowered).toBeLessThan(20 * 0.7);
		// Answers to requests sent before the decrease are already answered for by it.
		controller.congested(slots[28]);
		controller.congested(slots[10]);
		expect(controller.rateAt()).toBe(lowered);
	});

	test('a 429 on a request of a burst (after a stall) shrinks the burst and keeps the rate; the burst grows back slowly', async () => {
		const clock = new VirtualClock();
		const controller = new RateController(100, 10, clock);
		const slots: Slot[] = [];
		for (let n = 0; n < 20; n++) void controller.acquire().then((slot) => slots.push(slot));
		await clock.runUntil(100);
		// The event loop is blocked for 200 ms: afterwards the saved-up slots start together.
		clock.stalls = [{ from: 100, to: 300 }];
		for (let n = 0; n < 20; n++) void controller.acquire().then((slot) => slots.push(slot));
		await clock.runUntil(301);
		const burst = slots.filter((slot) => slot.startedAt === 300);
		expect(burst.length).toBe(10);
		expect(burst.filter((slot) => slot.fromBurst).length).toBeGreaterThanOrEqual(8);
		expect(slots.filter((slot) => slot.startedAt < 100).every((slot) => !slot.fromBurst)).toBe(true);
		controller.congested(burst.find((slot) => slot.fromBurst)!);
		controller.congested(burst.filter((slot) => slot.fromBurst)[1]);
		expect([controller.rateAt(), controller.burstAt()]).toEqual([100, 9]);
		await clock.runUntil(31_000);
		expect(controller.burstAt()).toBe(10);
		// A quota nearly used up is about the rate, whichever request the answer belonged to.
		controller.congested(burst.filter((slot) => slot.fromBurst)[2], true);
		expect([controller.rateAt() < 100, controller.burstAt()]).toEqual([true, 10]);
	});

	test('the rate climbs back with time alone (no successes needed) and a lone sender reaches the full limit', async () => {
		const clock = new VirtualClock();
		const controller = new RateController(25, 2, clock, seededRandom(7));
		const slot = await acquireAt(clock, controller);
		await clock.runUntil(1000);
		controller.congested(slot);
		const lowered = controller.rateAt();
		expect(lowered).toBeLessThan(25);
		await clock.runUntil(4000);
		const later = controller.rateAt();
		expect(later).toBeGreaterThan(lowered);
		await clock.runUntil(20_000);
		expect(controller.rateAt()).toBe(25);
	});

	test.each([2, 3])('%i processes sharing one provider limit converge to within 10 %% of it together, with few 429s', async (processes) => {
		const clock = new VirtualClock();
		const provider = new BucketProvider(25, 10);
		const senders = Array.from({ length: processes }, (_, index) => ({ controller: new RateController(25, 2, clock, seededRandom(20 + index)), items: 10_000 }));
		await simulate(clock, provider, senders, { latencyMs: 50, retryAfterMs: 1000, untilMs: 90_000, jitterMs: 5, seed: 7 });
		// After the first half minute, everyone together is served within 10 % of the limit …
		const served = provider.served.filter((at) => at >= 30_000 && at < 90_000).length / 60;
		expect(served).toBeGreaterThanOrEqual(25 * 0.9);
		expect(served).toBeLessThanOrEqual(25 * 1.1);
		// … and they do not collide every few requests.
		expect(provider.rateLimited / provider.served.length).toBeLessThan(0.05);
	});

	test('a sender left alone climbs back to the full limit after its partner stops', async () => {
		const clock = new VirtualClock();
		const provider = new BucketProvider(25, 10);
		const [stays, leaves] = [new RateController(25, 2, clock, seededRandom(11)), new RateController(25, 2, clock, seededRandom(12))];
		const outcomes = await simulate(clock, provider, [{ controller: stays, items: 1200 }, { controller: leaves, items: 300 }], {
			latencyMs: 50,
			retryAfterMs: 1000,
			untilMs: 200_000,
			jitterMs: 5,
			seed: 3,
		});
		const partnerDone = outcomes[1].finishedAt!;
		const lastServed = outcomes[0].finishedAt!;
		expect(lastServed - partnerDone).toBeGreaterThan(20_000);
		const lastTen = provider.served.filter((at) => at >= lastServed - 10_000).length / 10;
		expect(lastTen).toBeGreaterThanOrEqual(25 * 0.9);
	});
});

async function acquireAt(clock: VirtualClock, controller: RateController) {
	let slot: Slot | undefined;
	void controller.acquire().then((taken) => (slot = taken));
	while (!slot) await clock.runUntil(clock.now() + 1);
	return slot;
}
