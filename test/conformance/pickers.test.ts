/**
 * What every provider's list searches must do, asserted once over all of them and the toy provider,
 * called as n8n's editor backend calls them: page by the provider's token until it says there is no
 * more; search with the provider's own search on every page, or narrow the page read where it has
 * none; read a whole typed id with one GET; list the dependent list's parent however the editor holds
 * it; and say what could not be listed when the provider refuses, without a secret and without asking
 * again. Each provider's fixture (test/conformance/providers.ts, `pickers`) says what its lists look like.
 */
import type { INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { OPTION_LIST_LIMIT } from '../../nodes/shared/listing';

import { errorText, failure } from '../harness/n8n';
import { recordingFor } from '../harness/recording';
import type { PickerCall } from './fixture';
import { FIXTURES } from './providers';

describe.each(FIXTURES)('%s', (_name, fixture) => {
	const { pickers } = fixture;
	const recorder = recordingFor();
	const urls = () => recorder().requests.map((request) => request.url);

	describe.each(fixture.authentications ?? [undefined])('pickers (authentication: %s)', (authentication) => {
		const search = (call: PickerCall, filter?: string, paginationToken?: unknown) =>
			fixture.list(recorder().url, call, {
				authentication,
				filter,
				paginationToken: paginationToken as string | undefined,
			}) as Promise<INodeListSearchResult>;

		test('pages: a token while the provider says there is more, and the token asks for the next page; none at the end', async () => {
			const { paging } = pickers;
			recorder().respond(paging.serve);
			const pages = [await search(paging.call)];
			while (pages[pages.length - 1].paginationToken && pages.length < paging.pages.length + 2) {
				pages.push(await search(paging.call, undefined, pages[pages.length - 1].paginationToken));
			}
			expect(urls()).toEqual(paging.urls);
			expect(pages).toEqual(paging.pages);
		});

		test('typed text: the provider’s own search on every page, or the page read narrowed where it has none', async () => {
			const { search: typed } = pickers;
			recorder().respond(typed.serve);
			for (const { filter, result, next } of typed.searches) {
				const found = await search(typed.call, filter);
				expect({ filter, found }).toEqual({ filter, found: result });
				if (next) await search(typed.call, filter, found.paginationToken);
			}
			expect(urls()).toEqual(typed.urls);
		});

		const { lookup } = pickers;
		if (lookup) {
			test.each(lookup.typed)('a whole id typed (%s) is read with one GET and shown alone', async (typed, url) => {
				recorder().respond(() => lookup.answer);
				const found = await search(lookup.call, typed);
				expect(recorder().requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${url}`]);
				expect(found).toEqual(lookup.result);
			});

			test('a whole id naming nothing (404) is an empty result, as a search that finds nothing; other errors are said', async () => {
				const [[typed, url]] = lookup.typed;
				recorder().respond(() => lookup.notFound);
				expect(await search(lookup.call, typed)).toEqual({ results: [] });

				recorder().respond(() => lookup.fails.answer);
				const error = await failure(search(lookup.call, typed));
				expect(error.message).toBe(lookup.fails.message);
				for (const secret of fixture.secrets) expect(errorText(error)).not.toContain(secret);
				expect(urls()).toEqual([url, url]);
			});
		}

		const { optionList } = pickers;
		if (optionList) {
			const options = () => fixture.list(recorder().url, optionList.call, { authentication }) as Promise<INodePropertyOptions[]>;

			test(`an option list stops at ${OPTION_LIST_LIMIT} entries, asking for no further page`, async () => {
				recorder().respond(optionList.long.serve);
				const result = await options();
				expect(OPTION_LIST_LIMIT).toBe(500);
				expect(result).toHaveLength(OPTION_LIST_LIMIT);
				expect([result[0], result[OPTION_LIST_LIMIT - 1]]).toEqual([optionList.long.first, optionList.long.last]);
				expect(urls()).toEqual(optionList.long.urls);
			});

			test('a shorter option list is read whole, as {name, value}', async () => {
				recorder().respond(optionList.short.serve);
				const result = await options();
				expect(result).toHaveLength(optionList.short.count);
				expect(result.slice(0, optionList.short.first.length)).toEqual(optionList.short.first);
				expect(urls()).toEqual(optionList.short.urls);
			});
		}

		test.each(pickers.parentGiven.forms)('the dependent list of a parent given as %s', async (_form, value) => {
			const { dependentList: dependent } = fixture;
			recorder().respond(() => pickers.parentGiven.answer);
			const found = await search({
				kind: 'listSearch',
				method: dependent.method,
				what: dependent.what,
				parameters: { ...dependent.parameters, [dependent.parameter]: value },
			});
			expect(urls()).toEqual([pickers.parentGiven.url]);
			expect(found).toEqual(pickers.parentGiven.result);
		});

		test.each(pickers.refused(authentication).map((refusal) => [refusal.case, refusal] as const))(
			'%s: said after "Could not list", with the status and no secret',
			async (_case, refusal) => {
				recorder().respond(refusal.answer);
				const error = await failure(fixture.list(recorder().url, refusal.call, { authentication }));
				expect(error.message).toBe(refusal.message);
				if (typeof refusal.description === 'string') expect(error.description).toBe(refusal.description);
				else if (refusal.description) expect(error.description).toMatch(refusal.description);
				// An HTTP error with its status: n8n's editor then offers to open the credential.
				if (refusal.httpCode) expect((error as { httpCode?: string }).httpCode).toBe(refusal.httpCode);
				for (const secret of [...fixture.secrets, ...(refusal.also ?? [])]) expect(errorText(error)).not.toContain(secret);
				// Not asked again, unless a 401 has n8n refresh an OAuth2 token first.
				expect(recorder().requests).toHaveLength(refusal.requests ?? 1);
			},
		);
	});
});
