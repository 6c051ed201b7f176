/**
 * Virtual time for the rate control: a clock whose timers fire when the simulation says (also late,
 * as after a blocked event loop), and a provider that enforces a token-bucket limit the way the
 * bench's mock does, shared by several simulated senders (processes).
 */
import { RateController, type Clock } from '../../nodes/shared/throttle';

export class VirtualClock implements Clock {
	time = 0;

	private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];

	private seq = 0;

	/** Periods in which nothing runs: a timer due inside one fires at its end. */
	stalls: Array<{ from: number; to: number }> = [];

	now(): number {
		return this.time;
	}

	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve }));
	}

	/** Runs every timer due up to `until` (virtual ms), in order, letting promise chains settle between them. */
	async runUntil(until: number): Promise<void> {
		for (;;) {
			await settle();
			if (!this.timers.length) break;
			this.timers.sort((a, b) => this.firesAt(a.at) - this.firesAt(b.at) || a.seq - b.seq);
			const firesAt = this.firesAt(this.timers[0].at);
			if (firesAt > until) break;
			this.time = Math.max(this.time, firesAt);
			// Everything due by now fires together, as after a stall.
			const due = this.timers.filter((timer) => this.firesAt(timer.at) <= this.time);
			this.timers = this.timers.filter((timer) => !due.includes(timer));
			for (const timer of due) timer.resolve();
		}
		this.time = Math.max(this.time, until);
		await settle();
	}

	private firesAt(at: number): number {
		const stall = this.stalls.find((candidate) => at > candidate.from && at < candidate.to);
		return stall ? stall.to : at;
	}
}

/** Lets every pending promise continuation run (no real I/O is involved). */
async function settle(): Promise<void> {
	for (let round = 0; round < 3; round++) await new Promise((resolve) => setImmediate(resolve));
}

/** A provider's limit: a token bucket of `rate` per second holding at most `burst`, starting full. */
export class BucketProvider {
	private tokens: number;

	private countedAt = 0;

	served: number[] = [];

	rateLimited = 0;

	constructor(
		readonly rate: number,
		readonly burst: number,
	) {
		this.tokens = burst;
	}

	/** Whether a request arriving at `now` is served (false: 429). */
	arrive(now: number): boolean {
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.countedAt) / 1000) * this.rate);
		this.countedAt = now;
		if (this.tokens < 1) {
			this.rateLimited++;
			return false;
		}
		this.tokens -= 1;
		this.served.push(now);
		return true;
	}

}

/** Most of the (sorted) times within any window of `ms`. */
export function mostInWindow(sortedTimes: number[], ms: number): number {
	let best = 0;
	for (let start = 0, end = 0; end < sortedTimes.length; end++) {
		while (sortedTimes[end] - sortedTimes[start] >= ms) start++;
		best = Math.max(best, end - start + 1);
	}
	return best;
}

export interface SimulatedSender {
	controller: RateController;
	/** Requests to send; the sender stops when they are all served. */
	items: number;
	/** When it begins, virtual ms. */
	startAt?: number;
	concurrency?: number;
}

export interface SenderOutcome {
	served: number;
	rateLimited: number;
	finishedAt?: number;
}

/**
 * Runs senders against one provider: each keeps `concurrency` requests going, every answer takes
 * `latencyMs`, a 429 lowers its controller's rate and that request alone waits `retryAfterMs`.
 */
export async function simulate(
	clock: VirtualClock,
	provider: BucketProvider,
	senders: SimulatedSender[],
	options: { latencyMs: number; retryAfterMs: number; untilMs: number; jitterMs?: number; seed?: number },
): Promise<SenderOutcome[]> {
	const outcomes = senders.map((): SenderOutcome => ({ served: 0, rateLimited: 0 }));
	const random = seededRandom(options.seed ?? 1);
	senders.forEach((sender, index) => {
		const outcome = outcomes[index];
		let next = 0;
		const worker = async () => {
			if (sender.startAt) await clock.sleep(sender.startAt - clock.now());
			while (next < sender.items) {
				next++;
				for (;;) {
					const slot = await sender.controller.acquire();
					// The way to the provider takes a little longer for some requests than for others.
					const jitter = random() * (options.jitterMs ?? 0);
					if (jitter) await clock.sleep(jitter);
					const served = provider.arrive(clock.now());
					await clock.sleep(options.latencyMs - jitter);
					if (served) break;
					outcome.rateLimited++;
					sender.controller.congested(slot);
					await clock.sleep(options.retryAfterMs);
				}
				outcome.served++;
				if (outcome.served === sender.items) outcome.finishedAt = clock.now();
			}
		};
		for (let n = 0; n < (sender.concurrency ?? 16); n++) void worker();
	});
	await clock.runUntil(options.untilMs);
	return outcomes;
}

/** A small deterministic PRNG (mulberry32), so that simulations repeat exactly. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
