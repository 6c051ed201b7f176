/** The repository root (the bench runs compiled, from .tmp/). */
export { ROOT } from '../test/harness/root';
