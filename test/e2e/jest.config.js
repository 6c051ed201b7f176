/**
 * End-to-end tests in a real n8n 2.8.4 (see test/e2e/examples.e2e.ts). Kept out of the default
 * `jest` run (its testMatch is *.test.ts); run them with `npm run test:e2e`, which builds the package
 * and installs the n8n runtime first, or directly: `npx jest -c test/e2e/jest.config.js`.
 */
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: root,
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	// One file, one n8n user folder, one set of servers: never in parallel.
	maxWorkers: 1,
	testTimeout: 60_000,
};
