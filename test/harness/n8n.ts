/**
 * Runs our nodes the way n8n does: a real `Workflow` executed by n8n-core's `WorkflowExecute`,
 * with credentials applied by the credential type's own `authenticate`. Only the storage of
 * credentials (a map instead of n8n's encrypted database) is replaced.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	createDeferredPromise,
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IAuthenticateGeneric,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodePropertyOptions,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

export const PACKAGE = 'n8n-nodes-invoice-items';

/**
 * A declarative `authenticate` ({ type: 'generic', properties }) applied as n8n's CredentialsHelper
 * applies it: every key and value of headers, qs, body and auth is resolved with `$credentials`
 * and set on the request.
 */
function applyGenericAuthentication(
	authenticate: IAuthenticateGeneric,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const node: INode = { id: 'credential', name: 'Credential', type: 'credential', typeVersion: 1, position: [0, 0], parameters: {} };
	const nodeType = { description: { name: 'credential', version: 1, properties: [], inputs: [], outputs: [] } } as unknown as INodeType;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new FixedNodeTypes({ credential: nodeType }) });
	const resolve = (value: unknown) =>
		typeof value === 'string' && value.startsWith('=')
			? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials })
			: value;
	const options = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
	for (const [target, entries] of Object.entries(authenticate.properties)) {
		for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
			options[target] = { ...options[target], [String(resolve(key))]: resolve(value) };
		}
	}
	return requestOptions;
}

class MapCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.types[name]?.extends ?? [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (authenticate === undefined) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		return applyGenericAuthentication(authenticate, credentials, requestOptions);
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (!(type in this.data)) throw new Error(`No test credentials of type ${type}`);
		return { ...this.data[type] };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return this.types[type]?.properties ?? [];
	}
}

class FixedNodeTypes implements INodeTypes {
	constructor(private readonly nodes: Record<string, INodeType>) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(type);
	}

	getByNameAndVersion(type: string): INodeType {
		const node = this.nodes[type];
		if (!node) throw new Error(`Unknown node type ${type}`);
		return node;
	}

	getKnownTypes() {
		return {};
	}
}

