import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-fixtures.js');

const specs: string[] = generator.JSON_PROVIDERS;
const found = existsSync(generator.SPECS);

/** The committed Prism fixtures are what the official specs generate (`npm run fixtures`). */
(found ? describe : describe.skip)('JSON provider fixtures are up to date with ../shared/specs', () => {
	test.each(specs)('%s', (provider) => {
		const official = JSON.parse(readFileSync(join(generator.SPECS, `${provider}.openapi.json`), 'utf8'));
		const committed = readFileSync(join(generator.FIXTURES, `${provider}.openapi.json`), 'utf8');
		expect(generator.renderSpec(official) === committed).toBe(true);
	});
});
