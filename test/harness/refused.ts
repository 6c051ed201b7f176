/** Jest cases for bad input, shared by the providers' bad-input files (kept apart from n8n.ts, which the benches compile without jest). */
import type { INodeParameters } from 'n8n-workflow';

import type { NodeRun } from './n8n';

/**
 * [rule, parameters, the exact error message before " [item 0]", what the description starts with if
 * not the field, options of the run (e.g. the credential)].
 */
export type Refusal<Options = undefined> = readonly [string, INodeParameters, string, string?, Options?];

/**
 * Every case is refused before any request: a NodeOperationError naming item 0, its description
 * saying (after the field and request it is about) that nothing was sent, and nothing sent.
 */
export function refusedBeforeAnyRequest<Options>(
	cases: Array<Refusal<Options>>,
	run: (parameters: INodeParameters, options?: Options) => Promise<NodeRun>,
	requests: () => unknown[],
	nothingSent: (parameters: INodeParameters) => string = () => 'Nothing was sent for this item',
): void {
	test.each(cases.map((refusal) => [refusal[0], refusal] as const))('%s', async (_rule, [, parameters, message, advice = '', options]) => {
		const result = await run(parameters, options);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`${message} [item 0]`);
		expect(result.error?.description?.startsWith(advice)).toBe(true);
		expect(result.error?.description).toContain(nothingSent(parameters));
		expect(requests()).toHaveLength(0);
	});
}
