import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-fixtures.js');

const specs: string[] = generator.JSON_PROVIDERS;
const found = existsSync(generator.SPECS);

/** The committed Prism fixtures are what the official specs (with their lifecycle documents) generate (`npm run fixtures`). */
(found ? describe : describe.skip)('JSON provider fixtures are up to date with ../shared/specs', () => {
	test.each(specs)('%s', (provider) => {
		const read = (name: string) => JSON.parse(readFileSync(join(generator.SPECS, name), 'utf8'));
		const official = generator.withLifecycle(read(`${provider}.openapi.json`), read(`${provider}.lifecycle.openapi.json`));
		const committed = readFileSync(join(generator.FIXTURES, `${provider}.openapi.json`), 'utf8');
		expect(generator.renderSpec(official) === committed).toBe(true);
	});
});
