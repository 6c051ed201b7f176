import { startContract, type ContractServer } from '../harness/prism';

/** The contract harness must see a broken request as broken, or every Prism test proves nothing. */
let rebilly: ContractServer;
beforeAll(async () => {
	rebilly = await startContract('rebilly', '/organizations/org-1');
}, 90_000);
afterAll(() => rebilly.close());

const put = (path: string, body: unknown) =>
	fetch(`${rebilly.url}${path}`, {
		method: 'PUT',
		headers: { 'Content-Type': 'application/json', 'REB-APIKEY': 'sk_sandbox_test' },
		body: JSON.stringify(body),
	});

test('a body that breaks the official schema is reported with its violations', async () => {
	const response = await put('/invoices/in-1/items/it-1', { type: 'refund', unitPrice: 'ten' });
	expect(response.status).toBe(422);
	const [request] = rebilly.requests.slice(-1);
	expect(request.violations.map((violation) => violation.location.join('.')).sort()).toEqual([
		'request.body.type',
		'request.body.unitPrice',
	]);
});

test('a conforming body passes with no violations and the proxy keeps the organization prefix', async () => {
	const response = await put('/invoices/in-1/items/it-1', { type: 'debit', unitPrice: 10 });
	expect(response.status).toBe(200);
	const [request] = rebilly.requests.slice(-1);
	expect(request.violations).toEqual([]);
	expect(request.path).toBe('/organizations/org-1/invoices/in-1/items/it-1');
});

test('a request outside the base path never reaches Prism', async () => {
	const response = await fetch(rebilly.url.replace('/organizations/org-1', '/invoices/in-1/items/it-1'));
	expect(response.status).toBe(404);
});
