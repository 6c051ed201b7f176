/**
 * n8n-core starts two interval timers in DI singletons the first time a node's helpers are built
 * (SSH tunnel clean-up and cron logging). n8n stops them on shutdown; tests do the same.
 */
import { dirname } from 'node:path';

// n8n-core carries its own copy of @n8n/di: use that container, not one of ours.
const fromCore = (request: string) =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require(require.resolve(request, { paths: [dirname(require.resolve('n8n-core'))] }));

afterAll(() => {
	const { Container } = fromCore('@n8n/di');
	const { SSHClientsManager } = fromCore('n8n-core/dist/execution-engine/ssh-clients-manager');
	const { ScheduledTaskManager } = fromCore('n8n-core/dist/execution-engine/scheduled-task-manager');
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
	if (Container.has(ScheduledTaskManager)) clearInterval(Container.get(ScheduledTaskManager).logInterval);
});
