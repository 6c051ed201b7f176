/**
 * What every provider must do, asserted once over all of them (and the toy provider of test/toy,
 * which has nothing but a credential, a descriptor folder and a fixture): the pickers' errors,
 * ids that are refused before anything is sent, URLs of other sites, and secrets kept out of every
 * output and error. Each provider's fixture (test/conformance/providers.ts) says what its answers,
 * ids and words look like; the providers' own files keep only what is theirs alone.
 */
import { WorkflowHasIssuesError } from 'n8n-core';
import type { INodeParameterResourceLocator, NodeParameterValueType } from 'n8n-workflow';

import { errorText, everything, failure } from '../harness/n8n';
import { freePort } from '../harness/prism';
import { startRecorder, type Recorder } from '../harness/recorder';
import { FIXTURES } from './providers';

const rl = (mode: 'list' | 'id' | 'url', value: string): INodeParameterResourceLocator => ({ __rl: true, mode, value });

/** Ids that would reach another endpoint if they were put in a path as they are. */
const HOSTILE_IDS = ['../x', 'x/y', 'x?y=1', 'x#y', '%2e%2e', 'x%2Fy', 'x y', 'x\ny', 'x ', '..', '.', 'x\\y'];

let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(async () => {
	await recorder?.close();
});

describe.each(FIXTURES)('%s', (_name, fixture) => {
	const { provider, dependentList: dependent } = fixture;
	const noSecret = (text: string) => {
		for (const secret of fixture.secrets) expect(text).not.toContain(secret);
	};
	const listDependent = (value: NodeParameterValueType | undefined, authentication?: string) =>
		fixture.list(
			recorder.url,
			{
				kind: 'listSearch',
				method: dependent.method,
				what: dependent.what,
				parameters: { ...dependent.parameters, ...(value === undefined ? {} : { [dependent.parameter]: value }) },
			},
			{ authentication },
		);

	beforeEach(() => {
		recorder.requests.length = 0;
		recorder.respond(fixture.respond ?? (() => ({ body: {} })));
	});

	describe.each(fixture.authentications ?? [undefined])('pickers (authentication: %s)', (authentication) => {
		test.each<[string, NodeParameterValueType | undefined]>([
			['absent', undefined],
			['empty', ''],
			['an empty list choice', rl('list', '')],
			['an empty ID', rl('id', '')],
			['an empty URL', rl('url', '')],
			['a URL of spaces', rl('url', '  ')],
		])('a list of what another id names, with that id %s: it must be chosen first, nothing sent', async (_case, value) => {
			const error = await failure(listDependent(value, authentication));
			expect(error.message).toBe(`"${dependent.label}" must be chosen first: this list shows the ${dependent.what}`);
			expect(error.description).toBe(`Needed to list ${dependent.what} from ${provider}.`);
			expect(recorder.requests).toHaveLength(0);
		});

		test.each<[string, NodeParameterValueType]>([
			['a plain expression', '={{ $json.invoice }}'],
			['an expression in By ID', rl('id', '={{ $json.invoice }}')],
			['an expression in From List', rl('list', `={{ "${dependent.id}" }}`)],
		])('that id as %s: the list cannot know it yet, nothing sent', async (_case, value) => {
			const error = await failure(listDependent(value, authentication));
			expect(error.message).toBe(
				`"${dependent.label}" is an expression, so this list cannot know it yet: choose it from its list or type its ID, or give this ID by expression too`,
			);
			expect(recorder.requests).toHaveLength(0);
		});

		test('that id as an ID with a slash: refused, nothing sent', async () => {
			const error = await failure(listDependent(rl('id', `${dependent.id}/../x`), authentication));
			expect(error.message).toBe(`"${dependent.label}" must not contain / ? # % \\ or whitespace, got "${dependent.id}/../x"`);
			expect(recorder.requests).toHaveLength(0);
		});

		test.each(dependent.refused)('that id as %s: refused, nothing sent', async (_case, value, message) => {
			const error = await failure(listDependent(value, authentication));
			if (typeof message === 'string') expect(error.message).toBe(message);
			else expect(error.message).toMatch(message);
			expect(recorder.requests).toHaveLength(0);
		});

		test('that id naming nothing (404): the chosen id is named, with the status', async () => {
			recorder.respond(() => dependent.notFound);
			const error = await failure(listDependent(rl('id', dependent.id), authentication));
			expect(error.message).toBe(`Could not list ${dependent.what} from ${provider}: the chosen "${dependent.label}" was not found (HTTP 404)`);
			expect((error as { httpCode?: string }).httpCode).toBe('404');
			expect(recorder.requests.map((request) => request.url)).toEqual([dependent.url(dependent.id)]);
		});

		test('an answer without the list: says so instead of showing nothing', async () => {
			recorder.respond(() => fixture.notAList.answer);
			const error = await failure(fixture.list(recorder.url, fixture.notAList.call, { authentication }));
			expect(error.message).toBe(fixture.notAList.message);
		});

		test.each(fixture.unreachable.map((entry) => [entry.call.method, entry] as const))(
			'nothing listening (%s): says the provider could not be reached, no secret',
			async (_method, { call, message }) => {
				const error = await failure(fixture.list(`http://127.0.0.1:${await freePort()}`, call, { authentication }));
				if (typeof message === 'string') expect(error.message).toBe(message);
				else expect(error.message).toMatch(message);
				noSecret(errorText(error));
			},
			20_000,
		);
	});

	describe('ids in runs', () => {
		const { byUrl } = fixture;
		const good = Object.fromEntries(Object.entries(byUrl.good).map(([pathId, url]) => [pathId, rl('url', url)]));

		test('the ids given as good URLs reach the path they name', async () => {
			const run = await fixture.run(recorder.url, byUrl.parameters(good));
			expect(run.error).toBeUndefined();
			expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual(byUrl.requests);
		});

		test.each(byUrl.foreign)('%s, typed in: n8n refuses to run the workflow, nothing sent', async (_case, pathId, url) => {
			const run = fixture.run(recorder.url, byUrl.parameters({ ...good, [pathId]: rl('url', url) }));
			await expect(run).rejects.toThrow(WorkflowHasIssuesError);
			await expect(run).rejects.toThrow('The workflow has issues');
			expect(recorder.requests).toHaveLength(0);
		});

		test.each(byUrl.foreign)('%s, from an expression: the node refuses it naming the item and the field, nothing sent', async (_case, pathId, url) => {
			const run = await fixture.run(recorder.url, byUrl.parameters({ ...good, [pathId]: rl('url', '={{ $json.url }}') }), {
				// Every item is checked before the first request: the good first item is not sent either.
				items: [{ url: byUrl.good[pathId] }, { url }],
			});
			const message = run.error?.message ?? '';
			expect(message.endsWith(' [item 1]')).toBe(true);
			const words = byUrl.message(pathId);
			if (typeof words === 'string') expect(message.slice(0, -' [item 1]'.length)).toBe(words);
			else expect(message.slice(0, -' [item 1]'.length)).toMatch(words);
			expect(run.error?.description).toBe(`Field "${pathId}" of ${byUrl.request}. Nothing was sent for this item.`);
			noSecret(everything(run));
			expect(recorder.requests).toHaveLength(0);
		});

		test('an id can never change which endpoint is called', async () => {
			for (const id of [...HOSTILE_IDS, ...(fixture.pathIds.more ?? [])]) {
				for (const call of fixture.pathIds.calls) {
					const run = await fixture.run(recorder.url, call.parameters(id));
					expect({ id, message: run.error?.message }).toEqual({ id, message: expect.stringMatching(call.message) });
					expect(run.error?.message).toMatch(/ \[item 0\]$/);
				}
			}
			expect(recorder.requests).toHaveLength(0);

			const { encoded } = fixture.pathIds;
			if (encoded) {
				await fixture.run(recorder.url, encoded.parameters);
				expect(recorder.requests[0].path).toBe(encoded.path);
			}
		});

		test('a server that cannot be reached: a plain message without the secret', async () => {
			const run = await fixture.run(`http://127.0.0.1:${await freePort()}`, fixture.validRun);
			expect(run.error?.message).toMatch(new RegExp(`^Could not reach ${provider}`));
			noSecret(everything(run));
		}, 20_000);
	});
});
