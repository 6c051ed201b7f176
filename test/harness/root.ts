/** The repository root: the folder whose package.json is this package's (benches and tests run it compiled, from .tmp/, too). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
	for (let dir = from; ; dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'n8n-nodes-invoice-items') return dir;
		if (dirname(dir) === dir) throw new Error(`No n8n-nodes-invoice-items package.json above ${from}`);
	}
}

export const ROOT = findRoot(__dirname);
