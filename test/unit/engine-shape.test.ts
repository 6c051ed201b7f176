/**
 * The engine stays one engine for any provider: no function in nodes/shared grows past 60 lines, and
 * no provider's name nor a billing word (invoice, draft) appears there; those live in the provider
 * folders and in nodes/billing.
 */
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

const ENGINE = join(__dirname, '../../nodes/shared');
const MAX_FUNCTION_LINES = 60;
const PROVIDER_WORDS = /stripe|rebilly|sequence|spacebring|invoice|draft/i;

const engineFiles = () =>
	readdirSync(ENGINE)
		.filter((name) => name.endsWith('.ts'))
		.map((name) => ({ name, text: readFileSync(join(ENGINE, name), 'utf8') }));

/** Every function, method, arrow function and accessor of a file, with its length in lines. */
export function functionLengths(fileName: string, text: string): Array<{ name: string; lines: number }> {
	const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
	const found: Array<{ name: string; lines: number }> = [];
	const visit = (node: ts.Node) => {
		if (ts.isFunctionLike(node) && 'body' in node && node.body) {
			const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
			const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
			const named = (node as ts.FunctionLikeDeclaration).name?.getText(source);
			const holder = ts.isVariableDeclaration(node.parent) || ts.isPropertyAssignment(node.parent) ? node.parent.name.getText(source) : undefined;
			found.push({ name: `${fileName}:${start + 1} ${named ?? holder ?? '(anonymous)'}`, lines: end - start + 1 });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe('the engine (nodes/shared)', () => {
	test(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
		const lengths = engineFiles().flatMap(({ name, text }) => functionLengths(name, text));
		expect(lengths.length).toBeGreaterThan(50);
		expect(lengths.filter(({ lines }) => lines > MAX_FUNCTION_LINES)).toEqual([]);
	});

	test('names no provider and no billing word', () => {
		const mentions = engineFiles().flatMap(({ name, text }) =>
			text
				.split('\n')
				.map((line, index) => ({ at: `${name}:${index + 1}`, line }))
				.filter(({ line }) => PROVIDER_WORDS.test(line)),
		);
		expect(mentions).toEqual([]);
	});

	test('the length count sees a long function', () => {
		const body = Array.from({ length: 70 }, (_, index) => `\tconst v${index} = ${index};`).join('\n');
		const [measured] = functionLengths('sample.ts', `function long() {\n${body}\n}\n`);
		expect(measured).toEqual({ name: 'sample.ts:1 long', lines: 72 });
	});
});
