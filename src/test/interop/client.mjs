// Drives the real Herald jar with the official TypeScript MCP SDK client.
// Usage: node client.mjs <java> <jarPath>
// Prints "INTEROP OK <n> checks" and exits 0 on success; prints the failure to stderr and exits 1 otherwise.
// Every result and notification passes through the SDK's own zod schemas, so a schema
// violation by Herald surfaces here as a thrown error or as an error reported via client.onerror.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  CallToolResultSchema,
  CreateTaskResultSchema,
  ElicitRequestSchema,
  McpError,
  RELATED_TASK_META_KEY,
  TaskStatusNotificationSchema,
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ResourceListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';

const NOTIFICATION_TIMEOUT_MS = 5000;
const REQUEST_TIMEOUT_MS = 15000;

const [java, jar] = process.argv.slice(2);
if (!java || !jar) {
  console.error('usage: node client.mjs <java> <jarPath>');
  process.exit(2);
}

let checks = 0;
function check(condition, message, detail) {
  if (!condition) {
    throw new Error(`check failed: ${message}${detail === undefined ? '' : `\n  got: ${JSON.stringify(detail)}`}`);
  }
  checks++;
}

/** Every notification the client received, in order, so a waiter never misses one sent before the tool's response. */
const received = [];
const waiters = [];
function record(kind, notification) {
  received.push({ kind, notification });
  for (const waiter of [...waiters]) {
    if (waiter.kind === kind && waiter.matches(notification)) {
      waiter.resolve(notification);
    }
  }
}
/** A mark: only notifications received after it count for a later waitFor. */
const mark = () => received.length;
function waitFor(since, kind, matches, what) {
  const earlier = received.slice(since).find(r => r.kind === kind && matches(r.notification));
  if (earlier) {
    return Promise.resolve(earlier.notification);
  }
  return new Promise((resolve, reject) => {
    const waiter = {
      kind,
      matches,
      resolve: n => {
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(waiter), 1);
        resolve(n);
      },
    };
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(waiter), 1);
      const seen = received.slice(since).map(r => r.notification);
      reject(new Error(`timed out after ${NOTIFICATION_TIMEOUT_MS} ms waiting for ${what}; notifications received meanwhile: ${JSON.stringify(seen)}`));
    }, NOTIFICATION_TIMEOUT_MS);
    waiters.push(waiter);
  });
}

/** Errors the SDK reports out of band: notifications failing its schemas, late progress, unparseable lines. */
const sdkErrors = [];
let stderrText = '';

// The SDK passes a child only a few variables by default; Herald must get the test's HERALD_HOME, never the user's.
const transport = new StdioClientTransport({ command: java, args: ['-jar', jar], stderr: 'pipe',
  env: { ...getDefaultEnvironment(), ...(process.env.HERALD_HOME ? { HERALD_HOME: process.env.HERALD_HOME } : {}) } });
transport.stderr.on('data', chunk => {
  stderrText += chunk.toString('utf8');
});
/** Every request the client sent, in order, so a check can tell what the SDK had sent before Herald asked something. */
const sentRequests = [];
const originalSend = transport.send.bind(transport);
transport.send = (message, options) => {
  if (typeof message.method === 'string' && message.id !== undefined) {
    sentRequests.push({ method: message.method, params: message.params });
  }
  return originalSend(message, options);
};
const client = new Client(
  { name: 'herald-interop', version: '1.0.0' },
  { capabilities: { elicitation: { form: {} } }, enforceStrictCapabilities: true },
);
client.onerror = error => sdkErrors.push(error);
client.setNotificationHandler(LoggingMessageNotificationSchema, n => record('log', n));
client.setNotificationHandler(ToolListChangedNotificationSchema, n => record('toolsChanged', n));
client.setNotificationHandler(ResourceUpdatedNotificationSchema, n => record('resourceUpdated', n));
client.setNotificationHandler(ResourceListChangedNotificationSchema, n => record('resourcesChanged', n));
client.setNotificationHandler(TaskStatusNotificationSchema, n => record('taskStatus', n));