/** What n8n hands a node besides its parameters: credentials, URLs, hooks (none of them reached by these tests). */
function baseAdditionalData(hooks: ExecutionLifecycleHooks | undefined, credentialsHelper: ICredentialsHelper) {
	return {
		hooks,
		credentialsHelper,
		executionId: 'test-execution',
		currentNodeParameters: undefined,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used by these tests');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('task runners are not used by these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunNodeOptions {
	node: INodeType;
	credentialTypes: ICredentialType[];
	/** Credential data by credential type name. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	parameters: INodeParameters;
	/** Input items: plain JSON objects or full n8n items. */
	items?: Array<IDataObject | INodeExecutionData>;
	/** On Error: Continue (true: using the regular output; 'errorOutput': using the error output). */
	continueOnFail?: boolean | 'errorOutput';
	timezone?: string;
	mode?: WorkflowExecuteMode;
	/**
	 * The node's Retries option unless the parameters set it. Tests that are not about retrying run
	 * with 0, so each error answer is seen exactly once; the fault tests set it themselves.
	 */
	retries?: number;
}

export interface NodeRun {
	/** The node's first output, as n8n stored it. */
	output: INodeExecutionData[];
	/** What n8n routed to the error output (with `continueOnFail: 'errorOutput'`). */
	errorOutput: INodeExecutionData[];
	/** The error the node ended with, if it failed. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string };
	run: IRun;
}

const asItem = (item: IDataObject | INodeExecutionData): INodeExecutionData =>
	'json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject };

/** Executes one node in a real n8n-core workflow run and returns what n8n recorded. */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	const nodeName = options.node.description.defaults.name ?? options.node.description.displayName;
	const type = `${PACKAGE}.${options.node.description.name}`;
	const credentialRefs = Object.fromEntries(
		Object.keys(options.credentials).map((name, index) => [name, { id: String(index + 1), name: `Test ${name}` }]),
	);
	const nodeOptions = (options.parameters.options ?? {}) as IDataObject;
	const parameters = {
		...options.parameters,
		options: { maxRetries: options.retries ?? 0, ...nodeOptions },
	} as INodeParameters;
	const node: INode = {
		id: 'node-under-test',
		name: nodeName,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: credentialRefs,
		...(options.continueOnFail
			? { onError: options.continueOnFail === 'errorOutput' ? ('continueErrorOutput' as const) : ('continueRegularOutput' as const) }
			: {}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new FixedNodeTypes({ [type]: options.node }),
		settings: { timezone: options.timezone ?? 'UTC' },
	});
	const types = Object.fromEntries(options.credentialTypes.map((credential) => [credential.name, credential]));
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', {
		id: 'test-workflow',
		name: 'Test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const finished = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));

	const additionalData = baseAdditionalData(hooks, new MapCredentialsHelper(types, options.credentials));

	const items = (options.items ?? [{}]).map(asItem);
	const executeData: IExecuteData = { node, data: { main: [items] }, source: null };
	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [executeData],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as IRunExecutionData;

	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const run = await finished.promise;
	const task = run.data.resultData.runData[nodeName]?.[0];
	return {
		output: task?.data?.main?.[0] ?? [],
		errorOutput: (options.continueOnFail === 'errorOutput' ? task?.data?.main?.[1] : undefined) ?? [],
		error: (task?.error ?? run.data.resultData.error) as NodeRun['error'],
		run,
	};
}

/** Everything n8n kept of a run, as text: output items, the error with all its fields, the stored run data. */
export const everything = (run: NodeRun) =>
	JSON.stringify(run.output) +
	JSON.stringify(run.error ?? {}, Object.getOwnPropertyNames(run.error ?? {})) +
	String(run.error?.message) +
	String(run.error?.description) +
	JSON.stringify(run.run.data.resultData);

export interface ListMethodOptions {
	node: INodeType;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's parameters as the editor holds them while the list is opened. */
	parameters: INodeParameters;
	method: string;
	filter?: string;
	paginationToken?: string;
}

/**
 * Calls a node's list search or option list the way n8n's editor backend does
 * (DynamicNodeParametersService): a temporary workflow holding the node with the editor's current
 * parameters, and n8n-core's LoadOptionsContext as `this`.
 */
async function callListMethod<R>(kind: 'listSearch' | 'loadOptions', options: ListMethodOptions): Promise<R> {
	const type = `${PACKAGE}.${options.node.description.name}`;
	const node: INode = {
		id: 'temp-node',
		name: 'Temp-Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((name, index) => [name, { id: String(index + 1), name: `Test ${name}` }]),
		),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new FixedNodeTypes({ [type]: options.node }),
	});
	const types = Object.fromEntries(options.credentialTypes.map((credential) => [credential.name, credential]));
	const additionalData = {
		...baseAdditionalData(undefined, new MapCredentialsHelper(types, options.credentials)),
		currentNodeParameters: options.parameters,
	} as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, workflow.getNode('Temp-Node')!, additionalData, 'parameters');
	const method = options.node.methods?.[kind]?.[options.method] as
		| ((this: LoadOptionsContext, filter?: string, token?: string) => Promise<R>)
		| undefined;
	if (!method) throw new Error(`${options.node.description.name} has no ${kind} method ${options.method}`);
	return await method.call(context, options.filter, options.paginationToken);
}

export const listSearch = (options: ListMethodOptions) => callListMethod<INodeListSearchResult>('listSearch', options);
export const loadOptions = (options: ListMethodOptions) => callListMethod<INodePropertyOptions[]>('loadOptions', options);

/** Every text n8n could show or keep of an error thrown by a list method. */
export const errorText = (error: unknown) =>
	JSON.stringify(error, Object.getOwnPropertyNames(error)) +
	String((error as Error).message) +
	String((error as { description?: string }).description);

/** The error a list call ends with; a call that succeeds fails the test. */
export async function failure(promise: Promise<unknown>): Promise<Error & { description?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('expected the list call to fail');
}
