import { startRecorder, type Recorder } from '../harness/recorder';
import { refusedBeforeAnyRequest, type Refusal } from '../harness/refused';
import { ITEM_ID, getInvoiceItems, getItem, getManyItems, product, runSpacebring, updateItem, type SpacebringAuth } from '../harness/spacebring';

let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder(() => ({ status: 204, body: '' }));
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
});

const range = (name: string, gte: unknown, lte: unknown) => ({
	[name]: { values: { optionalFields: { ...(gte === undefined ? {} : { gte }), ...(lte === undefined ? {} : { lte }) } } },
});
const filters = (options: Record<string, unknown>) => getManyItems({ returnAll: true, options });

/** What a float artefact is told to do, at the start of the description. */
const ROUND_IT = 'Round it in the expression, e.g. {{ (0.1 + 0.2).toFixed(2) }}, or pass the amount as text.';

/** [rule, parameters, the exact error message before " [item 0]", what the description starts with if not the field]. Every case is refused with nothing sent. */
const cases: Refusal[] = [
	['quantity is at least 1 (the API wants > 0)', updateItem({ quantity: 0 }), '"Quantity" must be at least 1'],
	['quantity is not negative', updateItem({ quantity: -3 }), '"Quantity" must be at least 1'],
	['quantity is a whole number', updateItem({ quantity: 1.5 }), '"Quantity" must be a whole number, got 1.5'],
	['quantity is a number', updateItem({ quantity: 'three' }), '"Quantity" must be a whole number, got "three"'],
	['quantity ≤ 2^53 − 1', updateItem({ quantity: 2 ** 53 }), '"Quantity" is too large to be sent exactly'],
	['quantity ≤ 2^53 − 1 (as text)', updateItem({ quantity: '9007199254740993' }), '"Quantity" is too large to be sent exactly'],
	['a set quantity is not blank', updateItem({ quantity: '  ' }), '"Quantity" is empty; give it a value or remove it'],
	['unit amount is not negative', updateItem({ unitAmount: -0.01 }), '"Unit Amount" must be at least 0'],
	['unit amount uses a decimal point', updateItem({ unitAmount: '12,50' }), '"Unit Amount" must be a finite number, got "12,50"'],
	['unit amount is finite', updateItem({ unitAmount: '={{ 1 / 0 }}' }), '"Unit Amount" must be a finite number, got Infinity'],
	['unit amount is not float noise', updateItem({ unitAmount: '={{ 0.1 + 0.2 }}' }), '"Unit Amount" is a floating-point result (0.30000000000000004)', ROUND_IT],
	['unit amount is not a boolean', updateItem({ unitAmount: true }), '"Unit Amount" must be a number, got true'],
	['product title is not empty', updateItem(product('')), '"Product Title" is empty; give it a value or remove it'],
	['product title is not blank', updateItem(product('   ')), '"Product Title" is empty; give it a value or remove it'],
	['product title is text', updateItem(product('={{ { name: "x" } }}')), '"Product Title" must be text, got an object'],
	// An empty literal is refused by n8n itself ("workflow has issues"); an expression can still yield nothing.
	['item id is required', updateItem({ quantity: 1 }, { id: '={{ $json.missing }}' }), '"Invoice Item ID" is required'],
	['item id is a UUID', updateItem({ quantity: 1 }, { id: 'ii_123' }), '"Invoice Item ID" must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6'],
	['item id is a whole UUID', updateItem({ quantity: 1 }, { id: `${ITEM_ID}0` }), '"Invoice Item ID" must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6'],
	['item id has no slash', updateItem({ quantity: 1 }, { id: `${ITEM_ID}/x` }), `"Invoice Item ID" must not contain / ? # % \\ or whitespace, got "${ITEM_ID}/x"`],
	['item id has no whitespace', getItem({ id: ` ${ITEM_ID}` }), `"Invoice Item ID" must not contain / ? # % \\ or whitespace, got " ${ITEM_ID}"`],
	['item id is not a dot segment', getItem({ id: '..' }), '"Invoice Item ID" must not contain / ? # % \\ or whitespace, got ".."'],
	['invoice id is a UUID', getInvoiceItems({ invoiceId: 'in_1' }), '"Invoice ID" must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6'],
	['invoice id has no slash', getInvoiceItems({ invoiceId: '../items' }), '"Invoice ID" must not contain / ? # % \\ or whitespace, got "../items"'],
	['customer filter is a UUID', filters({ customerRef: 'cus_1' }), '"Customer ID" must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6'],
	['location filter is a UUID', filters({ locationRef: 'berlin' }), '"Location ID" must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6'],
	['invoice statuses are Spacebring’s', filters({ status: 'open' }), '"Invoice Statuses" must be invoice statuses separated by commas without spaces, from draft, issued, paid, voided'],
	['invoice statuses without spaces', filters({ status: 'draft, paid' }), '"Invoice Statuses" must be invoice statuses separated by commas without spaces, from draft, issued, paid, voided'],
	['item types are words separated by commas', filters({ type: 'custom order' }), '"Item Types" must be item types separated by commas without spaces, e.g. custom,order'],
	['a date range ends after it starts', filters(range('createDate', '2026-02-01T00:00:00Z', '2026-01-31T00:00:00Z')), '"Created → On or Before" must not be before "On or After"'],
	['filter dates are dates', filters(range('issueDate', 'last week', undefined)), '"Invoice Issued → On or After" must be an ISO 8601 date-time (2026-01-31T12:00:00Z) or unix seconds, got "last week"'],
	['filter dates are real dates', filters(range('issueDate', undefined, '2026-02-30')), '"Invoice Issued → On or Before" is not a real calendar date-time: "2026-02-30"'],
];

const ENDPOINTS: Record<string, string> = {
	update: 'PATCH /billing/invoices/v1/items/{id}',
	get: 'GET /billing/invoices/v1/items/{id}',
	getAll: 'GET /billing/invoices/v1/items',
	getAllOfInvoice: 'GET /billing/invoices/v1/{invoiceId}/items',
};

describe('Spacebring bad input is refused before any request, naming the item and the field', () => {
	// Updates take OAuth2 only (see the test after); reads take both credentials.
	const withBoth = cases.flatMap(([rule, parameters, message, advice = '']) =>
		((parameters.operation === 'update' ? ['oAuth2'] : ['oAuth2', 'basicAuth']) as SpacebringAuth[]).map(
			(auth): Refusal<SpacebringAuth> => [`${rule} (${auth})`, parameters, message, advice, auth],
		),
	);

	refusedBeforeAnyRequest(
		withBoth,
		(parameters, auth) => runSpacebring(recorder.url, parameters, { auth }),
		() => recorder.requests,
		(parameters) => `${ENDPOINTS[parameters.operation as string]}. Nothing was sent for this item.`,
	);

	test('Update with Basic Auth stops before sending: the spec allows the PATCH with OAuth2 only', async () => {
		const run = await runSpacebring(recorder.url, updateItem({ quantity: 2 }), { auth: 'basicAuth' });
		expect(run.error?.message).toBe('"Authentication" must be OAuth2 to update an invoice item [item 0]');
		expect(run.error?.description).toBe(
			"Spacebring's API accepts updates only from OAuth2 apps (Get and Get Many work with Basic Auth too). PATCH /billing/invoices/v1/items/{id}. Nothing was sent for this item.",
		);
		expect(recorder.requests).toHaveLength(0);
	});
});