/** Every elicitation/create Herald sent; each is accepted with {approve: true}. */
const elicitations = [];
client.setRequestHandler(ElicitRequestSchema, request => {
  const taskId = request.params._meta?.[RELATED_TASK_META_KEY]?.taskId;
  elicitations.push({
    params: request.params,
    taskId,
    afterTasksResult: sentRequests.some(r => r.method === 'tasks/result' && r.params?.taskId === taskId),
  });
  return { action: 'accept', content: { approve: true } };
});

const opts = { timeout: REQUEST_TIMEOUT_MS };

/** Follows nextCursor to the end of a paginated list. */
async function listAll(list, key) {
  const items = [];
  let cursor;
  do {
    const page = await list(cursor === undefined ? {} : { cursor });
    items.push(...page[key]);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return items;
}

function textOf(result) {
  return result.content.filter(c => c.type === 'text').map(c => c.text).join('');
}

/** The error a promise rejects with, or undefined if it resolves. */
async function rejectionOf(promise) {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}

/** An error as check() detail: message and JSON-RPC code survive JSON.stringify. */
function errorDetail(error) {
  return error === undefined ? 'no error' : { code: error?.code, message: error?.message ?? String(error) };
}

/** Runs an async generator (callToolStream) to its end, returning every message it yielded. */
async function drain(stream) {
  const messages = [];
  for await (const message of stream) {
    messages.push(message);
  }
  return messages;
}

/** The types of the messages a callToolStream yielded, with each task status, for check() detail. */
function streamDetail(messages) {
  return messages.map(m => m.type === 'error' ? { type: m.type, error: errorDetail(m.error) }
    : m.task ? { type: m.type, status: m.task.status } : { type: m.type });
}

/** True when a completed task stream went taskCreated, taskStatus..., result. */
function completedStream(messages) {
  return messages.length >= 2 && messages[0].type === 'taskCreated' && messages.at(-1).type === 'result'
    && messages.slice(1, -1).every(m => m.type === 'taskStatus');
}

function noSdkErrors(where) {
  check(sdkErrors.length === 0, `the SDK reported no errors ${where}`, sdkErrors.map(e => String(e)));
}

async function run() {
  // Handshake.
  await client.connect(transport, opts);
  const serverInfo = client.getServerVersion();
  check(serverInfo && typeof serverInfo.name === 'string' && serverInfo.name.length > 0, 'initialize returned serverInfo.name', serverInfo);
  const caps = client.getServerCapabilities() ?? {};
  check(caps.tools?.listChanged === true, 'server declares tools.listChanged', caps);
  check(caps.resources?.subscribe === true, 'server declares resources.subscribe', caps);
  check(caps.resources?.listChanged === true, 'server declares resources.listChanged', caps);
  check(caps.logging !== undefined, 'server declares logging', caps);
  check(caps.prompts !== undefined, 'server declares prompts', caps);
  check(caps.tasks?.requests?.tools?.call !== undefined, 'server declares tasks.requests.tools.call', caps);
  check(caps.tasks?.list !== undefined && caps.tasks?.cancel !== undefined, 'server declares tasks.list and tasks.cancel', caps);

  // Lists.
  const tools = await listAll(p => client.listTools(p, opts), 'tools');
  const toolNames = tools.map(t => t.name);
  for (const name of ['echo', 'send_notification', 'long_running_operation', 'add_tool', 'remove_tool', 'add_note',
    'update_note', 'get_server_status', 'generate_report', 'ask_user']) {
    check(toolNames.includes(name), `tools/list includes ${name}`, toolNames);
  }
  const taskSupport = name => tools.find(t => t.name === name)?.execution?.taskSupport;
  check(taskSupport('generate_report') === 'required', 'generate_report declares execution.taskSupport "required"',
    tools.find(t => t.name === 'generate_report'));
  check(taskSupport('long_running_operation') === 'optional', 'long_running_operation declares execution.taskSupport "optional"',
    tools.find(t => t.name === 'long_running_operation'));
  check(taskSupport('ask_user') === 'optional', 'ask_user declares execution.taskSupport "optional"', tools.find(t => t.name === 'ask_user'));
  check(taskSupport('echo') === undefined || taskSupport('echo') === 'forbidden', 'echo does not support tasks',
    tools.find(t => t.name === 'echo'));
  const resources = await listAll(p => client.listResources(p, opts), 'resources');
  check(resources.length > 0, 'resources/list returns resources', resources);
  const prompts = await listAll(p => client.listPrompts(p, opts), 'prompts');
  check(prompts.length > 0, 'prompts/list returns prompts', prompts);
  const templates = await listAll(p => client.listResourceTemplates(p, opts), 'resourceTemplates');
  check(templates.some(t => t.uriTemplate === 'herald://notes/{name}'), 'resources/templates/list includes herald://notes/{name}',
    templates.map(t => t.uriTemplate));

  await client.setLoggingLevel('debug', opts);

  // Progress: one callback per step, increasing.
  const progress = [];
  const lro = await client.callTool({ name: 'long_running_operation', arguments: { steps: 3, step_ms: 10 } }, undefined,
    { ...opts, onprogress: p => progress.push(p) });
  check(!lro.isError, 'long_running_operation succeeded', lro);
  check(progress.length === 3, 'long_running_operation sent 3 progress notifications before its result', progress);
  check(progress.every((p, i) => i === 0 || p.progress > progress[i - 1].progress), 'progress increases', progress);
  check(progress.every(p => p.total === 3), 'progress total is 3', progress);

  // Logging notification.
  let since = mark();
  const sent = await client.callTool({ name: 'send_notification', arguments: { message: 'hello from interop', priority: 'high' } },
    undefined, opts);
  check(!sent.isError, 'send_notification succeeded', sent);
  const log = await waitFor(since, 'log', n => n.params.data === 'hello from interop',
    'notifications/message with data "hello from interop"');
  check(log.params.level === 'warning', 'priority high is sent at level warning', log.params);
  check(log.params.logger === 'herald', 'the log message comes from logger herald', log.params);

  // The hub: an event this session broadcasts comes back to it as a log message (logger event/<topic>), durably.
  since = mark();
  const published = await client.callTool({ name: 'send_notification',
    arguments: { message: 'hub event from interop', broadcast: true, topic: 'interop', priority: 'urgent' } }, undefined, opts);
  check(!published.isError && /^[0-9a-f]{16}$/.test(published.structuredContent?.id ?? ''), 'send_notification with broadcast published an event', published);
  const event = await waitFor(since, 'log', n => n.params.logger === 'event/interop',
    'notifications/message from logger event/interop');
  check(event.params.level === 'critical', 'an urgent event is sent at level critical', event.params);
  check(event.params.data?.id === published.structuredContent.id && event.params.data?.body === 'hub event from interop',
    'the event log message carries the event: id and body', event.params);
  const readBack = await client.callTool({ name: 'read_events', arguments: { topic: 'interop' } }, undefined, opts);
  check(!readBack.isError && readBack.structuredContent?.events?.some(e => e.id === published.structuredContent.id),
    'read_events returns the event', readBack);

  // tools/list_changed, then the new tool works.
  since = mark();
  const added = await client.callTool({ name: 'add_tool', arguments: { name: 'interop_tool', description: 'd', reply: 'pong' } },
    undefined, opts);
  check(!added.isError, 'add_tool succeeded', added);
  await waitFor(since, 'toolsChanged', () => true, 'notifications/tools/list_changed after add_tool');
  checks++;
  const toolsAfter = await listAll(p => client.listTools(p, opts), 'tools');
  check(toolsAfter.some(t => t.name === 'interop_tool'), 'tools/list includes interop_tool after add_tool', toolsAfter.map(t => t.name));
  const pong = await client.callTool({ name: 'interop_tool', arguments: {} }, undefined, opts);
  check(!pong.isError && textOf(pong) === 'pong', 'interop_tool replies "pong"', pong);

  // Notes: resources/list_changed on add, resources/updated to a subscriber on update.
  since = mark();
  const note = await client.callTool({ name: 'add_note', arguments: { name: 'n1', text: 'a' } }, undefined, opts);
  check(!note.isError, 'add_note succeeded', note);
  await waitFor(since, 'resourcesChanged', () => true, 'notifications/resources/list_changed after add_note');
  checks++;
  await client.subscribeResource({ uri: 'herald://notes/n1' }, opts);
  since = mark();
  const updated = await client.callTool({ name: 'update_note', arguments: { name: 'n1', text: 'b' } }, undefined, opts);
  check(!updated.isError, 'update_note succeeded', updated);
  await waitFor(since, 'resourceUpdated', n => n.params.uri === 'herald://notes/n1',
    'notifications/resources/updated for herald://notes/n1 after update_note');
  checks++;
  const read = await client.readResource({ uri: 'herald://notes/n1' }, opts);
  check(read.contents.length === 1 && read.contents[0].uri === 'herald://notes/n1' && read.contents[0].text === 'b',
    'herald://notes/n1 reads "b" after update_note', read);

  // UTF-8 round trip.
  const message = 'héllo ✓';
  const echo = await client.callTool({ name: 'echo', arguments: { message } }, undefined, opts);
  check(!echo.isError && textOf(echo) === message, `echo returns ${JSON.stringify(message)} unchanged`, echo);

  // Structured output, validated by the SDK against the tool's outputSchema.
  const status = await client.callTool({ name: 'get_server_status', arguments: {} }, undefined, opts);
  check(!status.isError, 'get_server_status succeeded', status);
  check(status.structuredContent !== null && typeof status.structuredContent === 'object', 'get_server_status returns structuredContent',
    status);
  check(status.structuredContent.client?.name === 'herald-interop', 'get_server_status reports this client', status.structuredContent);
  check(status.structuredContent.logLevel === 'debug', 'get_server_status reports log level debug', status.structuredContent);
  check(Array.isArray(status.structuredContent.subscriptions) && status.structuredContent.subscriptions.includes('herald://notes/n1'),
    'get_server_status lists the subscription', status.structuredContent);

  await tasks();

  noSdkErrors('during the session');

  // Close: the SDK ends Herald's stdin; Herald must exit by itself, before the SDK's SIGTERM fallback.
  const child = transport._process; // private, but the only handle on the child; the SDK version is pinned
  check(child !== undefined, 'the transport has a child process');
  const kills = [];
  const originalKill = child.kill.bind(child);
  child.kill = signal => {
    kills.push(signal);
    return originalKill(signal);
  };
  const exited = child.exitCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise(resolve => child.once('exit', (code, signal) => resolve({ code, signal })));
  const closing = Date.now();
  await client.close();
  const exit = await Promise.race([exited, new Promise(resolve => setTimeout(() => resolve(null), 5000))]);
  const closeMs = Date.now() - closing;
  check(exit !== null, 'Herald exited after client.close()');
  check(kills.length === 0, 'Herald exited on stdin EOF within the SDK\'s 2 s grace, without being signalled', { closeMs, kills, exit });
  check(exit.code === 0 && exit.signal === null, 'Herald exit status is 0', exit);
  noSdkErrors('at close');
}

/** MCP tasks (2025-11-25) through the SDK's experimental tasks API. */
async function tasks() {
  const streams = client.experimental.tasks;

  // A required-task tool called plainly: the SDK refuses it itself, and so does Herald when the guard is bypassed.
  const refused = await rejectionOf(client.callTool({ name: 'generate_report', arguments: { topic: 'plain' } }, undefined, opts));
  check(refused !== undefined, 'client.callTool refuses generate_report (taskSupport "required")', errorDetail(refused));
  const plain = await rejectionOf(client.request({ method: 'tools/call', params: { name: 'generate_report', arguments: { topic: 'plain' } } },
    CallToolResultSchema, opts));
  check(plain instanceof McpError && plain.code === -32601, 'Herald answers a plain tools/call of generate_report with -32601',
    errorDetail(plain));
  const forbidden = await rejectionOf(client.request({ method: 'tools/call', params: { name: 'echo', arguments: { message: 'x' } } },
    CreateTaskResultSchema, { ...opts, task: {} }));
  check(forbidden instanceof McpError && forbidden.code === -32601, 'Herald answers a task-augmented tools/call of echo with -32601',
    errorDetail(forbidden));

  // callToolStream: CreateTaskResult, tasks/get polling, tasks/result; progress against the original token.
  let since = mark();
  const progress = [];
  const report = await drain(streams.callToolStream(
    { name: 'generate_report', arguments: { topic: 'interop-topic', sections: 2, section_ms: 50 } }, undefined,
    { ...opts, onprogress: p => progress.push(p) }));
  check(completedStream(report), 'callToolStream(generate_report) yields taskCreated, taskStatus..., result', streamDetail(report));
  const reportTask = report[0].task;
  check(typeof reportTask.taskId === 'string' && reportTask.taskId.length > 0 && reportTask.status === 'working',
    'generate_report\'s CreateTaskResult has a taskId and status working', reportTask);
  const reportResult = report.at(-1).result;
  check(!reportResult.isError && textOf(reportResult).includes('interop-topic'), 'the generate_report result mentions the topic',
    reportResult);
  check(reportResult.structuredContent?.topic === 'interop-topic' && reportResult.structuredContent?.sections?.length === 2,
    'the generate_report result has structuredContent with the topic and 2 sections', reportResult.structuredContent);
  check(reportResult._meta?.[RELATED_TASK_META_KEY]?.taskId === reportTask.taskId, 'tasks/result carries the related-task _meta',
    reportResult._meta);
  check(progress.length === 2 && progress.every((p, i) => p.progress === i + 1 && p.total === 2),
    'generate_report sent progress 1/2 and 2/2 against the tools/call progress token', progress);
  check(progress.every(p => p._meta?.[RELATED_TASK_META_KEY]?.taskId === reportTask.taskId),
    'task progress notifications carry the related-task _meta', progress);
  await waitFor(since, 'taskStatus', n => n.params.taskId === reportTask.taskId && n.params.status === 'completed',
    `notifications/tasks/status completed for ${reportTask.taskId}`);
  checks++;

  // An optional-task tool: callToolStream makes it a task because tools/list said it may be one.
  const lro = await drain(streams.callToolStream({ name: 'long_running_operation', arguments: { steps: 2, step_ms: 10 } }, undefined, opts));
  check(completedStream(lro) && !lro.at(-1).result.isError, 'callToolStream(long_running_operation) runs it as a task to a result',
    streamDetail(lro));
  const lroTask = lro[0].task;

  // confirm: the task goes input_required; the SDK then calls tasks/result, which delivers elicitation/create.
  since = mark();
  const confirmed = await drain(streams.callToolStream(
    { name: 'generate_report', arguments: { topic: 'confirmed-topic', sections: 1, section_ms: 10, confirm: true } }, undefined, opts));
  check(completedStream(confirmed), 'callToolStream(generate_report, confirm) yields taskCreated, taskStatus..., result',
    streamDetail(confirmed));
  const confirmTask = confirmed[0].task;
  const confirmResult = confirmed.at(-1).result;
  check(!confirmResult.isError && textOf(confirmResult).includes('confirmed-topic'), 'the approved report mentions the topic',
    confirmResult);
  await waitFor(since, 'taskStatus', n => n.params.taskId === confirmTask.taskId && n.params.status === 'input_required',
    `notifications/tasks/status input_required for ${confirmTask.taskId}`);
  checks++;
  check(elicitations.length === 1, 'Herald sent one elicitation/create', elicitations);
  const elicitation = elicitations[0];
  check(elicitation.taskId === confirmTask.taskId, 'the elicitation/create carries the task\'s related-task _meta', elicitation);
  check(elicitation.params.mode === 'form' && elicitation.params.requestedSchema?.properties?.approve?.type === 'boolean',
    'the elicitation is a form asking for a boolean "approve"', elicitation.params);
  check(elicitation.afterTasksResult, 'Herald sent elicitation/create only after the SDK called tasks/result',
    sentRequests.map(r => r.method));

  // tasks/list pages through every task this session created.
  const listed = await listAll(p => streams.listTasks(p.cursor, opts), 'tasks');
  for (const task of [reportTask, lroTask, confirmTask]) {
    check(listed.some(t => t.taskId === task.taskId && t.status === 'completed'), `tasks/list shows task ${task.taskId} completed`,
      listed);
  }

  // tasks/cancel on a long task: cancelled; the SDK's poll then ends the stream; a second cancel is -32602.
  const long = streams.callToolStream({ name: 'generate_report', arguments: { topic: 'never', section_ms: 60000 } }, undefined, opts);
  const created = await long.next();
  check(!created.done && created.value.type === 'taskCreated', 'callToolStream(generate_report, 60 s sections) yields taskCreated first',
    created.value);
  const longTask = created.value.task;
  since = mark();
  const cancelled = await streams.cancelTask(longTask.taskId, opts);
  check(cancelled.taskId === longTask.taskId && cancelled.status === 'cancelled', 'tasks/cancel returns the task with status cancelled',
    cancelled);
  await waitFor(since, 'taskStatus', n => n.params.taskId === longTask.taskId && n.params.status === 'cancelled',
    `notifications/tasks/status cancelled for ${longTask.taskId}`);
  checks++;
  const rest = await drain(long);
  check(rest.length === 2 && rest[0].type === 'taskStatus' && rest[0].task.status === 'cancelled' && rest[1].type === 'error'
    && rest[1].error.message.includes('cancelled'), 'the cancelled task\'s stream ends with taskStatus cancelled, then an error',
    streamDetail(rest));
  const afterCancel = await streams.getTask(longTask.taskId, opts);
  check(afterCancel.status === 'cancelled', 'tasks/get shows the task cancelled', afterCancel);
  check((await listAll(p => streams.listTasks(p.cursor, opts), 'tasks')).some(t => t.taskId === longTask.taskId && t.status === 'cancelled'),
    'tasks/list shows the cancelled task');
  const again = await rejectionOf(streams.cancelTask(longTask.taskId, opts));
  check(again instanceof McpError && again.code === -32602, 'cancelling the cancelled task again is -32602', errorDetail(again));
  const finished = await rejectionOf(streams.cancelTask(reportTask.taskId, opts));
  check(finished instanceof McpError && finished.code === -32602, 'cancelling a completed task is -32602', errorDetail(finished));
  const unknown = await rejectionOf(streams.getTask('no-such-task', opts));
  check(unknown instanceof McpError && unknown.code === -32602, 'tasks/get of an unknown taskId is -32602', errorDetail(unknown));
}

try {
  await run();
  console.log(`INTEROP OK ${checks} checks`);
  process.exit(0);
} catch (error) {
  console.error(`INTEROP FAILED after ${checks} checks: ${error?.stack ?? error}`);
  if (sdkErrors.length > 0) {
    console.error(`errors reported by the SDK:\n${sdkErrors.map(e => `  ${e?.stack ?? e}`).join('\n')}`);
  }
  if (stderrText.length > 0) {
    console.error(`Herald stderr:\n${stderrText}`);
  }
  try {
    await client.close();
  } catch {
    // already failing
  }
  process.exit(1);
}
