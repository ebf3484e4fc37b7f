// Drives the real Herald jar with the official TypeScript MCP SDK client.
// Usage: node client.mjs <java> <jarPath>
// Prints "INTEROP OK <n> checks" and exits 0 on success; prints the failure to stderr and exits 1 otherwise.
// Every result and notification passes through the SDK's own zod schemas, so a schema
// violation by Herald surfaces here as a thrown error or as an error reported via client.onerror.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
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

const transport = new StdioClientTransport({ command: java, args: ['-jar', jar], stderr: 'pipe' });
transport.stderr.on('data', chunk => {
  stderrText += chunk.toString('utf8');
});
const client = new Client(
  { name: 'herald-interop', version: '1.0.0' },
  { capabilities: {}, enforceStrictCapabilities: true },
);
client.onerror = error => sdkErrors.push(error);
client.setNotificationHandler(LoggingMessageNotificationSchema, n => record('log', n));
client.setNotificationHandler(ToolListChangedNotificationSchema, n => record('toolsChanged', n));
client.setNotificationHandler(ResourceUpdatedNotificationSchema, n => record('resourceUpdated', n));
client.setNotificationHandler(ResourceListChangedNotificationSchema, n => record('resourcesChanged', n));

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

  // Lists.
  const tools = await listAll(p => client.listTools(p, opts), 'tools');
  const toolNames = tools.map(t => t.name);
  for (const name of ['echo', 'send_notification', 'long_running_operation', 'add_tool', 'remove_tool', 'add_note',
    'update_note', 'get_server_status']) {
    check(toolNames.includes(name), `tools/list includes ${name}`, toolNames);
  }
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
